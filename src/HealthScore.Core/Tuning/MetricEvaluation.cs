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
    /// Gets the ROC AUC of the metric alone, read with its scoring function (a worse value means more risk: the raw value
    /// in the function's direction, or the function's score for a single-peaked or categorical metric), over the
    /// accounts that have it; <see langword="null"/> when they are all churners or all stayers.
    /// </summary>
    public double? Auc { get; }

    /// <summary>Gets whether the data contradicts the configured direction: the metric's AUC is below 0.5, so better values go with more churn.</summary>
    public bool ContradictsDirection => Auc < 0.5;

    /// <summary>
    /// Gets whether the tuner (with its default settings, on these snapshots) would reverse the metric: alongside the
    /// other metrics, the other direction fits the outcomes better. It may differ from <see cref="ContradictsDirection"/>:
    /// a metric can look wrong alone and right alongside the others (or the other way round). <see langword="null"/> when
    /// the check was not run (<see cref="EvaluationOptions.CheckDirections"/>) or the model cannot be tuned.
    /// </summary>
    public bool? ReversalSupported { get; internal init; }

    /// <summary>Gets whether the metric is flagged for review: its direction is contradicted on its own, or the tuner would reverse it.</summary>
    public bool Flagged => ContradictsDirection || ReversalSupported == true;

    /// <summary>Gets the share of accounts with no usable value for the metric.</summary>
    public double MissingRate { get; }
}
