using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Proposes better weights, scoring functions and band bounds for a model from labelled snapshots, and shows by
/// cross-validation whether the proposal separates churners from stayers better than the model as given.
/// </summary>
/// <remarks>
/// <para>
/// Each metric's proposed scoring function is piecewise linear through its quantiles, and rises (or falls) only in the
/// metric's configured direction. Its share of the score and the shape of the function come from one fit: a
/// logistic regression of churn on the segments of every metric with non-negative coefficients and an L2 penalty
/// (<see cref="TuningOptions.Penalty"/>). A metric's weight is the sum of its coefficients, so the score stays a
/// weighted mean of 0–1 metric scores: additive, and explained exactly as before.
/// </para>
/// <para>
/// Missing values are filled with the metric's mean segment values for the fit; the proposed model handles them with
/// each metric's missing-data policy, as before. A group that takes the minimum or maximum of its members is fitted as
/// one unit on its own score: it gets a weight, and its members keep their functions and weights.
/// </para>
/// </remarks>
public static class ModelTuner
{
    /// <summary>Fits a proposal on all snapshots and cross-validates it against the model as given.</summary>
    /// <param name="definition">The model as given; it is not changed.</param>
    /// <param name="values">The snapshots' metric values, row after row, in the metric order of the compiled definition
    /// (<see cref="HealthModel.Metrics"/>); NaN for missing.</param>
    /// <param name="phaseIds">One phase id per snapshot, or empty for the model's default phase.</param>
    /// <param name="churned">Whether each account churned after its snapshot.</param>
    /// <param name="accountValues">One non-negative value per snapshot for the reports' value-weighted figures, or empty.</param>
    /// <param name="options">The fitting and cross-validation settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The proposal, the per-fold AUC before and after, and full evaluation reports.</returns>
    /// <exception cref="HealthModelException">The definition does not compile.</exception>
    /// <exception cref="ArgumentException">The spans do not line up, a phase or band id is unknown, the options are out
    /// of range, the model does not combine its groups by weighted mean, or there are fewer churners or stayers than folds.</exception>
    public static TuningResult Tune(
        HealthModelDefinition definition,
        ReadOnlySpan<double> values,
        ReadOnlySpan<string> phaseIds,
        ReadOnlySpan<bool> churned,
        ReadOnlySpan<double> accountValues,
        TuningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new TuningOptions();
        var model = HealthModel.Compile(definition);
        var metricCount = model.Metrics.Count;
        TuningInput.CheckSnapshots(model, values, phaseIds, churned, accountValues, options);
        TuningInput.CheckAggregation(definition);

        var snapshots = new LabelledSnapshots(values.ToArray(), phaseIds.ToArray(), churned.ToArray(), accountValues.ToArray(), metricCount);
        var fold = StratifiedFolds.Assign(values, metricCount, phaseIds, churned, options.Folds, options.Seed);
        TuningInput.CheckFolds(fold, snapshots.Churned, options.Folds);
        var folds = CrossValidate(definition, model, snapshots, fold, options);

        var notes = new List<string>();
        var fit = TuningFit.Fit(model, snapshots, snapshots.AllRows(), options);
        var proposal = ModelProposal.Propose(definition, model, fit, options, notes);
        var bands = options.BandTargets.Count > 0 ? BandProposer.Apply(proposal, snapshots, options.BandTargets, notes) : [];
        var tuned = HealthModel.Compile(proposal);
        var metrics = ModelProposal.Changes(definition, model, fit, proposal);
        return new TuningResult(
            proposal,
            folds,
            snapshots.Evaluate(model, options.Evaluation),
            snapshots.Evaluate(tuned, options.Evaluation),
            metrics,
            bands,
            notes);
    }

    /// <summary>
    /// Proposes band lower bounds that meet target churn rates on a model's scores: each target moves the model's lower
    /// bound of the band above the targeted one to where the churn rate (fitted on all snapshots so it never rises as
    /// the score rises) falls below the target. Bands without a target keep their bounds unless a target moves them;
    /// bounds a phase sets for itself stay as they are, and a move that would put them out of order is not made.
    /// </summary>
    /// <param name="model">The model whose scores decide.</param>
    /// <param name="values">The snapshots' metric values, row after row (one value per metric in <see cref="HealthModel.Metrics"/> order).</param>
    /// <param name="phases">One phase per snapshot, or empty for the model's default phase.</param>
    /// <param name="churned">Whether each account churned after its snapshot.</param>
    /// <param name="targets">The churn rates, at most one per band; rates must fall from the worst band to the best.</param>
    /// <returns>One proposal per band of the model, worst first, with the accounts and churn each band would have
    /// (each snapshot judged with its phase's bounds).</returns>
    /// <exception cref="ArgumentException">The spans do not line up, or a target is out of range, names an unknown band,
    /// the best band or a band already targeted.</exception>
    public static IReadOnlyList<BandProposal> ProposeBands(
        HealthModel model,
        ReadOnlySpan<double> values,
        ReadOnlySpan<Phase> phases,
        ReadOnlySpan<bool> churned,
        IEnumerable<BandTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(targets);
        TuningInput.CheckBandSnapshots(model, values, phases, churned);
        var results = LabelledSnapshots.Score(model, values, phases, churned.Length);
        var scores = Array.ConvertAll(results, static r => r.UnroundedScore ?? double.NaN);
        return BandProposer.Propose(model, scores, phases.ToArray(), churned.ToArray(), [.. targets], notes: null);
    }

    /// <summary>
    /// Each fold's AUC of the model as given and of a proposal fitted without the fold, both on the fold: the proposal
    /// is judged on snapshots it has not seen, as it would be on next quarter's accounts.
    /// </summary>
    private static List<FoldResult> CrossValidate(HealthModelDefinition definition, HealthModel model, LabelledSnapshots snapshots, int[] fold, TuningOptions options)
    {
        var beforeRisk = snapshots.Risk(model, snapshots.AllRows());
        var folds = new List<FoldResult>(options.Folds);
        for (var f = 0; f < options.Folds; f++)
        {
            var training = LabelledSnapshots.FoldRows(fold, f, inFold: false);
            var test = LabelledSnapshots.FoldRows(fold, f, inFold: true);
            var foldFit = TuningFit.Fit(model, snapshots, training, options);
            var foldModel = HealthModel.Compile(ModelProposal.Propose(definition, model, foldFit, options, notes: null));
            var testChurned = LabelledSnapshots.Select(snapshots.Churned, test);
            folds.Add(new FoldResult(
                f + 1,
                training.Length,
                test.Length,
                testChurned.Count(static c => c),
                ModelEvaluation.Finite(RocAuc.Compute(LabelledSnapshots.Select(beforeRisk, test), testChurned)),
                ModelEvaluation.Finite(RocAuc.Compute(snapshots.Risk(foldModel, test), testChurned))));
        }

        return folds;
    }
}
