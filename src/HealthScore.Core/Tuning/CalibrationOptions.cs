using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>How <see cref="ChurnCalibration.Fit"/> turns labelled scores into churn rates.</summary>
public sealed class CalibrationOptions
{
    /// <summary>Gets or sets how the bins are fitted.</summary>
    /// <value>The default value is <see cref="CalibrationMethod.Isotonic"/>.</value>
    public CalibrationMethod Method { get; set; }

    /// <summary>Gets or sets the number of bins of <see cref="CalibrationMethod.Binned"/> (at the score's quantiles).</summary>
    /// <value>The default value is 10; between 2 and 100.</value>
    public int Bins { get; set; } = 10;

    /// <summary>Gets or sets the fewest accounts a bin holds: smaller runs of scores are merged with a neighbour.</summary>
    /// <value>The default value is 30; at least 1.</value>
    public int MinimumBinAccounts { get; set; } = 30;

    /// <summary>Gets or sets the most bins a calibration has: runs of scores are merged (smallest first) until each holds at least this share of the accounts.</summary>
    /// <value>The default value is 20; between 2 and 100.</value>
    public int MaximumBins { get; set; } = 20;

    /// <summary>Gets or sets the fewest accounts a phase needs for bins of its own.</summary>
    /// <value>The default value is 200.</value>
    public int MinimumPhaseAccounts { get; set; } = 200;

    /// <summary>Gets or sets the fewest churners a phase needs for bins of its own.</summary>
    /// <value>The default value is 30.</value>
    public int MinimumPhaseChurners { get; set; } = 30;

    /// <summary>Gets or sets the confidence level of each bin's interval (Wilson score interval).</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>Gets or sets the outcome horizon the labels count churn over, in days, written into the calibration; <see langword="null"/> to leave it unstated.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? HorizonDays { get; set; }
}
