using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>
/// The quarterly review of a health model against outcomes: from labelled snapshots (metric values at a date, the
/// phase, whether the account churned, optionally its value), does the score separate churners from stayers?
/// </summary>
public static class ModelEvaluation
{
    private static readonly double[] Quantiles = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

    /// <summary>Scores every snapshot and reports how well the model separates churners from stayers.</summary>
    /// <param name="model">The model to evaluate.</param>
    /// <param name="values">The snapshots' metric values, row after row (one row per snapshot, one value per metric).</param>
    /// <param name="phases">One phase per snapshot, or empty for the model's default phase.</param>
    /// <param name="churned">Whether each account churned after its snapshot.</param>
    /// <param name="accountValues">One non-negative value per account for value-weighted figures, or empty.</param>
    /// <param name="options">Bootstrap, direction-check and baseline settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Checked between bootstrap samples, folds and fits.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The spans do not line up, or the options are out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static EvaluationReport Evaluate(
        HealthModel model,
        ReadOnlySpan<double> values,
        ReadOnlySpan<Phase> phases,
        ReadOnlySpan<bool> churned,
        ReadOnlySpan<double> accountValues,
        EvaluationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new EvaluationOptions();
        var accounts = churned.Length;
        var metricCount = model.Metrics.Count;
        if (!phases.IsEmpty && phases.Length != accounts)
        {
            throw new ArgumentException($"Expected one phase per snapshot ({accounts}) or none; got {phases.Length}.", nameof(phases));
        }

        TuningInput.CheckAccountValues(accountValues, accounts);
        if (options.BootstrapSamples < 0 || !(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1) || options.Folds < 2)
        {
            throw new ArgumentException("BootstrapSamples must be 0 or more, ConfidenceLevel between 0 and 1 (exclusive) and Folds 2 or more.", nameof(options));
        }

        if (values.Length != accounts * metricCount)
        {
            throw new ArgumentException($"Expected {accounts} rows of {metricCount} values (one per metric of model '{model.Id}'); got {values.Length}.", nameof(values));
        }

        cancellationToken.ThrowIfCancellationRequested();

        var results = LabelledSnapshots.Score(model, values, phases, accounts);
        var risk = new double[accounts];
        var coverage = new double[accounts];
        var scored = 0;
        var churnCount = 0;
        for (var i = 0; i < accounts; i++)
        {
            risk[i] = LabelledSnapshots.Risk(results[i]);
            coverage[i] = results[i].Coverage;
            scored += results[i].UnroundedScore is null ? 0 : 1;
            churnCount += churned[i] ? 1 : 0;
        }

        var auc = Finite(RocAuc.Compute(risk, churned));
        var interval = auc is null || options.BootstrapSamples == 0 ? ((double, double)?)null : Bootstrap(risk, churned, options, cancellationToken);
        var valueAuc = accountValues.IsEmpty ? null : Finite(RocAuc.Compute(risk, churned, accountValues));
        var phaseIds = phases.IsEmpty ? [] : ToIds(phases);
        var snapshots = new LabelledSnapshots(values.ToArray(), phaseIds, churned.ToArray(), accountValues.ToArray(), metricCount);
        var reversals = options.CheckDirections ? JointReversals(model, snapshots, cancellationToken) : null;
        var (foldAuc, baselines) = options.Baselines ? CompareBaselines(model, snapshots, risk, options, cancellationToken) : (null, null);

        return new EvaluationReport(
            accounts,
            scored,
            churnCount,
            auc,
            interval,
            valueAuc,
            TopDecileLift(risk, churned),
            BandRates(model, results, churned, accountValues),
            PhaseRates(model, results, churned, accountValues),
            MetricEvaluations(model, snapshots, phases, reversals),
            CoverageQuantiles(coverage),
            RocAuc.Curve(risk, churned))
        {
            FoldAuc = foldAuc,
            Baselines = baselines,
            Reliability = model.IsCalibrated ? Reliability(model, results, churned) : [],
        };
    }

    /// <summary>An AUC with three decimals, or n/a.</summary>
    internal static string Format(double? auc) => auc is { } a ? a.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "n/a";

    private static string[] ToIds(ReadOnlySpan<Phase> phases)
    {
        var ids = new string[phases.Length];
        for (var i = 0; i < phases.Length; i++)
        {
            ids[i] = phases[i].Id;
        }

        return ids;
    }

    /// <summary>
    /// The metrics the tuner would reverse on these snapshots: the same fit with the default settings, on all of them, so
    /// that evaluate and tune flag the same metrics. <see langword="null"/> for a model the tuner cannot fit (groups not
    /// combined by weighted mean, or too few churners or stayers).
    /// </summary>
    private static bool[]? JointReversals(HealthModel model, LabelledSnapshots snapshots, CancellationToken cancellationToken)
    {
        var layout = model.Layout;
        var churners = snapshots.Churned.Count(static c => c);
        if (layout.Aggregations[layout.Root] != Aggregation.WeightedMean || churners < 2 || snapshots.Churned.Length - churners < 2
            || snapshots.PhaseIds.Any(id => !model.TryGetPhase(id ?? string.Empty, out var phase) || phase.IsRetired))
        {
            return null;
        }

        var fit = TuningFit.Fit(model, snapshots, snapshots.AllRows(), new TuningOptions(), new HashSet<string>(StringComparer.Ordinal), cancellationToken);
        return [.. fit.Evidence.Select((e, j) => e.Reversed && fit.Metrics[j].Weight > 0)];
    }

    /// <summary>The model's own AUC and the baselines', fold by fold on the same stratified folds as the tuner's.</summary>
    private static (double? FoldAuc, BaselineComparison? Baselines) CompareBaselines(HealthModel model, LabelledSnapshots snapshots, double[] risk, EvaluationOptions options, CancellationToken cancellationToken)
    {
        var fold = StratifiedFolds.Assign(snapshots.Values, snapshots.MetricCount, snapshots.PhaseIds, snapshots.Churned, options.Folds, options.Seed);
        var churners = new int[options.Folds];
        var stayers = new int[options.Folds];
        for (var i = 0; i < fold.Length; i++)
        {
            (snapshots.Churned[i] ? churners : stayers)[fold[i]]++;
        }

        if (churners.Any(static c => c == 0) || stayers.Any(static s => s == 0))
        {
            return (null, null);
        }

        var aucs = new List<double>(options.Folds);
        for (var f = 0; f < options.Folds; f++)
        {
            var test = LabelledSnapshots.FoldRows(fold, f, inFold: true);
            var auc = RocAuc.Compute(LabelledSnapshots.Select(risk, test), LabelledSnapshots.Select(snapshots.Churned, test));
            if (double.IsFinite(auc))
            {
                aucs.Add(auc);
            }
        }

        return (aucs.Count == 0 ? null : aucs.Average(), Baselines.CrossValidate(model, snapshots, fold, options.Folds, new TuningOptions().MaxIterations, cancellationToken));
    }

    /// <summary>
    /// The reliability curve: the scored snapshots in up to ten groups of about equal size by expected churn rate
    /// (equal rates together), each with its mean expected rate and the rate observed.
    /// </summary>
    private static List<ReliabilityPoint> Reliability(HealthModel model, HealthResult[] results, ReadOnlySpan<bool> churned)
    {
        var expected = new List<(double Rate, bool Churned)>(results.Length);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].UnroundedScore is { } score && model.EstimateChurn(score, results[i].Phase) is { } estimate)
            {
                expected.Add((estimate.Rate, churned[i]));
            }
        }

        expected.Sort(static (a, b) => a.Rate.CompareTo(b.Rate));
        var points = new List<ReliabilityPoint>();
        const int Groups = 10;
        var start = 0;
        for (var g = 1; g <= Groups && start < expected.Count; g++)
        {
            var end = Math.Max(start + 1, (int)Math.Round((double)expected.Count * g / Groups));
            while (end < expected.Count && expected[end].Rate == expected[end - 1].Rate)
            {
                end++;
            }

            double sum = 0;
            var churnCount = 0;
            for (var i = start; i < end; i++)
            {
                sum += expected[i].Rate;
                churnCount += expected[i].Churned ? 1 : 0;
            }

            points.Add(new ReliabilityPoint(sum / (end - start), (double)churnCount / (end - start), end - start, churnCount));
            start = end;
        }

        return points;
    }

    /// <summary>The value, or <see langword="null"/> when it is NaN or infinite (an undefined AUC).</summary>
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static (double Lower, double Upper)? Bootstrap(double[] risk, ReadOnlySpan<bool> churned, EvaluationOptions options, CancellationToken cancellationToken)
    {
        var random = new SplitMix64(options.Seed);
        var n = risk.Length;
        var sampleRisk = new double[n];
        var sampleChurned = new bool[n];
        var aucs = new List<double>(options.BootstrapSamples);
        for (var b = 0; b < options.BootstrapSamples; b++)
        {
            if ((b & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < n; i++)
            {
                var pick = random.Next(n);
                sampleRisk[i] = risk[pick];
                sampleChurned[i] = churned[pick];
            }

            var auc = RocAuc.Compute(sampleRisk, sampleChurned);
            if (double.IsFinite(auc))
            {
                aucs.Add(auc);
            }
        }

        if (aucs.Count == 0)
        {
            return null;
        }

        aucs.Sort();
        var tail = (1 - options.ConfidenceLevel) / 2;
        return (Percentile(aucs, tail), Percentile(aucs, 1 - tail));
    }

    /// <summary>The <paramref name="p"/>-quantile of sorted values, interpolating linearly between neighbours.</summary>
    internal static double Percentile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }

    private static double? TopDecileLift(double[] risk, ReadOnlySpan<bool> churned)
    {
        var scored = new List<(double Risk, bool Churned, int Index)>();
        var churnedScored = 0;
        for (var i = 0; i < risk.Length; i++)
        {
            if (!double.IsNaN(risk[i]))
            {
                scored.Add((risk[i], churned[i], i));
                churnedScored += churned[i] ? 1 : 0;
            }
        }

        if (scored.Count == 0 || churnedScored == 0)
        {
            return null;
        }

        // Riskiest first; ties in input order, so the result is deterministic.
        scored.Sort(static (a, b) => a.Risk != b.Risk ? b.Risk.CompareTo(a.Risk) : a.Index.CompareTo(b.Index));
        var top = Math.Max(1, (int)Math.Ceiling(scored.Count / 10.0));
        var topChurned = 0;
        for (var i = 0; i < top; i++)
        {
            topChurned += scored[i].Churned ? 1 : 0;
        }

        return ((double)topChurned / top) / ((double)churnedScored / scored.Count);
    }

    private static List<OutcomeRate> BandRates(HealthModel model, HealthResult[] results, ReadOnlySpan<bool> churned, ReadOnlySpan<double> accountValues)
    {
        var bands = new List<Band>(model.Bands) { model.InsufficientData };
        var rates = new List<OutcomeRate>(bands.Count);
        foreach (var band in bands)
        {
            rates.Add(Rate(model, band.Id, band.Label, results, churned, accountValues, r => ReferenceEquals(r.Band, band)));
        }

        return rates;
    }

    private static List<OutcomeRate> PhaseRates(HealthModel model, HealthResult[] results, ReadOnlySpan<bool> churned, ReadOnlySpan<double> accountValues)
    {
        var phases = new List<Phase>(model.Phases);
        if (!phases.Contains(model.DefaultPhase))
        {
            phases.Add(model.DefaultPhase);
        }

        var rates = new List<OutcomeRate>(phases.Count);
        foreach (var phase in phases)
        {
            rates.Add(Rate(model, phase.Id, phase.Label, results, churned, accountValues, r => ReferenceEquals(r.Phase, phase)));
        }

        return rates;
    }

    private static OutcomeRate Rate(HealthModel model, string id, string label, HealthResult[] results, ReadOnlySpan<bool> churned, ReadOnlySpan<double> accountValues, Func<HealthResult, bool> member)
    {
        int count = 0, churnCount = 0, estimated = 0;
        double value = 0, churnedValue = 0, expected = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (!member(results[i]))
            {
                continue;
            }

            count++;
            churnCount += churned[i] ? 1 : 0;
            if (results[i].UnroundedScore is { } score && model.EstimateChurn(score, results[i].Phase) is { } estimate)
            {
                expected += estimate.Rate;
                estimated++;
            }

            if (!accountValues.IsEmpty)
            {
                value += accountValues[i];
                churnedValue += churned[i] ? accountValues[i] : 0;
            }
        }

        return new OutcomeRate(id, label, count, churnCount, accountValues.IsEmpty || value <= 0 ? null : churnedValue / value)
        {
            ExpectedChurnRate = estimated == 0 ? null : expected / estimated,
        };
    }

    /// <summary>Each metric's own AUC, read with the model's function in each snapshot's phase (so a tuned, reversed or single-peaked function is judged as it scores).</summary>
    private static List<MetricEvaluation> MetricEvaluations(HealthModel model, LabelledSnapshots snapshots, ReadOnlySpan<Phase> phases, bool[]? reversals)
    {
        var accounts = snapshots.Churned.Length;
        var metricCount = snapshots.MetricCount;
        var risk = new double[accounts];
        var evaluations = new List<MetricEvaluation>(metricCount);
        foreach (var metric in model.Metrics)
        {
            var missing = 0;
            for (var i = 0; i < accounts; i++)
            {
                var value = snapshots.Values[(i * metricCount) + metric.Index];
                missing += double.IsFinite(value) ? 0 : 1;
                risk[i] = MetricRisk.Of(metric, phases.IsEmpty ? model.DefaultPhase : phases[i], value);
            }

            evaluations.Add(new MetricEvaluation(metric, Finite(RocAuc.Compute(risk, snapshots.Churned)), accounts == 0 ? 0 : (double)missing / accounts)
            {
                ReversalSupported = reversals?[metric.Index],
            });
        }

        return evaluations;
    }

    private static double[] CoverageQuantiles(double[] coverage)
    {
        if (coverage.Length == 0)
        {
            return [];
        }

        var sorted = (double[])coverage.Clone();
        Array.Sort(sorted);
        var list = new List<double>(sorted);
        var result = new double[Quantiles.Length];
        for (var q = 0; q < Quantiles.Length; q++)
        {
            result[q] = Percentile(list, Quantiles[q]);
        }

        return result;
    }
}
