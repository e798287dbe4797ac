using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>
/// One fit of churn on some of the snapshots (a fold's training rows, or all of them): a logistic regression on
/// each metric's segments (every coefficient at least zero, so each function moves only one way between its
/// knots), categories and blanks, with an L2 penalty. Which way a metric runs follows the evidence: a metric whose
/// configured direction the rows contradict (its own AUC below one half) or that gets no weight is tried the other
/// way round, and the reversal is kept when it fits the rows better. An opted-in metric is tried single-peaked,
/// and keeps that shape when an inner cross-validation on the rows says it predicts better.
/// </summary>
/// <param name="Metrics">One shape per metric, by metric index.</param>
/// <param name="KeptGroups">The groups fitted as a whole.</param>
/// <param name="KeptGroupWeights">One weight per kept group.</param>
/// <param name="Evidence">What decided each metric's direction and shape, by metric index.</param>
internal sealed record TuningFit(MetricFit[] Metrics, Group[] KeptGroups, double[] KeptGroupWeights, ShapeEvidence[] Evidence)
{
    /// <summary>The fewest blanks (and at least this share of the rows, per thousand) for a metric's blanks to get their own score.</summary>
    private const int MinimumBlanks = 20;
    private const int MinimumBlanksPerMille = 10;
    private const int InnerFolds = 3;

    public double Total => Metrics.Sum(static f => f.Weight) + KeptGroupWeights.Sum();

    /// <summary>Fits the given rows.</summary>
    /// <param name="model">The model as given.</param>
    /// <param name="snapshots">The labelled snapshots.</param>
    /// <param name="rows">The rows to fit on.</param>
    /// <param name="options">The fitting settings.</param>
    /// <param name="fixedShapes">The ids of metrics whose shape and direction stay as given (a phase replaces their function).</param>
    /// <param name="cancellationToken">Checked between candidate fits.</param>
    public static TuningFit Fit(HealthModel model, LabelledSnapshots snapshots, int[] rows, TuningOptions options, IReadOnlySet<string> fixedShapes, CancellationToken cancellationToken = default)
    {
        var m = snapshots.MetricCount;
        var specs = new MetricSpec[m];
        var evidence = new ShapeEvidence[m];
        var churned = LabelledSnapshots.Select(snapshots.Churned, rows);
        for (var j = 0; j < m; j++)
        {
            var metric = model.Metrics[j];
            var blanks = Blanks(snapshots, rows, j);
            var fitsBlanks = options.FitBlankScores && blanks >= MinimumBlanks && blanks * 1000L >= rows.Length * (long)MinimumBlanksPerMille;
            evidence[j] = new ShapeEvidence(OwnAuc(model, metric, snapshots, rows, churned));
            if (KeptGroup.Of(metric) is not null)
            {
                specs[j] = new MetricSpec(MetricShape.None, [], true, 0, 0, false);
            }
            else if (metric.IsCategorical)
            {
                specs[j] = new MetricSpec(MetricShape.Categories, [], true, 0, metric.Categories!.Count, fitsBlanks);
            }
            else
            {
                var knots = Knots(snapshots, rows, j, options.Segments);
                specs[j] = knots.Length < 2
                    ? new MetricSpec(MetricShape.None, [], true, 0, 0, false)
                    : new MetricSpec(MetricShape.Monotone, knots, metric.Direction == MetricDirection.HigherIsBetter, 0, 0, fitsBlanks);
            }
        }

        var kept = KeptGroup.AllIn(model);
        var keptColumns = KeptGroupColumns(model, kept, snapshots, rows).ToList();
        var design = new Design(snapshots, rows, keptColumns);
        var solved = design.Solve(specs, churned, options);

        foreach (var id in options.SinglePeaked)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (model.TryGetMetric(id, out var metric) && !fixedShapes.Contains(id) && specs[metric.Index].Shape == MetricShape.Monotone && specs[metric.Index].Knots.Length > 2)
            {
                var tried = TrySinglePeaked(design, specs, solved, metric.Index, churned, options);
                if (tried is { } peaked)
                {
                    specs = peaked.Specs;
                    solved = peaked.Solved;
                    evidence[metric.Index] = evidence[metric.Index] with { PeakedLogLoss = peaked.PeakedLoss, MonotoneLogLoss = peaked.MonotoneLoss };
                }
            }
        }

        if (!options.KeepDirections)
        {
            var candidates = Enumerable.Range(0, m)
                .Where(j => specs[j].Shape == MetricShape.Monotone && !fixedShapes.Contains(model.Metrics[j].Id) && (evidence[j].OwnAuc < 0.5 || solved.Fit(specs, j).Weight == 0))
                .OrderBy(j => evidence[j].OwnAuc ?? 0.5)
                .ThenBy(static j => j)
                .ToList();
            foreach (var j in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var reversed = (MetricSpec[])specs.Clone();
                reversed[j] = specs[j] with { HigherIsBetter = !specs[j].HigherIsBetter };
                var attempt = design.Solve(reversed, churned, options);
                if (attempt.Loss < solved.Loss - (1e-9 * Math.Max(1, Math.Abs(solved.Loss))) && attempt.Fit(reversed, j).Weight > 0)
                {
                    specs = reversed;
                    solved = attempt;
                    evidence[j] = evidence[j] with { Reversed = true };
                }
            }
        }

        var fits = new MetricFit[m];
        for (var j = 0; j < m; j++)
        {
            fits[j] = solved.Fit(specs, j);
        }

        return new TuningFit(fits, kept, solved.KeptWeights(specs, kept.Length), evidence);
    }

    /// <summary>
    /// The free shape of the metric (alongside the others) names its best knot; when that lies inside its range, the
    /// single-peaked shape through it is kept if it predicts held-out rows better than the monotone one, over
    /// <see cref="InnerFolds"/> inner folds of the rows.
    /// </summary>
    private static (MetricSpec[] Specs, Solution Solved, double PeakedLoss, double MonotoneLoss)? TrySinglePeaked(Design design, MetricSpec[] specs, Solution solved, int j, bool[] churned, TuningOptions options)
    {
        var free = (MetricSpec[])specs.Clone();
        free[j] = specs[j] with { Shape = MetricShape.Free };
        var freeFit = design.Solve(free, churned, options).Fit(free, j);
        var h = freeFit.Contributions();
        var peak = Array.IndexOf(h, h.Max());
        if (peak <= 0 || peak >= h.Length - 1)
        {
            return null;
        }

        var peaked = (MetricSpec[])specs.Clone();
        peaked[j] = specs[j] with { Shape = MetricShape.Peaked, Peak = peak };
        var inner = InnerFold(churned, options.Seed);
        var peakedLoss = design.HeldOutLogLoss(peaked, churned, inner, InnerFolds, options);
        var monotoneLoss = design.HeldOutLogLoss(specs, churned, inner, InnerFolds, options);
        if (!(peakedLoss < monotoneLoss))
        {
            return null;
        }

        var peakedSolved = design.Solve(peaked, churned, options);
        return peakedSolved.Fit(peaked, j).Weight > 0 ? (peaked, peakedSolved, peakedLoss, monotoneLoss) : null;
    }

    /// <summary>Deals the rows into inner folds, churners and stayers each in turn after a seeded shuffle.</summary>
    private static int[] InnerFold(bool[] churned, ulong seed)
    {
        var order = Enumerable.Range(0, churned.Length).ToArray();
        var random = new SplitMix64(seed ^ 0x5DEECE66DUL);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var k = random.Next(i + 1);
            (order[i], order[k]) = (order[k], order[i]);
        }

        var fold = new int[churned.Length];
        int churners = 0, stayers = 0;
        foreach (var i in order)
        {
            fold[i] = churned[i] ? churners++ % InnerFolds : stayers++ % InnerFolds;
        }

        return fold;
    }

    /// <summary>The metric's own AUC on the rows, read in its configured direction (a worse value is more risk).</summary>
    private static double? OwnAuc(HealthModel model, Metric metric, LabelledSnapshots snapshots, int[] rows, bool[] churned)
    {
        var risk = new double[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            risk[r] = MetricRisk.Of(metric, snapshots.PhaseOf(model, rows[r]), snapshots.Values[(rows[r] * snapshots.MetricCount) + metric.Index]);
        }

        return ModelEvaluation.Finite(RocAuc.Compute(risk, churned));
    }

    private static int Blanks(LabelledSnapshots snapshots, int[] rows, int j)
    {
        var blanks = 0;
        foreach (var r in rows)
        {
            blanks += double.IsFinite(snapshots.Values[(r * snapshots.MetricCount) + j]) ? 0 : 1;
        }

        return blanks;
    }

    /// <summary>Each kept group's score on the rows, as a share of the scale (0 worst, 1 best; the mean where it has none).</summary>
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
            yield return Design.FillMissing(column);
        }
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

    /// <summary>The coefficients of one solve, and the penalised loss they reach.</summary>
    internal sealed record Solution(double[] Coefficients, double Loss)
    {
        public MetricFit Fit(MetricSpec[] specs, int j)
        {
            var offset = 0;
            for (var i = 0; i < j; i++)
            {
                offset += specs[i].Columns;
            }

            return new MetricFit(specs[j], Coefficients.AsSpan(offset, specs[j].Columns).ToArray());
        }

        public double[] KeptWeights(MetricSpec[] specs, int kept)
        {
            var offset = specs.Sum(static s => s.Columns);
            return [.. Coefficients.AsSpan(offset, kept).ToArray().Select(static w => Math.Max(0, w))];
        }
    }

    /// <summary>The features of some rows for any choice of metric shapes: columns built on demand, one metric after another.</summary>
    internal sealed class Design(LabelledSnapshots snapshots, int[] rows, List<double[]> keptColumns)
    {
        public Solution Solve(MetricSpec[] specs, bool[] churned, TuningOptions options)
        {
            var (features, free) = Build(specs, rows);
            var (_, coefficients, loss) = MonotoneLogisticFit.Fit(features, rows.Length, churned, options.Penalty, options.MaxIterations, free);
            return new Solution(coefficients, loss);
        }

        /// <summary>The mean held-out log-loss over inner folds, each fitted on the other inner folds.</summary>
        public double HeldOutLogLoss(MetricSpec[] specs, bool[] churned, int[] fold, int folds, TuningOptions options)
        {
            var (features, free) = Build(specs, rows);
            var columns = features.Length / Math.Max(1, rows.Length);
            double total = 0;
            for (var f = 0; f < folds; f++)
            {
                var train = Enumerable.Range(0, rows.Length).Where(i => fold[i] != f).ToArray();
                var test = Enumerable.Range(0, rows.Length).Where(i => fold[i] == f).ToArray();
                var trainFeatures = Subset(features, rows.Length, columns, train);
                var (intercept, theta, _) = MonotoneLogisticFit.Fit(trainFeatures, train.Length, LabelledSnapshots.Select(churned, train), options.Penalty, options.MaxIterations, free);
                total += MonotoneLogisticFit.MeanLogLoss(Subset(features, rows.Length, columns, test), test.Length, LabelledSnapshots.Select(churned, test), intercept, theta) * test.Length;
            }

            return total / rows.Length;
        }

        private static double[] Subset(double[] features, int rowCount, int columns, int[] pick)
        {
            var subset = new double[columns * pick.Length];
            for (var k = 0; k < columns; k++)
            {
                for (var r = 0; r < pick.Length; r++)
                {
                    subset[(k * pick.Length) + r] = features[(k * rowCount) + pick[r]];
                }
            }

            return subset;
        }

        private (double[] Features, bool[] Free) Build(MetricSpec[] specs, int[] rows)
        {
            var columns = new List<double[]>();
            var free = new List<bool>();
            var m = snapshots.MetricCount;
            for (var j = 0; j < specs.Length; j++)
            {
                var spec = specs[j];
                if (spec.Shape == MetricShape.None)
                {
                    continue;
                }

                var shape = spec.Shape == MetricShape.Categories ? spec.CategoryCount - 1 : spec.Knots.Length - 1;
                var fit = new MetricFit(spec, new double[spec.Columns]);
                for (var c = 0; c < shape; c++)
                {
                    var column = new double[rows.Length];
                    for (var r = 0; r < rows.Length; r++)
                    {
                        var x = snapshots.Values[(rows[r] * m) + j];
                        column[r] = !double.IsFinite(x) ? (spec.FitsBlanks ? 0 : double.NaN)
                            : spec.Shape == MetricShape.Categories ? (Math.Round(x) == c + 1 ? 1 : 0)
                            : Ramp(spec.Knots, c + 1, x, fit.RisesInX(c + 1));
                    }

                    columns.Add(spec.FitsBlanks ? column : FillMissing(column));
                    free.Add(spec.Shape is MetricShape.Categories or MetricShape.Free);
                }

                if (spec.FitsBlanks)
                {
                    var blank = new double[rows.Length];
                    for (var r = 0; r < rows.Length; r++)
                    {
                        blank[r] = double.IsFinite(snapshots.Values[(rows[r] * m) + j]) ? 0 : 1;
                    }

                    columns.Add(blank);
                    free.Add(true);
                }
            }

            columns.AddRange(keptColumns);
            free.AddRange(keptColumns.Select(static _ => false));
            var features = new double[columns.Count * rows.Length];
            for (var k = 0; k < columns.Count; k++)
            {
                columns[k].CopyTo(features, k * rows.Length);
            }

            return (features, [.. free]);
        }

        private static double Ramp(double[] knots, int s, double x, bool risingInX)
        {
            var (low, high) = (knots[s - 1], knots[s]);
            var t = Math.Clamp((x - low) / (high - low), 0, 1);
            return risingInX ? t : 1 - t;
        }

        /// <summary>
        /// Gives the rows without a value the mean of those with one, so that a missing value neither helps nor hurts the
        /// fit (0 when no row has one). A feature's present values are always finite, between 0 and 1.
        /// </summary>
        public static double[] FillMissing(double[] column)
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
    }
}
