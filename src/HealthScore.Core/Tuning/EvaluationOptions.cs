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

    /// <summary>Gets or sets the number of stratified folds the model and the baselines are compared on (the tuner's folds with the same seed).</summary>
    /// <value>The default value is 5; at least 2.</value>
    public int Folds { get; set; } = 5;

    /// <summary>
    /// Gets or sets whether the report compares the model with what a logistic regression and an unconstrained additive
    /// model reach, cross-validated on the same folds (<see cref="EvaluationReport.Baselines"/>).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Baselines { get; set; } = true;

    /// <summary>Gets or sets whether each metric's direction is also checked alongside the others, as the tuner checks it (<see cref="MetricEvaluation.ReversalSupported"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CheckDirections { get; set; } = true;

    /// <summary>A copy that leaves the baselines out (the tuner compares them on its own folds).</summary>
    internal EvaluationOptions WithoutBaselines() => new()
    {
        BootstrapSamples = BootstrapSamples,
        Seed = Seed,
        ConfidenceLevel = ConfidenceLevel,
        Folds = Folds,
        Baselines = false,
        CheckDirections = CheckDirections,
    };
}
