using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>What the tuner proposes for one metric: its share of the score and its scoring function.</summary>
public sealed class MetricTuning
{
    internal MetricTuning(string id, string label, double shareBefore, double shareAfter, bool atMinimum, string? keptWithin, ScoringFunctionDefinition? scoringBefore, ScoringFunctionDefinition? scoringAfter)
    {
        KeptWithin = keptWithin;
        Id = id;
        Label = label;
        ShareBefore = shareBefore;
        ShareAfter = shareAfter;
        AtMinimum = atMinimum;
        ScoringBefore = scoringBefore;
        ScoringAfter = scoringAfter;
    }

    /// <summary>Gets the metric's id.</summary>
    public string Id { get; }

    /// <summary>Gets the metric's label.</summary>
    public string Label { get; }

    /// <summary>Gets the metric's share of the whole score in the model as given (group share × share within the group).</summary>
    public double ShareBefore { get; }

    /// <summary>Gets the metric's share of the whole score in the proposal.</summary>
    public double ShareAfter { get; }

    /// <summary>
    /// Gets whether the data gave the metric no weight in its configured direction, so it keeps only
    /// <see cref="TuningOptions.MinimumWeightShare"/> and its scoring function as given. Review it: remove it, or check its direction.
    /// </summary>
    public bool AtMinimum { get; }

    /// <summary>
    /// Gets the id of the group the metric's scoring function and weight are kept in, when it belongs to a group that
    /// does not aggregate by weighted mean (for example "worst signal decides"): the tuner weighs that group as a whole.
    /// </summary>
    public string? KeptWithin { get; }

    /// <summary>Gets the metric's scoring function as given.</summary>
    public ScoringFunctionDefinition? ScoringBefore { get; }

    /// <summary>Gets the proposed scoring function (piecewise linear through the metric's quantiles, or single-peaked).</summary>
    public ScoringFunctionDefinition? ScoringAfter { get; }

    /// <summary>
    /// Gets whether the proposal runs the metric against its configured direction, because the data (all snapshots,
    /// alongside the other metrics) says the other way round fits better. Review it: the tuning notes give the evidence.
    /// </summary>
    public bool Reversed { get; internal init; }

    /// <summary>Gets whether the proposal scores the metric single-peaked: best at a middle value (<see cref="PeakedScoring"/>).</summary>
    public bool SinglePeaked { get; internal init; }

    /// <summary>Gets the score a blank value earns in the proposal (missing: fixed), or <see langword="null"/> when the metric keeps another policy.</summary>
    public double? BlankScore { get; internal init; }

    /// <summary>Gets the metric's own ROC AUC on all snapshots in its configured direction, as <see cref="MetricEvaluation.Auc"/> of the model as given reports it.</summary>
    public double? OwnAuc { get; internal init; }
}
