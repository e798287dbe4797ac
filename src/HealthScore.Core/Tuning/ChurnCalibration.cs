using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Fits what a model's scores mean as churn rates, from labelled scores: for runs of scores, the share of accounts
/// that churned within the outcome horizon, with an interval. Write the result into
/// <see cref="HealthModelDefinition.Calibration"/>; the tuner does so on its held-out scores.
/// </summary>
/// <remarks>
/// Give it scores the model did not learn from (held-out scores, or a later period's), each from the last snapshot
/// taken at least the lead time before the account's outcome date, so that the rates are what a score predicts.
/// </remarks>
public static class ChurnCalibration
{
    /// <summary>Fits the calibration.</summary>
    /// <param name="model">The model whose scores these are (its phases and scale).</param>
    /// <param name="scores">One unrounded score per labelled snapshot; NaN for a snapshot without a score, which is left out.</param>
    /// <param name="phaseIds">One phase id per snapshot, or empty for the model's default phase.</param>
    /// <param name="churned">Whether each account churned within the horizon after its snapshot.</param>
    /// <param name="options">The method and its settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The calibration: pooled bins, and bins of their own for phases with at least
    /// <see cref="CalibrationOptions.MinimumPhaseAccounts"/> accounts and <see cref="CalibrationOptions.MinimumPhaseChurners"/> churners.</returns>
    /// <exception cref="ArgumentException">The spans do not line up, a phase id is unknown, the options are out of range,
    /// or no snapshot has a score.</exception>
    public static CalibrationDefinition Fit(HealthModel model, ReadOnlySpan<double> scores, ReadOnlySpan<string> phaseIds, ReadOnlySpan<bool> churned, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new CalibrationOptions();
        if (scores.Length != churned.Length || (!phaseIds.IsEmpty && phaseIds.Length != churned.Length))
        {
            throw new ArgumentException($"Expected one score and one outcome per snapshot, and one phase id each or none; got {scores.Length} scores, {churned.Length} outcomes and {phaseIds.Length} phase ids.", nameof(scores));
        }

        if (options.Bins is < 2 or > 100 || options.MaximumBins is < 2 or > 100 || options.MinimumBinAccounts < 1 || options.MinimumPhaseAccounts < 1 || options.MinimumPhaseChurners < 0
            || !(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1) || options.HorizonDays is < 1 || !Enum.IsDefined(options.Method))
        {
            throw new ArgumentException("Calibration options out of range: Bins 2–100, MaximumBins 2–100, MinimumBinAccounts ≥ 1, MinimumPhaseAccounts ≥ 1, MinimumPhaseChurners ≥ 0, ConfidenceLevel in (0, 1), HorizonDays ≥ 1 or null.", nameof(options));
        }

        var all = new List<(double Score, bool Churned)>(scores.Length);
        var byPhase = new Dictionary<string, List<(double Score, bool Churned)>>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Length; i++)
        {
            var phase = phaseIds.IsEmpty ? model.DefaultPhase.Id : phaseIds[i] ?? string.Empty;
            if (!phaseIds.IsEmpty && !model.TryGetPhase(phase, out _))
            {
                throw new ArgumentException($"Snapshot {i}: phase '{phase}' is not a phase of model '{model.Id}'.{IdSuggestions.DidYouMean(phase, model.Phases.Select(static p => p.Id))}", nameof(phaseIds));
            }

            if (!double.IsFinite(scores[i]))
            {
                continue;
            }

            all.Add((scores[i], churned[i]));
            if (!byPhase.TryGetValue(phase, out var list))
            {
                byPhase[phase] = list = [];
            }

            list.Add((scores[i], churned[i]));
        }

        if (all.Count == 0)
        {
            throw new ArgumentException("No snapshot has a score: there is nothing to calibrate.", nameof(scores));
        }

        var calibration = new CalibrationDefinition
        {
            Method = options.Method,
            HorizonDays = options.HorizonDays,
            ConfidenceLevel = options.ConfidenceLevel,
            Bins = Bins(all, model.ScaleMin, options),
        };
        foreach (var phase in model.Phases)
        {
            if (byPhase.TryGetValue(phase.Id, out var list) && list.Count >= options.MinimumPhaseAccounts && list.Count(static a => a.Churned) >= options.MinimumPhaseChurners
                && byPhase.Count > 1)
            {
                calibration.Phases[phase.Id] = Bins(list, model.ScaleMin, options);
            }
        }

        return calibration;
    }

    /// <summary>The bins of one set of labelled scores, the first starting at the scale's minimum.</summary>
    internal static List<CalibrationBin> Bins(List<(double Score, bool Churned)> accounts, double scaleMin, CalibrationOptions options)
    {
        var blocks = options.Method == CalibrationMethod.Isotonic ? ChurnCurve.Fit(accounts) : Quantiles(accounts, options.Bins);
        blocks = Merge(blocks, Math.Max(options.MinimumBinAccounts, (int)Math.Ceiling(accounts.Count / (double)options.MaximumBins)));
        if (options.Method == CalibrationMethod.Isotonic)
        {
            blocks = MergeEqualRates(blocks);
        }
        var z = Z(options.ConfidenceLevel);
        var bins = new List<CalibrationBin>(blocks.Count);
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            var from = b == 0 ? Math.Min(scaleMin, block.MinScore) : Math.Round((blocks[b - 1].MaxScore + block.MinScore) / 2, 4, MidpointRounding.AwayFromZero);
            if (b > 0 && from <= bins[^1].From)
            {
                from = block.MinScore;
            }

            var (lower, upper) = Wilson(block.Churned, block.Accounts, z);
            var rate = (double)block.Churned / block.Accounts;
            bins.Add(new CalibrationBin
            {
                From = from,
                ChurnRate = Math.Round(rate, 4, MidpointRounding.AwayFromZero),
                Lower = Math.Min(Math.Round(lower, 4, MidpointRounding.ToZero), Math.Round(rate, 4, MidpointRounding.AwayFromZero)),
                Upper = Math.Max(Math.Round(upper, 4, MidpointRounding.ToPositiveInfinity), Math.Round(rate, 4, MidpointRounding.AwayFromZero)),
                Accounts = block.Accounts,
                Churned = block.Churned,
            });
        }

        return bins;
    }

    /// <summary>Runs of about equal numbers of accounts at the score's quantiles; equal scores stay together.</summary>
    private static List<ChurnCurve.Block> Quantiles(List<(double Score, bool Churned)> accounts, int count)
    {
        var sorted = accounts.OrderBy(static a => a.Score).ToList();
        var blocks = new List<ChurnCurve.Block>(count);
        var start = 0;
        for (var b = 1; b <= count && start < sorted.Count; b++)
        {
            var end = Math.Max(start + 1, (int)Math.Round((double)sorted.Count * b / count));
            while (end < sorted.Count && sorted[end].Score == sorted[end - 1].Score)
            {
                end++;
            }

            var churned = 0;
            for (var i = start; i < end; i++)
            {
                churned += sorted[i].Churned ? 1 : 0;
            }

            blocks.Add(new ChurnCurve.Block(sorted[start].Score, sorted[end - 1].Score, end - start, churned));
            start = end;
        }

        return blocks;
    }

    /// <summary>Merges each run with fewer than <paramref name="minimum"/> accounts into its smaller neighbour, so no rate rests on a handful of accounts.</summary>
    private static List<ChurnCurve.Block> Merge(List<ChurnCurve.Block> blocks, int minimum)
    {
        var merged = new List<ChurnCurve.Block>(blocks);
        while (merged.Count > 1)
        {
            var smallest = -1;
            for (var b = 0; b < merged.Count; b++)
            {
                if (merged[b].Accounts < minimum && (smallest < 0 || merged[b].Accounts < merged[smallest].Accounts))
                {
                    smallest = b;
                }
            }

            if (smallest < 0)
            {
                break;
            }

            var neighbour = smallest == 0 ? 1
                : smallest == merged.Count - 1 ? smallest - 1
                : merged[smallest - 1].Accounts <= merged[smallest + 1].Accounts ? smallest - 1 : smallest + 1;
            var (low, high) = (Math.Min(smallest, neighbour), Math.Max(smallest, neighbour));
            merged[low] = new ChurnCurve.Block(merged[low].MinScore, merged[high].MaxScore, merged[low].Accounts + merged[high].Accounts, merged[low].Churned + merged[high].Churned);
            merged.RemoveAt(high);
        }

        return merged;
    }

    /// <summary>Joins neighbouring runs with the same churn rate: one rate, one bin.</summary>
    private static List<ChurnCurve.Block> MergeEqualRates(List<ChurnCurve.Block> blocks)
    {
        var merged = new List<ChurnCurve.Block>(blocks.Count);
        foreach (var block in blocks)
        {
            if (merged.Count > 0 && (long)merged[^1].Churned * block.Accounts == (long)block.Churned * merged[^1].Accounts)
            {
                var last = merged[^1];
                merged[^1] = new ChurnCurve.Block(last.MinScore, block.MaxScore, last.Accounts + block.Accounts, last.Churned + block.Churned);
            }
            else
            {
                merged.Add(block);
            }
        }

        return merged;
    }

    /// <summary>The Wilson score interval of a proportion.</summary>
    internal static (double Lower, double Upper) Wilson(int successes, int trials, double z)
    {
        if (trials == 0)
        {
            return (0, 1);
        }

        var p = (double)successes / trials;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * trials))) / (1 + (z2 / trials));
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4.0 * trials * trials))) / (1 + (z2 / trials));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>The two-sided normal quantile of a confidence level (Acklam's rational approximation, |error| &lt; 1.2e-9).</summary>
    internal static double Z(double confidence) => NormalQuantile(1 - ((1 - confidence) / 2));

    private static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01, 1];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1];
        const double Low = 0.02425;
        if (p < Low || p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(Math.Min(p, 1 - p)));
            var tail = Horner(c, q) / Horner(d, q);
            return p < Low ? tail : -tail;
        }

        var r = p - 0.5;
        return Horner(a, r * r) * r / Horner(b, r * r);
    }

    /// <summary>The polynomial with coefficients <paramref name="coefficients"/> (highest power first) at <paramref name="x"/>.</summary>
    private static double Horner(double[] coefficients, double x)
    {
        var value = 0.0;
        foreach (var coefficient in coefficients)
        {
            value = (value * x) + coefficient;
        }

        return value;
    }
}
