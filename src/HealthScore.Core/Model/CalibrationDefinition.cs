using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>
/// What a score means as a churn rate: for runs of scores, the share of accounts that churned within the outcome
/// horizon after a snapshot with such a score, with an interval. The tuner writes it (fitted on held-out scores);
/// <see cref="HealthModel.EstimateChurn(double, Phase)"/> reads it, and results and snapshots carry the expected rate.
/// </summary>
public sealed class CalibrationDefinition
{
    /// <summary>Gets or sets how the bins were fitted.</summary>
    /// <value>The default value is <see cref="CalibrationMethod.Isotonic"/>.</value>
    public CalibrationMethod Method { get; set; }

    /// <summary>Gets or sets the outcome horizon in days: the rates are of churn within this many days of the snapshot.</summary>
    /// <value>The default value is <see langword="null"/>: the horizon of the labelled data, not stated.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HorizonDays { get; set; }

    /// <summary>Gets or sets the confidence level of the bins' intervals.</summary>
    /// <value>The default value is 0.95.</value>
    public double ConfidenceLevel { get; set; } = 0.95;

    /// <summary>Gets the bins of every account together, in ascending order of <see cref="CalibrationBin.From"/>; used for phases without their own.</summary>
    public List<CalibrationBin> Bins { get; set; } = [];

    /// <summary>Gets the bins of phases with enough accounts and churners of their own, by phase id.</summary>
    public Dictionary<string, List<CalibrationBin>> Phases { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One run of scores and the churn observed for it.</summary>
public sealed class CalibrationBin
{
    /// <summary>Gets or sets the lowest score of the bin (unrounded); the bin runs to the next bin's <see cref="From"/>. A score below the first bin's counts in the first bin.</summary>
    public double From { get; set; }

    /// <summary>Gets or sets the churn rate observed for the bin's scores, between 0 and 1.</summary>
    public double ChurnRate { get; set; }

    /// <summary>Gets or sets the lower end of the rate's interval (Wilson score interval at the calibration's confidence level).</summary>
    public double Lower { get; set; }

    /// <summary>Gets or sets the upper end of the rate's interval.</summary>
    public double Upper { get; set; }

    /// <summary>Gets or sets the number of labelled snapshots in the bin.</summary>
    public int Accounts { get; set; }

    /// <summary>Gets or sets how many of them churned.</summary>
    public int Churned { get; set; }
}

/// <summary>How a calibration's bins are fitted.</summary>
public enum CalibrationMethod
{
    /// <summary>Isotonic regression (pooling adjacent violators): the churn rate never rises as the score rises, one bin per run of scores with one rate. This is the default.</summary>
    [JsonStringEnumMemberName("isotonic")]
    Isotonic = 0,

    /// <summary>Bins of about equal numbers of accounts at the score's quantiles, each with its observed rate.</summary>
    [JsonStringEnumMemberName("binned")]
    Binned = 1,
}
