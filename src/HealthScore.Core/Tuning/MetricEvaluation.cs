using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>How well one metric on its own separates churners from stayers, and whether its configured direction agrees.</summary>
public sealed class MetricEvaluation
{
    internal MetricEvaluation(Metric metric, double? auc, double missingRate)
    {
        Metric = metric;
        Auc = auc;
        MissingRate = missingRate;
    }

    /// <summary>Gets the metric.</summary>
    public Metric Metric { get; }

    /// <summary>
    /// Gets the ROC AUC of the metric alone, read in its configured direction (a worse value means more risk),
    /// over the accounts that have it; <see langword="null"/> when they are all churners or all stayers.
    /// </summary>
    public double? Auc { get; }

    /// <summary>Gets whether the data contradicts the configured direction: the metric's AUC is below 0.5, so better values go with more churn.</summary>
    public bool ContradictsDirection => Auc < 0.5;

    /// <summary>Gets the share of accounts with no usable value for the metric.</summary>
    public double MissingRate { get; }
}
