namespace HealthScore.Core.Tuning;

/// <summary>Whether a model's scores separate the accounts that churned from those that stayed, and which metrics do.</summary>
public sealed class EvaluationReport
{
    internal EvaluationReport(
        int accounts,
        int scored,
        int churned,
        double? auc,
        (double Lower, double Upper)? aucInterval,
        double? valueWeightedAuc,
        double? topDecileLift,
        IReadOnlyList<OutcomeRate> bands,
        IReadOnlyList<OutcomeRate> phases,
        IReadOnlyList<MetricEvaluation> metrics,
        IReadOnlyList<double> coverageQuantiles,
        IReadOnlyList<RocPoint> rocCurve)
    {
        Accounts = accounts;
        Scored = scored;
        Churned = churned;
        Auc = auc;
        AucLower = aucInterval?.Lower;
        AucUpper = aucInterval?.Upper;
        ValueWeightedAuc = valueWeightedAuc;
        TopDecileLift = topDecileLift;
        Bands = bands;
        Phases = phases;
        Metrics = metrics;
        CoverageQuantiles = coverageQuantiles;
        RocCurve = rocCurve;
    }

    /// <summary>Gets the number of accounts evaluated.</summary>
    public int Accounts { get; }

    /// <summary>Gets the number of accounts that have a score (not insufficient data).</summary>
    public int Scored { get; }

    /// <summary>Gets the number of accounts that churned.</summary>
    public int Churned { get; }

    /// <summary>Gets the ROC AUC of the score (a lower score meaning more risk) over the scored accounts.</summary>
    public double? Auc { get; }

    /// <summary>Gets the lower end of the AUC's bootstrap confidence interval.</summary>
    public double? AucLower { get; }

    /// <summary>Gets the upper end of the AUC's bootstrap confidence interval.</summary>
    public double? AucUpper { get; }

    /// <summary>Gets the AUC with each account weighted by its value, when values were given.</summary>
    public double? ValueWeightedAuc { get; }

    /// <summary>Gets the churn rate of the riskiest tenth of scored accounts divided by the churn rate of all scored accounts.</summary>
    public double? TopDecileLift { get; }

    /// <summary>Gets the churn per band (the insufficient-data band last).</summary>
    public IReadOnlyList<OutcomeRate> Bands { get; }

    /// <summary>Gets the churn per phase.</summary>
    public IReadOnlyList<OutcomeRate> Phases { get; }

    /// <summary>Gets each metric's own predictive power, direction check and missing rate.</summary>
    public IReadOnlyList<MetricEvaluation> Metrics { get; }

    /// <summary>Gets the coverage distribution: minimum, 10th, 25th, 50th, 75th, 90th percentile and maximum.</summary>
    public IReadOnlyList<double> CoverageQuantiles { get; }

    /// <summary>
    /// Gets the ROC curve of the score over the scored accounts, from (0, 0) to (1, 1), one point per distinct score
    /// (lowest scores flagged first); empty when the accounts are all churners or all stayers.
    /// </summary>
    public IReadOnlyList<RocPoint> RocCurve { get; }

    /// <summary>Gets the model's mean AUC over the stratified folds the baselines are fitted on, to set against them.</summary>
    public double? FoldAuc { get; internal init; }

    /// <summary>Gets what a logistic regression and an unconstrained additive model reach on the same folds, or <see langword="null"/> when not computed.</summary>
    public BaselineComparison? Baselines { get; internal init; }

    /// <summary>
    /// Gets the reliability (calibration) curve of a calibrated model: the scored accounts in up to ten groups by
    /// expected churn rate, each with the rate expected and the rate observed. Empty when the model is not calibrated.
    /// </summary>
    public IReadOnlyList<ReliabilityPoint> Reliability { get; internal init; } = [];
}
