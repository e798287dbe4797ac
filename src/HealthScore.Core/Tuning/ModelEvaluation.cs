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
    /// <param name="options">Bootstrap settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The spans do not line up, or the options are out of range.</exception>
    public static EvaluationReport Evaluate(
        HealthModel model,
        ReadOnlySpan<double> values,
        ReadOnlySpan<Phase> phases,
        ReadOnlySpan<bool> churned,
        ReadOnlySpan<double> accountValues,
        EvaluationOptions? options = null)
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
        if (options.BootstrapSamples < 0 || !(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
        {
            throw new ArgumentException("BootstrapSamples must be 0 or more and ConfidenceLevel between 0 and 1 (exclusive).", nameof(options));
        }

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
        var interval = auc is null || options.BootstrapSamples == 0 ? ((double, double)?)null : Bootstrap(risk, churned, options);
        var valueAuc = accountValues.IsEmpty ? null : Finite(RocAuc.Compute(risk, churned, accountValues));

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
            MetricEvaluations(model, values, churned),
            CoverageQuantiles(coverage),
            RocAuc.Curve(risk, churned));
    }

    /// <summary>The value, or <see langword="null"/> when it is NaN or infinite (an undefined AUC).</summary>
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static (double Lower, double Upper)? Bootstrap(double[] risk, ReadOnlySpan<bool> churned, EvaluationOptions options)
    {
        var random = new SplitMix64(options.Seed);
        var n = risk.Length;
        var sampleRisk = new double[n];
        var sampleChurned = new bool[n];
        var aucs = new List<double>(options.BootstrapSamples);
        for (var b = 0; b < options.BootstrapSamples; b++)
        {
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
            rates.Add(Rate(band.Id, band.Label, results, churned, accountValues, r => ReferenceEquals(r.Band, band)));
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
            rates.Add(Rate(phase.Id, phase.Label, results, churned, accountValues, r => ReferenceEquals(r.Phase, phase)));
        }

        return rates;
    }

    private static OutcomeRate Rate(string id, string label, HealthResult[] results, ReadOnlySpan<bool> churned, ReadOnlySpan<double> accountValues, Func<HealthResult, bool> member)
    {
        int count = 0, churnCount = 0;
        double value = 0, churnedValue = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (!member(results[i]))
            {
                continue;
            }

            count++;
            churnCount += churned[i] ? 1 : 0;
            if (!accountValues.IsEmpty)
            {
                value += accountValues[i];
                churnedValue += churned[i] ? accountValues[i] : 0;
            }
        }

        return new OutcomeRate(id, label, count, churnCount, accountValues.IsEmpty || value <= 0 ? null : churnedValue / value);
    }

    private static List<MetricEvaluation> MetricEvaluations(HealthModel model, ReadOnlySpan<double> values, ReadOnlySpan<bool> churned)
    {
        var accounts = churned.Length;
        var metricCount = model.Metrics.Count;
        var risk = new double[accounts];
        var evaluations = new List<MetricEvaluation>(metricCount);
        foreach (var metric in model.Metrics)
        {
            var missing = 0;
            for (var i = 0; i < accounts; i++)
            {
                var value = values[(i * metricCount) + metric.Index];
                if (!double.IsFinite(value))
                {
                    missing++;
                    risk[i] = double.NaN;
                    continue;
                }

                // A worse value is more risk: the value itself when lower is better, its negation otherwise.
                risk[i] = metric.Direction == MetricDirection.LowerIsBetter ? value : -value;
            }

            evaluations.Add(new MetricEvaluation(metric, Finite(RocAuc.Compute(risk, churned)), accounts == 0 ? 0 : (double)missing / accounts));
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
