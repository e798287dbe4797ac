using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>The tuner's proposal and the evidence for it: cross-validated AUC before and after, per fold, and full reports.</summary>
public sealed class TuningResult
{
    internal TuningResult(
        HealthModelDefinition definition,
        IReadOnlyList<FoldResult> folds,
        EvaluationReport before,
        EvaluationReport after,
        IReadOnlyList<MetricTuning> metrics,
        IReadOnlyList<BandProposal> bands,
        IReadOnlyList<string> notes)
    {
        Definition = definition;
        Folds = folds;
        Before = before;
        After = after;
        Metrics = metrics;
        Bands = bands;
        Notes = notes;
        CrossValidatedAucBefore = ModelTuner.Mean(folds.Select(static f => f.AucBefore));
        CrossValidatedAucAfter = ModelTuner.Mean(folds.Select(static f => f.AucAfter));
    }

    /// <summary>
    /// Gets the proposed model: a copy of the given definition with new group and metric weights and scoring
    /// functions (and band bounds, when targets were given), fitted on all snapshots. Labels, phases, rules and
    /// actions are kept. Write it with <c>HealthModelDocument.Write</c>.
    /// </summary>
    public HealthModelDefinition Definition { get; }

    /// <summary>Gets each fold's AUC before and after.</summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>Gets the mean held-out AUC of the model as given, over the folds where it is defined; <see langword="null"/> when it is defined in none.</summary>
    public double? CrossValidatedAucBefore { get; }

    /// <summary>Gets the mean held-out AUC of the proposal (each fold's proposal fitted without that fold), over the folds where it is defined.</summary>
    public double? CrossValidatedAucAfter { get; }

    /// <summary>Gets the evaluation of the model as given on all snapshots.</summary>
    public EvaluationReport Before { get; }

    /// <summary>Gets the evaluation of the proposal on all snapshots (the ones it was fitted on: optimistic; the cross-validated AUC is the honest figure).</summary>
    public EvaluationReport After { get; }

    /// <summary>Gets what changed for each metric, in the model's metric order.</summary>
    public IReadOnlyList<MetricTuning> Metrics { get; }

    /// <summary>Gets the proposed band bounds, when band targets were given; otherwise empty.</summary>
    public IReadOnlyList<BandProposal> Bands { get; }

    /// <summary>
    /// Gets what the tuner changed beyond weights and shapes, and what it left as it was, and why: reversed directions
    /// and single peaks with their evidence, blanks given a score, a lowered minimum coverage, phase overrides, metrics
    /// without data, unmet band targets.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Gets the cross-validated AUC the proposal would reach with every metric in its configured direction, when the
    /// proposal reverses one (so the notes can say what the reversals are worth); otherwise <see langword="null"/>.
    /// </summary>
    public double? CrossValidatedAucWithFixedDirections { get; internal init; }

    /// <summary>Gets what a logistic regression and an unconstrained additive model reach on the same snapshots and folds.</summary>
    public BaselineComparison? Baselines { get; internal init; }

    /// <summary>Gets how many snapshots the model as given and the proposal score, and the AUC of both over the snapshots both score.</summary>
    public TuningPopulation? Population { get; internal init; }

    /// <summary>
    /// Gets the id of the one profile tuned (<see cref="TuningOptions.Profile"/>), or <see langword="null"/> when the
    /// model itself was tuned. With a profile named, <see cref="Folds"/>, <see cref="Before"/>, <see cref="After"/>,
    /// <see cref="Metrics"/>, <see cref="Baselines"/> and <see cref="Population"/> are the profile's, over its own snapshots.
    /// </summary>
    public string? Profile { get; internal init; }

    /// <summary>
    /// Gets, for a model with profiles and snapshots that name theirs, what tuning did for each profile (or the one
    /// named): tuned on its own snapshots, or kept with the reason. Empty for a model without profiles.
    /// </summary>
    public IReadOnlyList<ProfileTuning> Profiles { get; internal init; } = [];
}
