using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Proposes better weights, scoring functions and band bounds for a model from labelled snapshots, and shows by
/// cross-validation whether the proposal separates churners from stayers better than the model as given.
/// </summary>
/// <remarks>
/// <para>
/// Each metric's proposed scoring function is piecewise linear through its quantiles. Its share of the score and
/// the shape of the function come from one fit: a logistic regression of churn on the segments of every metric (each
/// segment's coefficient non-negative), categories and blanks, with an L2 penalty (<see cref="TuningOptions.Penalty"/>).
/// A metric's weight is the spread of its fitted contribution, so the score stays a weighted mean of 0–1 metric
/// scores: additive, and explained exactly as before.
/// </para>
/// <para>
/// Directions follow the evidence: a metric whose configured direction the training snapshots contradict is fitted
/// the other way round and reversed when that fits better, inside every fold, so the cross-validated AUC stays
/// honest; the notes give the evidence (<see cref="TuningOptions.KeepDirections"/> turns it off). Metrics in
/// <see cref="TuningOptions.SinglePeaked"/> may become single-peaked where an inner cross-validation supports it.
/// A categorical metric gets each category's score; a metric often blank gets the score of a blank. The proposal never
/// scores fewer of the snapshots the model as given scores (its minimum coverage is lowered, with a note), and every
/// before/after AUC is over the snapshots both score. A group that takes the minimum or maximum of its members is
/// fitted as one unit on its own score. The proposal carries a calibration from score to churn rate, fitted on the
/// held-out scores (<see cref="TuningOptions.Calibration"/>).
/// </para>
/// </remarks>
public static partial class ModelTuner
{
    /// <summary>Fits a proposal on all snapshots and cross-validates it against the model as given.</summary>
    /// <param name="definition">The model as given; it is not changed.</param>
    /// <param name="values">The snapshots' metric values, row after row, in the metric order of the compiled definition
    /// (<see cref="HealthModel.Metrics"/>); NaN for missing.</param>
    /// <param name="phaseIds">One phase id per snapshot, or empty for the model's default phase.</param>
    /// <param name="churned">Whether each account churned after its snapshot.</param>
    /// <param name="accountValues">One non-negative value per snapshot for the reports' value-weighted figures, or empty.</param>
    /// <param name="options">The fitting and cross-validation settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Checked between folds and between candidate fits.</param>
    /// <returns>The proposal, the per-fold AUC before and after, and full evaluation reports.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="HealthModelException">The definition does not compile.</exception>
    /// <exception cref="ArgumentException">The spans do not line up, a phase or band id is unknown, the options are out
    /// of range, the model does not combine its groups by weighted mean, or there are fewer churners or stayers than folds.</exception>
    public static TuningResult Tune(
        HealthModelDefinition definition,
        ReadOnlySpan<double> values,
        ReadOnlySpan<string> phaseIds,
        ReadOnlySpan<bool> churned,
        ReadOnlySpan<double> accountValues,
        TuningOptions? options = null,
        CancellationToken cancellationToken = default) =>
        TuneWithProfiles(definition, values, phaseIds, [], churned, accountValues, options, cancellationToken);

    /// <summary>
    /// Fits a proposal on all snapshots and cross-validates it against the model as given; for a model with profiles,
    /// also tunes each profile's weights on the snapshots of its own accounts (or, with <see cref="TuningOptions.Profile"/>,
    /// only that profile's).
    /// </summary>
    /// <param name="definition">The model as given; it is not changed.</param>
    /// <param name="values">The snapshots' metric values, row after row, in the metric order of the compiled definition
    /// (<see cref="HealthModel.Metrics"/>); NaN for missing.</param>
    /// <param name="phaseIds">One phase id per snapshot, or empty for the model's default phase.</param>
    /// <param name="profileIds">One profile id per snapshot (empty text for the model's default profile), or empty when the
    /// snapshots do not say; then profiles are not tuned, and a note says so.</param>
    /// <param name="churned">Whether each account churned after its snapshot.</param>
    /// <param name="accountValues">One non-negative value per snapshot for the reports' value-weighted figures, or empty.</param>
    /// <param name="options">The fitting and cross-validation settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Checked between folds and between candidate fits.</param>
    /// <returns>The proposal, the per-fold AUC before and after, full evaluation reports, and what was done for each profile.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="HealthModelException">The definition does not compile.</exception>
    /// <exception cref="ArgumentException">The spans do not line up, a phase, profile or band id is unknown, the options
    /// are out of range, the model does not combine its groups by weighted mean, there are fewer churners or stayers than
    /// folds, or the profile named has too few snapshots to be tuned on its own.</exception>
    public static TuningResult TuneWithProfiles(
        HealthModelDefinition definition,
        ReadOnlySpan<double> values,
        ReadOnlySpan<string> phaseIds,
        ReadOnlySpan<string> profileIds,
        ReadOnlySpan<bool> churned,
        ReadOnlySpan<double> accountValues,
        TuningOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new TuningOptions();
        var model = HealthModel.Compile(definition);
        var metricCount = model.Metrics.Count;
        TuningInput.CheckSnapshots(model, values, phaseIds, churned, accountValues, options);
        TuningInput.CheckProfiles(model, profileIds, churned.Length, options);
        TuningInput.CheckAggregation(definition);
        cancellationToken.ThrowIfCancellationRequested();

        var snapshots = new LabelledSnapshots(values.ToArray(), phaseIds.ToArray(), churned.ToArray(), accountValues.ToArray(), metricCount);
        var profiles = profileIds.ToArray();
        if (options.Profile is { } named)
        {
            return TuneProfile(definition, model, snapshots, profiles, named, options, cancellationToken);
        }

        var fold = StratifiedFolds.Assign(values, metricCount, phaseIds, churned, options.Folds, options.Seed);
        TuningInput.CheckFolds(fold, snapshots.Churned, options.Folds);
        var fixedShapes = FixedShapes(definition);
        var validation = CrossValidate(definition, model, snapshots, fold, options, fixedShapes, cancellationToken);

        var notes = new List<string>();
        var all = snapshots.AllRows();
        var fit = TuningFit.Fit(model, snapshots, all, options, fixedShapes, cancellationToken);
        var proposal = ModelProposal.Propose(definition, model, fit, options, notes);
        CoverageCheck.Apply(model, proposal, snapshots, all, notes);

        double? withFixedDirections = null;
        if (!options.KeepDirections && fit.Evidence.Any(static e => e.Reversed))
        {
            cancellationToken.ThrowIfCancellationRequested();
            withFixedDirections = Mean(CrossValidate(definition, model, snapshots, fold, options.WithFixedDirections(), fixedShapes, cancellationToken).Folds.Select(static f => f.AucAfter));
        }

        var after = Mean(validation.Folds.Select(static f => f.AucAfter));
        EvidenceNotes(model, fit, validation, after, withFixedDirections, options, notes);
        var heldOut = validation.HeldOutScores;
        List<ProfileTuning> profileTunings = [];
        if (model.Profiles.Count > 0)
        {
            (proposal, heldOut, profileTunings) = TuneProfiles(definition, model, proposal, validation, snapshots, profiles, fold, options, notes, cancellationToken);
        }

        var bands = options.BandTargets.Count > 0 ? BandProposer.Apply(proposal, snapshots, options.BandTargets, notes) : [];
        if (options.Calibration is { } calibration)
        {
            var byId = HealthModel.Compile(proposal);
            proposal.Calibration = ChurnCalibration.Fit(byId, heldOut, phaseIds, churned, calibration);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var tuned = HealthModel.Compile(proposal);
        var metrics = ModelProposal.Changes(definition, model, fit, proposal);
        var baselines = Baselines.CrossValidate(model, snapshots, fold, options.Folds, options.MaxIterations, cancellationToken);
        var population = Population(model, tuned, snapshots, all);
        return new TuningResult(
            proposal,
            validation.Folds,
            snapshots.Evaluate(model, options.Evaluation),
            snapshots.Evaluate(tuned, options.Evaluation),
            metrics,
            bands,
            notes)
        {
            CrossValidatedAucWithFixedDirections = withFixedDirections,
            Baselines = baselines,
            Population = population,
            Profiles = profileTunings,
        };
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

    /// <summary>The ids of metrics a phase gives a function of its own: their direction and shape stay as given.</summary>
    private static HashSet<string> FixedShapes(HealthModelDefinition definition) =>
        definition.Phases.Where(static p => p is not null).SelectMany(static p => p.Scoring.Keys).ToHashSet(StringComparer.Ordinal);

    internal static double? Mean(IEnumerable<double?> values)
    {
        var defined = values.Where(static v => v.HasValue).Select(static v => v!.Value).ToList();
        return defined.Count == 0 ? null : defined.Average();
    }

    /// <summary>The cross-validation: each fold's figures, each snapshot's held-out score, and what each fold's fit decided.</summary>
    private sealed record Validation(List<FoldResult> Folds, double[] HeldOutScores, int[] ReversedIn, int[] PeakedIn, List<HealthModelDefinition> FoldProposals);

    /// <summary>
    /// Each fold's AUC of the model as given and of a proposal fitted without the fold, both on the fold and over the
    /// held-out snapshots both score: the proposal is judged on snapshots it has not seen, as it would be on next
    /// quarter's accounts, and on the same accounts as the model it would replace.
    /// </summary>
    private static Validation CrossValidate(HealthModelDefinition definition, HealthModel model, LabelledSnapshots snapshots, int[] fold, TuningOptions options, HashSet<string> fixedShapes, CancellationToken cancellationToken)
    {
        var before = snapshots.Results(model, snapshots.AllRows());
        var folds = new List<FoldResult>(options.Folds);
        var heldOut = new double[snapshots.Churned.Length];
        var reversedIn = new int[model.Metrics.Count];
        var peakedIn = new int[model.Metrics.Count];
        var proposals = new List<HealthModelDefinition>(options.Folds);
        for (var f = 0; f < options.Folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = LabelledSnapshots.FoldRows(fold, f, inFold: false);
            var test = LabelledSnapshots.FoldRows(fold, f, inFold: true);
            var foldFit = TuningFit.Fit(model, snapshots, training, options, fixedShapes, cancellationToken);
            var foldProposal = ModelProposal.Propose(definition, model, foldFit, options, notes: null);
            CoverageCheck.Apply(model, foldProposal, snapshots, training, notes: null);
            proposals.Add(foldProposal);
            var foldModel = HealthModel.Compile(foldProposal);
            for (var j = 0; j < model.Metrics.Count; j++)
            {
                reversedIn[j] += foldFit.Evidence[j].Reversed && foldFit.Metrics[j].Weight > 0 ? 1 : 0;
                peakedIn[j] += foldFit.Evidence[j].PeakedLogLoss is not null ? 1 : 0;
            }

            var testChurned = LabelledSnapshots.Select(snapshots.Churned, test);
            var testBefore = LabelledSnapshots.Select(before, test);
            var testAfter = snapshots.Results(foldModel, test);
            var riskBefore = new double[test.Length];
            var riskAfter = new double[test.Length];
            for (var r = 0; r < test.Length; r++)
            {
                heldOut[test[r]] = testAfter[r].UnroundedScore ?? double.NaN;
                var both = testBefore[r].UnroundedScore is not null && testAfter[r].UnroundedScore is not null;
                riskBefore[r] = both ? LabelledSnapshots.Risk(testBefore[r]) : double.NaN;
                riskAfter[r] = both ? LabelledSnapshots.Risk(testAfter[r]) : double.NaN;
            }

            var (scoredBefore, scoredAfter, compared) = CoverageCheck.Scored(testBefore, testAfter);
            folds.Add(new FoldResult(
                f + 1,
                training.Length,
                test.Length,
                testChurned.Count(static c => c),
                ModelEvaluation.Finite(RocAuc.Compute(riskBefore, testChurned)),
                ModelEvaluation.Finite(RocAuc.Compute(riskAfter, testChurned)))
            {
                ScoredBefore = scoredBefore,
                ScoredAfter = scoredAfter,
                Compared = compared,
            });
        }

        return new Validation(folds, heldOut, reversedIn, peakedIn, proposals);
    }

    /// <summary>Says, for each metric the final fit reversed or made single-peaked, what the evidence was.</summary>
    private static void EvidenceNotes(HealthModel model, TuningFit fit, Validation validation, double? after, double? withFixedDirections, TuningOptions options, List<string> notes)
    {
        for (var j = 0; j < model.Metrics.Count; j++)
        {
            var metric = model.Metrics[j];
            var evidence = fit.Evidence[j];
            if (evidence.Reversed && fit.Metrics[j].Weight > 0)
            {
                var configured = metric.Direction == MetricDirection.HigherIsBetter ? "higher is better" : "lower is better";
                var reversed = metric.Direction == MetricDirection.HigherIsBetter ? "lower is better" : "higher is better";
                var own = evidence.OwnAuc is { } auc
                    ? string.Create(CultureInfo.InvariantCulture, $"its own AUC read as {configured} is {auc:0.000}{(auc < 0.5 ? " (below 0.5: evaluate flags it)" : ", but alongside the other metrics it gets no weight that way")}")
                    : "it has no AUC of its own";
                notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Metric '{metric.Id}' reversed to {reversed}: {own}; the reversal fits better in {validation.ReversedIn[j]} of {options.Folds} training folds; cross-validated AUC {ModelEvaluation.Format(after)} with it, {ModelEvaluation.Format(withFixedDirections)} with every direction as configured. Review it, or keep directions with TuningOptions.KeepDirections (--keep-directions)."));
            }

            if (evidence.PeakedLogLoss is { } peaked && evidence.MonotoneLogLoss is { } monotone && fit.Metrics[j].Weight > 0)
            {
                var knots = fit.Metrics[j].Spec.Knots;
                notes.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Metric '{metric.Id}' is scored single-peaked, best at {knots[fit.Metrics[j].Spec.Peak]:0.###}: held-out log-loss {peaked:0.0000} against {monotone:0.0000} monotone, in an inner cross-validation on all snapshots; single-peaked in {validation.PeakedIn[j]} of {options.Folds} training folds."));
            }
        }
    }

    /// <summary>How many snapshots each model scores and the AUC of both over the snapshots both score.</summary>
    private static TuningPopulation Population(HealthModel model, HealthModel tuned, LabelledSnapshots snapshots, int[] rows)
    {
        var before = snapshots.Results(model, rows);
        var after = snapshots.Results(tuned, rows);
        var (scoredBefore, scoredAfter, both) = CoverageCheck.Scored(before, after);
        var riskBefore = new double[rows.Length];
        var riskAfter = new double[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var compared = before[r].UnroundedScore is not null && after[r].UnroundedScore is not null;
            riskBefore[r] = compared ? LabelledSnapshots.Risk(before[r]) : double.NaN;
            riskAfter[r] = compared ? LabelledSnapshots.Risk(after[r]) : double.NaN;
        }

        return new TuningPopulation(
            rows.Length,
            scoredBefore,
            scoredAfter,
            both,
            ModelEvaluation.Finite(RocAuc.Compute(riskBefore, snapshots.Churned)),
            ModelEvaluation.Finite(RocAuc.Compute(riskAfter, snapshots.Churned)),
            model.MinimumCoverage,
            tuned.MinimumCoverage);
    }
}
