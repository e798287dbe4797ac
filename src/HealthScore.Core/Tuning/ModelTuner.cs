using System.Globalization;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

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
        var rows = churned.Length;
        var metricCount = model.Metrics.Count;
        CheckInput(model, values, phaseIds, churned, accountValues, options);
        CheckAggregation(definition);

        var snapshots = new Snapshots(values.ToArray(), phaseIds.ToArray(), churned.ToArray(), accountValues.ToArray(), metricCount);
        var fold = StratifiedFolds.Assign(values, metricCount, phaseIds, churned, options.Folds, options.Seed);
        CheckFolds(fold, snapshots.Churned, options.Folds);
        var beforeRisk = Risk(model, snapshots, AllRows(rows));

        var folds = new List<FoldResult>(options.Folds);
        for (var f = 0; f < options.Folds; f++)
        {
            var training = Rows(fold, f, inFold: false);
            var test = Rows(fold, f, inFold: true);
            var foldFit = Fit(model, snapshots, training, options);
            var foldModel = HealthModel.Compile(Propose(definition, model, foldFit, options, notes: null));
            var testChurned = Select(snapshots.Churned, test);
            folds.Add(new FoldResult(
                f + 1,
                training.Length,
                test.Length,
                testChurned.Count(static c => c),
                ModelEvaluation.Finite(RocAuc.Compute(Select(beforeRisk, test), testChurned)),
                ModelEvaluation.Finite(RocAuc.Compute(Risk(foldModel, snapshots, test), testChurned))));
        }

        var notes = new List<string>();
        var fit = Fit(model, snapshots, AllRows(rows), options);
        var proposal = Propose(definition, model, fit, options, notes);
        var bands = new List<BandProposal>();
        if (options.BandTargets.Count > 0)
        {
            var weighted = HealthModel.Compile(proposal);
            var rowPhases = snapshots.PhaseIds.Length == 0 ? [] : Array.ConvertAll(snapshots.PhaseIds, weighted.GetPhase);
            bands.AddRange(ProposeBands(weighted, Unrounded(weighted, snapshots), rowPhases, snapshots.Churned, options.BandTargets, notes));
            foreach (var band in bands)
            {
                proposal.Bands.First(b => b.Id == band.Id).LowerBound = band.ProposedLowerBound;
            }

            foreach (var phase in proposal.Phases.Where(static p => p.Bands.Count > 0))
            {
                notes.Add($"Phase '{phase.Id}' sets its own band bounds ({string.Join(", ", phase.Bands.Keys)}); they are kept as they were, and the targets move the model's bounds only.");
            }
        }

        var tuned = HealthModel.Compile(proposal);
        var metrics = new List<MetricTuning>(metricCount);
        var sharesBefore = Shares(definition);
        var sharesAfter = Shares(proposal);
        foreach (var metric in model.Metrics)
        {
            metrics.Add(new MetricTuning(
                metric.Id,
                metric.Label,
                sharesBefore[metric.Id],
                sharesAfter[metric.Id],
                fit.Total > 0 && fit.Metrics[metric.Index].Weight == 0 && KeptGroupOf(metric) is null,
                KeptGroupOf(metric)?.Id,
                FindMetric(definition.Groups, metric.Id).Scoring,
                FindMetric(proposal.Groups, metric.Id).Scoring));
        }

        return new TuningResult(
            proposal,
            folds,
            Evaluate(model, snapshots, options),
            Evaluate(tuned, snapshots, options),
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
        if (values.Length != churned.Length * model.Metrics.Count || (!phases.IsEmpty && phases.Length != churned.Length))
        {
            throw new ArgumentException($"Expected {churned.Length} rows of {model.Metrics.Count} values and one phase per row (or none); got {values.Length} values and {phases.Length} phases.", nameof(values));
        }

        var results = new HealthResult[churned.Length];
        if (phases.IsEmpty)
        {
            model.ScoreBatch(values, model.DefaultPhase, results);
        }
        else
        {
            model.ScoreBatch(values, phases, results);
        }

        var scores = Array.ConvertAll(results, static r => r.UnroundedScore ?? double.NaN);
        return ProposeBands(model, scores, phases.ToArray(), churned.ToArray(), [.. targets], notes: null);
    }

    private static List<BandProposal> ProposeBands(HealthModel model, double[] scores, Phase[] rowPhases, bool[] churned, IList<BandTarget> targets, List<string>? notes)
    {
        var bands = model.Bands;
        var targetOf = Targets(model, targets);
        var scored = new List<(double Score, bool Churned, Phase Phase)>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsNaN(scores[i]))
            {
                scored.Add((scores[i], churned[i], rowPhases.Length == 0 ? model.DefaultPhase : rowPhases[i]));
            }
        }

        var curve = ChurnCurve.Fit([.. scored.Select(static s => (s.Score, s.Churned))]);
        var bounds = bands.Select(static b => b.LowerBound).ToArray();
        var phases = model.Phases.Append(model.DefaultPhase).Distinct().ToArray();
        var format = "F" + model.Decimals.ToString(CultureInfo.InvariantCulture);
        for (var b = 0; b < bands.Count - 1; b++)
        {
            if (targetOf[b] is not { } rate)
            {
                continue;
            }

            var next = curve.FindIndex(block => block.Rate < rate);
            double? bound = next switch
            {
                < 0 => null, // churn never falls below the target: the band would take every account
                0 => null,   // even the lowest scores churn less than the target: the band would be empty
                _ => Math.Round((curve[next - 1].MaxScore + curve[next].MinScore) / 2, model.Decimals, MidpointRounding.AwayFromZero),
            };
            var old = bounds[b + 1];
            if (bound is { } value && value <= model.ScaleMax)
            {
                bounds[b + 1] = value;
                if (phases.All(p => Ascending(Effective(model, p, bounds))))
                {
                    continue;
                }

                bounds[b + 1] = old;
            }

            notes?.Add(string.Create(CultureInfo.InvariantCulture, $"Band '{bands[b].Id}': no bound that keeps the bands (and every phase's own bounds) in order meets a churn rate of {rate:P0} here; '{bands[b + 1].Id}' keeps its lower bound {old.ToString(format, CultureInfo.InvariantCulture)}."));
        }

        var accounts = new int[bands.Count];
        var churnCount = new int[bands.Count];
        var effective = phases.ToDictionary(p => p, p => Effective(model, p, bounds));
        foreach (var (score, churnedAccount, phase) in scored)
        {
            var rounded = Math.Round(score, model.Decimals, MidpointRounding.AwayFromZero);
            var lower = effective[phase];
            var band = 0;
            for (var b = 1; b < lower.Length; b++)
            {
                if (rounded >= lower[b])
                {
                    band = b;
                }
            }

            accounts[band]++;
            churnCount[band] += churnedAccount ? 1 : 0;
        }

        var proposals = new List<BandProposal>(bands.Count);
        for (var b = 0; b < bands.Count; b++)
        {
            proposals.Add(new BandProposal(bands[b].Id, bands[b].Label, bands[b].LowerBound, bounds[b], targetOf[b], accounts[b], churnCount[b]));
        }

        return proposals;
    }

    private static double?[] Targets(HealthModel model, IList<BandTarget> targets)
    {
        var bands = model.Bands;
        var targetOf = new double?[bands.Count];
        foreach (var target in targets)
        {
            if (target is null || !model.TryGetBand(target.BandId ?? string.Empty, out var band))
            {
                var hint = target?.BandId is { } id ? IdSuggestions.Closest(id, bands.Select(static b => b.Id)) : null;
                throw new ArgumentException($"Band target '{target?.BandId}' names no band of model '{model.Id}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}.", nameof(targets));
            }

            var index = band.Index;
            if (index == bands.Count - 1)
            {
                throw new ArgumentException($"Band '{band.Id}' is the best band: a target moves the bound of the band above it, and there is none.", nameof(targets));
            }

            if (!(target.MinimumChurnRate > 0 && target.MinimumChurnRate < 1))
            {
                throw new ArgumentException($"The churn target of band '{band.Id}' must be between 0 and 1 (exclusive); got {target.MinimumChurnRate.ToString(CultureInfo.InvariantCulture)}.", nameof(targets));
            }

            if (targetOf[index] is not null)
            {
                throw new ArgumentException($"Band '{band.Id}' has two targets; give each band at most one.", nameof(targets));
            }

            targetOf[index] = target.MinimumChurnRate;
        }

        double? previous = null;
        for (var b = 0; b < bands.Count; b++)
        {
            if (targetOf[b] is { } rate)
            {
                if (previous is { } higher && rate >= higher)
                {
                    throw new ArgumentException($"Band targets must fall from the worst band to the best; '{bands[b].Id}' asks for {rate.ToString(CultureInfo.InvariantCulture)} after {higher.ToString(CultureInfo.InvariantCulture)}.", nameof(targets));
                }

                previous = rate;
            }
        }

        return targetOf;
    }

    /// <summary>A phase's lower bounds with the model's bounds replaced by <paramref name="bounds"/> where the phase does not set its own.</summary>
    private static double[] Effective(HealthModel model, Phase phase, double[] bounds)
    {
        var effective = new double[bounds.Length];
        for (var b = 0; b < bounds.Length; b++)
        {
            var band = model.Bands[b];
            var own = phase.GetLowerBound(band);
            effective[b] = own != band.LowerBound ? own : bounds[b];
        }

        return effective;
    }

    private static bool Ascending(double[] bounds)
    {
        for (var b = 1; b < bounds.Length; b++)
        {
            if (!(bounds[b] > bounds[b - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Snapshots(double[] Values, string[] PhaseIds, bool[] Churned, double[] AccountValues, int MetricCount);

    /// <summary>A metric's fitted shape: break points, and one non-negative coefficient per segment.</summary>
    private sealed record MetricFit(double[] Knots, double[] Coefficients)
    {
        public double Weight => Coefficients.Sum();
    }

    /// <summary>The fit: one shape per metric (empty for metrics inside kept groups), one weight per kept group.</summary>
    private sealed record Fitted(MetricFit[] Metrics, Group[] KeptGroups, double[] KeptGroupWeights)
    {
        public double Total => Metrics.Sum(static f => f.Weight) + KeptGroupWeights.Sum();
    }

    private static void CheckInput(HealthModel model, ReadOnlySpan<double> values, ReadOnlySpan<string> phaseIds, ReadOnlySpan<bool> churned, ReadOnlySpan<double> accountValues, TuningOptions options)
    {
        var rows = churned.Length;
        if (values.Length != rows * model.Metrics.Count)
        {
            throw new ArgumentException($"Expected {rows} rows of {model.Metrics.Count} values (one per metric of model '{model.Id}'), {rows * model.Metrics.Count} in all; got {values.Length}.", nameof(values));
        }

        if (!accountValues.IsEmpty && accountValues.Length != rows)
        {
            throw new ArgumentException($"Expected one account value per snapshot ({rows}) or none; got {accountValues.Length}.", nameof(accountValues));
        }

        if (!phaseIds.IsEmpty && phaseIds.Length != rows)
        {
            throw new ArgumentException($"Expected one phase id per snapshot ({rows}) or none; got {phaseIds.Length}.", nameof(phaseIds));
        }

        for (var i = 0; i < phaseIds.Length; i++)
        {
            if (!model.TryGetPhase(phaseIds[i] ?? string.Empty, out _))
            {
                var hint = phaseIds[i] is { } id ? IdSuggestions.Closest(id, model.Phases.Select(static p => p.Id)) : null;
                throw new ArgumentException($"Snapshot {i}: phase '{phaseIds[i]}' is not a phase of model '{model.Id}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}.", nameof(phaseIds));
            }
        }

        if (options.Folds < 2 || options.Segments is < 1 or > 64 || !(options.Penalty >= 0 && double.IsFinite(options.Penalty)) || options.MaxIterations < 1
            || !(options.MinimumWeightShare > 0 && options.MinimumWeightShare <= 0.1) || options.Evaluation is null)
        {
            throw new ArgumentException("Tuning options out of range: Folds ≥ 2, Segments 1–64, Penalty ≥ 0, MaxIterations ≥ 1, MinimumWeightShare in (0, 0.1], Evaluation set.", nameof(options));
        }

        var churners = 0;
        foreach (var c in churned)
        {
            churners += c ? 1 : 0;
        }

        if (churners < options.Folds || rows - churners < options.Folds)
        {
            throw new ArgumentException($"{options.Folds}-fold cross-validation needs at least {options.Folds} churners and {options.Folds} stayers; the snapshots have {churners} and {rows - churners}.", nameof(churned));
        }
    }

    /// <summary>Every fold must hold churners and stayers, or its AUC is undefined.</summary>
    private static void CheckFolds(int[] fold, bool[] churned, int folds)
    {
        var churners = new int[folds];
        var stayers = new int[folds];
        for (var i = 0; i < fold.Length; i++)
        {
            (churned[i] ? churners : stayers)[fold[i]]++;
        }

        for (var f = 0; f < folds; f++)
        {
            if (churners[f] == 0 || stayers[f] == 0)
            {
                throw new ArgumentException(
                    $"Fold {f + 1} of {folds} holds no {(churners[f] == 0 ? "churner" : "stayer")}: identical snapshots always share a fold, and the {(churners[f] == 0 ? "churners" : "stayers")} have fewer distinct snapshots than there are folds. Use fewer folds.",
                    nameof(churned));
            }
        }
    }

    private static void CheckAggregation(HealthModelDefinition definition)
    {
        if (definition.Aggregation != Aggregation.WeightedMean)
        {
            throw new ArgumentException($"Model '{definition.Id}' combines its groups by {definition.Aggregation}; the tuner fits a weighted mean of groups only.", nameof(definition));
        }
    }

    /// <summary>
    /// The outermost groups that do not aggregate by weighted mean ("worst signal decides" and the like), by compiled
    /// group index: each is fitted as one unit on its own score, and its members keep their functions and weights.
    /// </summary>
    private static Group[] KeptGroups(HealthModel model) =>
        [.. model.Groups.Where(g => g.Aggregation != Aggregation.WeightedMean && !Ancestors(g).Any(a => a.Aggregation != Aggregation.WeightedMean))];

    private static IEnumerable<Group> Ancestors(Group group)
    {
        for (var parent = group.Parent; parent is not null; parent = parent.Parent)
        {
            yield return parent;
        }
    }

    /// <summary>The kept group a metric belongs to, or <see langword="null"/> when the metric is fitted itself.</summary>
    private static Group? KeptGroupOf(Metric metric)
    {
        Group? kept = null;
        for (Group? group = metric.Group; group is not null; group = group.Parent)
        {
            if (group.Aggregation != Aggregation.WeightedMean)
            {
                kept = group;
            }
        }

        return kept;
    }

    /// <summary>Every group of the definition, each before its subgroups.</summary>
    private static IEnumerable<GroupDefinition> AllGroups(List<GroupDefinition> groups)
    {
        foreach (var group in groups)
        {
            yield return group;
            foreach (var child in AllGroups(group.Groups))
            {
                yield return child;
            }
        }
    }

    private static int[] AllRows(int rows) => Enumerable.Range(0, rows).ToArray();

    private static int[] Rows(int[] fold, int f, bool inFold)
    {
        var rows = new List<int>();
        for (var i = 0; i < fold.Length; i++)
        {
            if ((fold[i] == f) == inFold)
            {
                rows.Add(i);
            }
        }

        return [.. rows];
    }

    private static T[] Select<T>(T[] source, int[] rows) => Array.ConvertAll(rows, i => source[i]);

    /// <summary>The risk (negated unrounded score) of the given rows; NaN where the model has no score.</summary>
    private static double[] Risk(HealthModel model, Snapshots snapshots, int[] rows)
    {
        var m = snapshots.MetricCount;
        var values = new double[rows.Length * m];
        var phases = new Phase[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            snapshots.Values.AsSpan(rows[r] * m, m).CopyTo(values.AsSpan(r * m, m));
            phases[r] = snapshots.PhaseIds.Length == 0 ? model.DefaultPhase : model.GetPhase(snapshots.PhaseIds[rows[r]]);
        }

        var results = new HealthResult[rows.Length];
        model.ScoreBatch(values, phases, results);
        return Array.ConvertAll(results, static r => r.UnroundedScore is { } score ? -score : double.NaN);
    }

    private static double[] Unrounded(HealthModel model, Snapshots snapshots) =>
        Array.ConvertAll(Risk(model, snapshots, AllRows(snapshots.Churned.Length)), static r => -r);

    private static EvaluationReport Evaluate(HealthModel model, Snapshots snapshots, TuningOptions options)
    {
        var phases = snapshots.PhaseIds.Length == 0 ? [] : Array.ConvertAll(snapshots.PhaseIds, model.GetPhase);
        return ModelEvaluation.Evaluate(model, snapshots.Values, phases, snapshots.Churned, snapshots.AccountValues, options.Evaluation);
    }

    private static Fitted Fit(HealthModel model, Snapshots snapshots, int[] rows, TuningOptions options)
    {
        var m = snapshots.MetricCount;
        var knots = new double[m][];
        var columns = new List<double[]>();
        for (var j = 0; j < m; j++)
        {
            knots[j] = KeptGroupOf(model.Metrics[j]) is null ? Knots(snapshots, rows, j, options.Segments) : [];
            var higher = model.Metrics[j].Direction == MetricDirection.HigherIsBetter;
            for (var s = 1; s < knots[j].Length; s++)
            {
                var column = new double[rows.Length];
                double sum = 0;
                var present = 0;
                for (var r = 0; r < rows.Length; r++)
                {
                    var x = snapshots.Values[(rows[r] * m) + j];
                    if (!double.IsFinite(x))
                    {
                        column[r] = double.NaN;
                        continue;
                    }

                    var (low, high) = (knots[j][s - 1], knots[j][s]);
                    column[r] = Math.Clamp(higher ? (x - low) / (high - low) : (high - x) / (high - low), 0, 1);
                    sum += column[r];
                    present++;
                }

                // Missing values take the segment's mean, so they neither help nor hurt.
                var mean = present == 0 ? 0 : sum / present;
                for (var r = 0; r < rows.Length; r++)
                {
                    if (double.IsNaN(column[r]))
                    {
                        column[r] = mean;
                    }
                }

                columns.Add(column);
            }
        }

        var kept = KeptGroups(model);
        foreach (var column in KeptGroupColumns(model, kept, snapshots, rows))
        {
            columns.Add(column);
        }

        var features = new double[columns.Count * rows.Length];
        for (var k = 0; k < columns.Count; k++)
        {
            columns[k].CopyTo(features, k * rows.Length);
        }

        var (_, coefficients) = MonotoneLogisticFit.Fit(features, rows.Length, Select(snapshots.Churned, rows), options.Penalty, options.MaxIterations);
        var fits = new MetricFit[m];
        var offset = 0;
        for (var j = 0; j < m; j++)
        {
            var segments = Math.Max(0, knots[j].Length - 1);
            fits[j] = new MetricFit(knots[j], coefficients.AsSpan(offset, segments).ToArray());
            offset += segments;
        }

        return new Fitted(fits, kept, coefficients.AsSpan(offset, kept.Length).ToArray());
    }

    /// <summary>Each kept group's score on the rows, as a share of the scale (0 worst, 1 best); missing scores take the mean.</summary>
    private static IEnumerable<double[]> KeptGroupColumns(HealthModel model, Group[] kept, Snapshots snapshots, int[] rows)
    {
        if (kept.Length == 0)
        {
            yield break;
        }

        var m = snapshots.MetricCount;
        var scores = new double[kept.Length][];
        for (var k = 0; k < kept.Length; k++)
        {
            scores[k] = new double[rows.Length];
        }

        var groupScores = new GroupScore[model.Groups.Count];
        var range = model.ScaleMax - model.ScaleMin;
        for (var r = 0; r < rows.Length; r++)
        {
            var phase = snapshots.PhaseIds.Length == 0 ? model.DefaultPhase : model.GetPhase(snapshots.PhaseIds[rows[r]]);
            model.Score(snapshots.Values.AsSpan(rows[r] * m, m), phase, [], groupScores);
            for (var k = 0; k < kept.Length; k++)
            {
                scores[k][r] = groupScores[kept[k].Index].Score is { } score ? Math.Clamp((score - model.ScaleMin) / range, 0, 1) : double.NaN;
            }
        }

        foreach (var column in scores)
        {
            var present = column.Where(double.IsFinite).ToList();
            var mean = present.Count == 0 ? 0 : present.Average();
            for (var r = 0; r < column.Length; r++)
            {
                column[r] = double.IsFinite(column[r]) ? column[r] : mean;
            }

            yield return column;
        }
    }

    /// <summary>The metric's quantiles at 0, 1/n … 1 over the rows that have it, rounded to three significant digits of its range; distinct, ascending.</summary>
    private static double[] Knots(Snapshots snapshots, int[] rows, int metric, int segments)
    {
        var present = new List<double>(rows.Length);
        foreach (var r in rows)
        {
            var x = snapshots.Values[(r * snapshots.MetricCount) + metric];
            if (double.IsFinite(x))
            {
                present.Add(x);
            }
        }

        if (present.Count < 2)
        {
            return [];
        }

        present.Sort();
        var range = present[^1] - present[0];
        if (!(range > 0 && double.IsFinite(range)))
        {
            return [];
        }

        var knots = new List<double>(segments + 1);
        for (var s = 0; s <= segments; s++)
        {
            var q = Round(ModelEvaluation.Percentile(present, (double)s / segments), range);
            if (knots.Count == 0 || q > knots[^1])
            {
                knots.Add(q);
            }
        }

        return knots.Count < 2 ? [] : [.. knots];
    }

    /// <summary>Rounds to a hundredth of the range's order of magnitude (three significant digits of the range).</summary>
    private static double Round(double value, double range)
    {
        var exponent = (int)Math.Floor(Math.Log10(range)) - 2;
        if (exponent >= 0)
        {
            var unit = Math.Pow(10, exponent);
            return Math.Round(value / unit, MidpointRounding.AwayFromZero) * unit;
        }

        return Math.Round(value, Math.Min(-exponent, 15), MidpointRounding.AwayFromZero);
    }

    /// <summary>A copy of the definition with the fitted weights and functions.</summary>
    private static HealthModelDefinition Propose(HealthModelDefinition definition, HealthModel model, Fitted fit, TuningOptions options, List<string>? notes)
    {
        var proposal = HealthModelDocument.Parse(HealthModelDocument.Write(definition));
        var total = fit.Total;
        if (total <= 0)
        {
            notes?.Add("No metric separates churners from stayers in its configured direction; weights and scoring functions are left as they were.");
            return proposal;
        }

        var oldWeights = WeightsById(proposal.Groups);
        foreach (var metric in model.Metrics)
        {
            if (KeptGroupOf(metric) is not null)
            {
                continue;
            }

            var f = fit.Metrics[metric.Index];
            var target = FindMetric(proposal.Groups, metric.Id);
            var share = f.Weight / total;
            target.Weight = Percent(share, options);
            if (f.Weight > 0)
            {
                target.Scoring = Function(f, metric.Direction);
            }
            else if (f.Knots.Length == 0)
            {
                notes?.Add($"Metric '{metric.Id}' has no spread of values in the data to fit (fewer than two distinct finite values, or a range too wide to represent); it keeps its scoring function and the minimum weight.");
            }
            else
            {
                notes?.Add($"Metric '{metric.Id}' gets no weight from the data in its configured direction; it keeps its scoring function and the minimum weight. Check its direction or remove it.");
            }
        }

        var keptIds = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < fit.KeptGroups.Length; k++)
        {
            var group = fit.KeptGroups[k];
            keptIds.Add(group.Id);
            FindGroup(proposal.Groups, group.Id).Weight = Percent(fit.KeptGroupWeights[k] / total, options);
            notes?.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Group '{group.Id}' takes the {group.Aggregation.ToString().ToLowerInvariant()} of its members; it is weighted as a whole ({fit.KeptGroupWeights[k] / total:P1} of the score) and its members keep their scoring functions and weights."));
        }

        foreach (var group in proposal.Groups)
        {
            SetGroupWeights(group, keptIds);
        }

        var newWeights = WeightsById(proposal.Groups);
        foreach (var phase in proposal.Phases)
        {
            foreach (var id in phase.Weights.Keys.ToList())
            {
                if (oldWeights.TryGetValue(id, out var old) && newWeights.TryGetValue(id, out var updated) && old > 0)
                {
                    phase.Weights[id] = Math.Round(phase.Weights[id] * updated / old, 4, MidpointRounding.AwayFromZero);
                    notes?.Add($"Phase '{phase.Id}' overrides the weight of '{id}'; the override is scaled by the same factor as the base weight.");
                }
            }

            foreach (var id in phase.Scoring.Keys)
            {
                notes?.Add($"Phase '{phase.Id}' replaces the scoring function of '{id}'; that replacement is kept as it was.");
            }
        }

        return proposal;
    }

    private static double Percent(double share, TuningOptions options) =>
        Math.Round(100 * Math.Max(share, options.MinimumWeightShare), 2, MidpointRounding.AwayFromZero);

    /// <summary>Sets each group's weight to the sum of its members' (a kept group's weight is already its fitted share).</summary>
    private static double SetGroupWeights(GroupDefinition group, HashSet<string> kept)
    {
        if (kept.Contains(group.Id))
        {
            return group.Weight;
        }

        var sum = group.Metrics.Sum(static m => m.Weight);
        foreach (var child in group.Groups)
        {
            sum += SetGroupWeights(child, kept);
        }

        group.Weight = Math.Round(sum, 2, MidpointRounding.AwayFromZero);
        return group.Weight;
    }

    private static PiecewiseLinearScoring Function(MetricFit fit, MetricDirection direction)
    {
        var knots = fit.Knots;
        var beta = fit.Coefficients;
        var total = fit.Weight;
        var points = new List<ScoringPoint>(knots.Length);
        var cumulative = 0.0;
        for (var k = 0; k < knots.Length; k++)
        {
            // Segment s (1-based) lies between knots s−1 and s and carries beta[s − 1].
            var flatBefore = k == 0 || beta[k - 1] == 0;
            var flatAfter = k == knots.Length - 1 || beta[k] == 0;
            cumulative += k == 0 ? 0 : beta[k - 1];
            if (flatBefore && flatAfter)
            {
                continue; // inside a flat run, or a flat end: clamping reproduces it
            }

            var rising = k == knots.Length - 1 ? 1.0 : Math.Round(cumulative / total, 4, MidpointRounding.AwayFromZero);
            var score = direction == MetricDirection.HigherIsBetter ? rising : Math.Round(1 - rising, 4, MidpointRounding.AwayFromZero);
            points.Add(new ScoringPoint(knots[k], score));
        }

        // The first kept point is the bottom of the first rising segment, the last the top of the last one.
        var first = direction == MetricDirection.HigherIsBetter ? 0.0 : 1.0;
        points[0].Score = first;
        points[^1].Score = 1 - first;
        return new PiecewiseLinearScoring(points);
    }

    private static MetricDefinition FindMetric(List<GroupDefinition> groups, string id)
    {
        foreach (var group in AllGroups(groups))
        {
            foreach (var metric in group.Metrics)
            {
                if (metric.Id == id)
                {
                    return metric;
                }
            }
        }

        throw new InvalidOperationException($"Metric '{id}' is not in the definition.");
    }

    private static GroupDefinition FindGroup(List<GroupDefinition> groups, string id) =>
        AllGroups(groups).First(g => g.Id == id);

    private static Dictionary<string, double> WeightsById(List<GroupDefinition> groups)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in AllGroups(groups))
        {
            weights[group.Id] = group.Weight;
            foreach (var metric in group.Metrics)
            {
                weights[metric.Id] = metric.Weight;
            }
        }

        return weights;
    }

    /// <summary>Each metric's share of the whole score (default phase): the product of its and its groups' shares among siblings.</summary>
    private static Dictionary<string, double> Shares(HealthModelDefinition definition)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = definition.Groups.Sum(static g => g.Weight);
        foreach (var group in definition.Groups)
        {
            Visit(group, group.Weight / total);
        }

        return shares;

        void Visit(GroupDefinition group, double share)
        {
            var sum = group.Metrics.Sum(static m => m.Weight) + group.Groups.Sum(static g => g.Weight);
            foreach (var metric in group.Metrics)
            {
                shares[metric.Id] = share * metric.Weight / sum;
            }

            foreach (var child in group.Groups)
            {
                Visit(child, share * child.Weight / sum);
            }
        }
    }
}
