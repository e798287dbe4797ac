using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// What a score that need not be explainable would reach on the same snapshots and folds, as references: a logistic
/// regression on the metrics' values, and an unconstrained additive model with one free score per quantile bin of
/// each metric (a generalised additive model in bins). Both see each metric's blanks as a signal of their own and
/// each category as its own feature; both are fitted fold by fold with an L2 penalty and scored on the held-out fold.
/// </summary>
internal static class Baselines
{
    private const int AdditiveBins = 10;
    private const double Penalty = 1;

    public static BaselineComparison CrossValidate(HealthModel model, LabelledSnapshots snapshots, int[] fold, int folds, int maxIterations, CancellationToken cancellationToken)
    {
        var logistic = new List<double>(folds);
        var additive = new List<double>(folds);
        for (var f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = LabelledSnapshots.FoldRows(fold, f, inFold: false);
            var test = LabelledSnapshots.FoldRows(fold, f, inFold: true);
            var testChurned = LabelledSnapshots.Select(snapshots.Churned, test);
            foreach (var (kind, results) in (ReadOnlySpan<(bool Additive, List<double> Results)>)[(false, logistic), (true, additive)])
            {
                var encoders = Encoders(model, snapshots, training, kind);
                var features = Encode(encoders, snapshots, training);
                var (intercept, theta, _) = MonotoneLogisticFit.FitFree(features, training.Length, LabelledSnapshots.Select(snapshots.Churned, training), Penalty, maxIterations);
                var testFeatures = Encode(encoders, snapshots, test);
                var auc = RocAuc.Compute(MonotoneLogisticFit.LogOdds(testFeatures, test.Length, intercept, theta), testChurned);
                if (double.IsFinite(auc))
                {
                    results.Add(auc);
                }
            }
        }

        return new BaselineComparison(folds, Mean(logistic), Mean(additive));
    }

    private static double? Mean(List<double> values) => values.Count == 0 ? null : values.Average();

    /// <summary>One metric's encoding, learnt on the training rows: its columns for a value (or a blank).</summary>
    private sealed record Encoder(int Metric, int Columns, Func<double, int, double> Column, bool Blanks);

    private static List<Encoder> Encoders(HealthModel model, LabelledSnapshots snapshots, int[] rows, bool additive)
    {
        var encoders = new List<Encoder>();
        var m = snapshots.MetricCount;
        foreach (var metric in model.Metrics)
        {
            var present = new List<double>(rows.Length);
            foreach (var r in rows)
            {
                var x = snapshots.Values[(r * m) + metric.Index];
                if (double.IsFinite(x))
                {
                    present.Add(x);
                }
            }

            var blanks = present.Count < rows.Length;
            if (present.Count < 2)
            {
                continue;
            }

            if (metric.IsCategorical)
            {
                // The first category is the reference: a column per other category, none collinear with the intercept.
                encoders.Add(new Encoder(metric.Index, metric.Categories.Count - 1, static (x, c) => Math.Round(x) == c + 1 ? 1 : 0, blanks));
            }
            else if (additive)
            {
                present.Sort();
                var edges = new List<double>();
                for (var b = 1; b < AdditiveBins; b++)
                {
                    var edge = ModelEvaluation.Percentile(present, (double)b / AdditiveBins);
                    if ((edges.Count == 0 || edge > edges[^1]) && edge > present[0] && edge <= present[^1])
                    {
                        edges.Add(edge);
                    }
                }

                // One step per cut (x at or above it), each with a free coefficient: any score per bin, relative to the lowest bin.
                var cuts = edges.ToArray();
                encoders.Add(new Encoder(metric.Index, cuts.Length, (x, c) => x >= cuts[c] ? 1 : 0, blanks));
            }
            else
            {
                var mean = present.Average();
                var sd = Math.Sqrt(present.Sum(x => (x - mean) * (x - mean)) / present.Count);
                if (!(sd > 0 && double.IsFinite(sd)))
                {
                    continue;
                }

                encoders.Add(new Encoder(metric.Index, 1, (x, _) => Math.Clamp((x - mean) / sd, -10, 10), blanks));
            }
        }

        return encoders;
    }

    private static double[] Encode(List<Encoder> encoders, LabelledSnapshots snapshots, int[] rows)
    {
        var columns = encoders.Sum(static e => e.Columns + (e.Blanks ? 1 : 0));
        var features = new double[columns * rows.Length];
        var k = 0;
        foreach (var encoder in encoders)
        {
            for (var c = 0; c <= encoder.Columns; c++)
            {
                var blankColumn = c == encoder.Columns;
                if (blankColumn && !encoder.Blanks)
                {
                    continue;
                }

                for (var r = 0; r < rows.Length; r++)
                {
                    var x = snapshots.Values[(rows[r] * snapshots.MetricCount) + encoder.Metric];
                    features[(k * rows.Length) + r] = blankColumn ? (double.IsFinite(x) ? 0 : 1) : double.IsFinite(x) ? encoder.Column(x, c) : 0;
                }

                k++;
            }
        }

        return features;
    }
}
