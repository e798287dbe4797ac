namespace HealthScore.Core.Tuning;

/// <summary>How <see cref="ModelEvaluation.Evaluate"/> estimates its confidence interval.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Gets or sets the number of bootstrap resamples for the AUC's confidence interval; 0 for none.</summary>
    /// <value>The default value is 1,000.</value>
    public int BootstrapSamples { get; set; } = 1_000;

    /// <summary>Gets or sets the seed of the resampling, so the interval is the same on every run.</summary>
    /// <value>The default value is 1.</value>
    public ulong Seed { get; set; } = 1;

    /// <summary>Gets or sets the confidence level of the interval.</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; set; } = 0.95;
}
