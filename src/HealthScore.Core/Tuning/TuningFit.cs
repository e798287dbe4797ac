using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>A metric's fitted shape: break points, and one non-negative coefficient per segment.</summary>
internal sealed record MetricFit(double[] Knots, double[] Coefficients)
{
    public double Weight => Coefficients.Sum();
}

/// <summary>
/// One monotone logistic fit of churn on some of the snapshots: a fold's training rows, or all of them. Each metric
/// outside a kept group is cut into segments at its quantiles, each segment a feature that rises from 0 to 1 across it
/// in the metric's better direction; each kept group is one feature, its score. The coefficients are non-negative so
/// that every proposed function moves only in its metric's configured direction; their sums are the weights.
/// </summary>
/// <param name="Metrics">One shape per metric, by metric index (no knots for metrics inside kept groups).</param>
/// <param name="KeptGroups">The groups fitted as a whole.</param>
/// <param name="KeptGroupWeights">One weight per kept group.</param>
internal sealed record TuningFit(MetricFit[] Metrics, Group[] KeptGroups, double[] KeptGroupWeights)
{
    public double Total => Metrics.Sum(static f => f.Weight) + KeptGroupWeights.Sum();

    /// <summary>Fits the given rows; missing values count as the mean of the present ones, feature by feature.</summary>
    public static TuningFit Fit(HealthModel model, LabelledSnapshots snapshots, int[] rows, TuningOptions options)
    {
        var m = snapshots.MetricCount;
        var knots = new double[m][];
        var columns = new List<double[]>();
        for (var j = 0; j < m; j++)
        {
            var metric = model.Metrics[j];
            if (metric.IsCategorical && KeptGroup.Of(metric) is null)
            {
                // A categorical metric is one feature: the score of its category, as its own function gives it.
                knots[j] = [0, 1];
                columns.Add(FillMissing(CategoryColumn(model, metric, snapshots, rows)));
                continue;
            }

            knots[j] = KeptGroup.Of(metric) is null ? Knots(snapshots, rows, j, options.Segments) : [];
            var higher = metric.Direction == MetricDirection.HigherIsBetter;
            for (var s = 1; s < knots[j].Length; s++)
            {
                var column = new double[rows.Length];
                for (var r = 0; r < rows.Length; r++)
                {
                    var x = snapshots.Values[(rows[r] * m) + j];
                    var (low, high) = (knots[j][s - 1], knots[j][s]);
                    column[r] = !double.IsFinite(x) ? double.NaN : Math.Clamp(higher ? (x - low) / (high - low) : (high - x) / (high - low), 0, 1);
                }

                columns.Add(FillMissing(column));
            }
        }

        var kept = KeptGroup.AllIn(model);
        foreach (var column in KeptGroupColumns(model, kept, snapshots, rows))
        {
            columns.Add(column);
        }

        var features = new double[columns.Count * rows.Length];
        for (var k = 0; k < columns.Count; k++)
        {
            columns[k].CopyTo(features, k * rows.Length);
        }

        var (_, coefficients) = MonotoneLogisticFit.Fit(features, rows.Length, LabelledSnapshots.Select(snapshots.Churned, rows), options.Penalty, options.MaxIterations);
        var fits = new MetricFit[m];
        var offset = 0;
        for (var j = 0; j < m; j++)
        {
            var segments = Math.Max(0, knots[j].Length - 1);
            fits[j] = new MetricFit(knots[j], coefficients.AsSpan(offset, segments).ToArray());
            offset += segments;
        }

        return new TuningFit(fits, kept, coefficients.AsSpan(offset, kept.Length).ToArray());
    }

    /// <summary>A categorical metric's normalised score on the rows, in each row's phase (NaN where missing).</summary>
    private static double[] CategoryColumn(HealthModel model, Metric metric, LabelledSnapshots snapshots, int[] rows)
    {
        var m = snapshots.MetricCount;
        var column = new double[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var x = snapshots.Values[(rows[r] * m) + metric.Index];
            column[r] = double.IsFinite(x) ? snapshots.PhaseOf(model, rows[r]).GetScoringFunction(metric).Normalize(x) : double.NaN;
        }

        return column;
    }

    /// <summary>Each kept group's score on the rows, as a share of the scale (0 worst, 1 best).</summary>
    private static IEnumerable<double[]> KeptGroupColumns(HealthModel model, Group[] kept, LabelledSnapshots snapshots, int[] rows)
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
            var phase = snapshots.PhaseOf(model, rows[r]);
            model.Score(snapshots.Values.AsSpan(rows[r] * m, m), phase, [], groupScores);
            for (var k = 0; k < kept.Length; k++)
            {
                scores[k][r] = groupScores[kept[k].Index].Score is { } score ? Math.Clamp((score - model.ScaleMin) / range, 0, 1) : double.NaN;
            }
        }

        foreach (var column in scores)
        {
            yield return FillMissing(column);
        }
    }

    /// <summary>
    /// Gives the rows without a value the mean of those with one, so that a missing value neither helps nor hurts the
    /// fit (0 when no row has one). A feature's present values are always finite, between 0 and 1.
    /// </summary>
    private static double[] FillMissing(double[] column)
    {
        double sum = 0;
        var present = 0;
        foreach (var x in column)
        {
            if (double.IsFinite(x))
            {
                sum += x;
                present++;
            }
        }

        var mean = present == 0 ? 0 : sum / present;
        for (var r = 0; r < column.Length; r++)
        {
            if (!double.IsFinite(column[r]))
            {
                column[r] = mean;
            }
        }

        return column;
    }

    /// <summary>The metric's quantiles at 0, 1/n … 1 over the rows that have it, rounded to three significant digits of its range; distinct, ascending.</summary>
    private static double[] Knots(LabelledSnapshots snapshots, int[] rows, int metric, int segments)
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
}
