namespace HealthScore.Core.Tuning;

/// <summary>
/// The cross-validated ROC AUC that scores which need not be explainable reach on the same snapshots and folds: how
/// much an additive, explainable health score leaves on the table.
/// </summary>
/// <param name="Folds">The number of folds.</param>
/// <param name="LogisticRegression">The mean held-out AUC of a logistic regression on the metrics' values (standardised,
/// blanks as their own signal, one feature per category); <see langword="null"/> when undefined in every fold.</param>
/// <param name="Additive">The mean held-out AUC of an unconstrained additive model: a free score for each tenth of each
/// metric's values, for a blank and for each category, fitted together.</param>
public sealed record BaselineComparison(int Folds, double? LogisticRegression, double? Additive)
{
    /// <summary>Gets the better of the two, the reference an explainable score is measured against.</summary>
    public double? Best => LogisticRegression is { } l && Additive is { } a ? Math.Max(l, a) : LogisticRegression ?? Additive;
}
