using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Scores many accounts laid out column by column (one column per metric), one vector of accounts at a time
/// (8 lanes with 512-bit vectors where the CPU accelerates them, else 4), on one thread or in parallel chunks.
/// </summary>
internal static class ColumnScoring
{
    // Accounts whose one-value-at-a-time functions (logistic, custom) are evaluated together before their vectors are scored.
    private const int ColumnBlock = 64;

    // Models whose column scratch space fits in this many doubles use the stack; larger ones rent it.
    private const int StackColumnScratch = 4096;

    /// <summary>Gets the vector width the columnar scorer uses on this machine: 8 with accelerated 512-bit vectors, 4 with 256-bit ones, else 1 (every account through the one-account scorer).</summary>
    internal static int PreferredWidth { get; } = Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    internal static void ScoreColumns(HealthModel model, ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores)
    {
        model.CheckPhase(phase, nameof(phase));
        CheckColumns(model, columns.Length, stride, scores.Length, nameof(columns));
        ScoreColumnsCore(model, columns, stride, phase, scores, PreferredWidth);
    }

    internal static void ScoreColumnsParallel(HealthModel model, ReadOnlyMemory<double> columns, int stride, Phase phase, Memory<double> scores, BatchOptions? options = null)
    {
        model.CheckPhase(phase, nameof(phase));
        CheckColumns(model, columns.Length, stride, scores.Length, nameof(columns));
        ParallelChunks.For(scores.Length, options, (start, count) =>
            ScoreColumnsCore(model, columns.Span[start..], stride, phase, scores.Span.Slice(start, count), PreferredWidth));
    }

    private static void CheckColumns(HealthModel model, int columnsLength, int stride, int accountCount, string parameterName)
    {
        if (stride < accountCount)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The stride must be at least the number of accounts ({accountCount}).");
        }

        var needed = accountCount == 0 ? 0 : ((long)(model.Layout.MetricCount - 1) * stride) + accountCount;
        if (columnsLength < needed)
        {
            throw new ArgumentException($"Expected {model.Layout.MetricCount} columns of {accountCount} accounts, {stride} values apart: at least {needed} values; got {columnsLength}.", parameterName);
        }
    }

    /// <summary>Scores the accounts with vectors of <paramref name="width"/> lanes (8, 4, or 1 for none); every width gives bit for bit the same scores.</summary>
    internal static void ScoreColumnsCore(HealthModel model, ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores, int width)
    {
        switch (width)
        {
            case 8:
                ScoreColumnsCore<Vector512<double>, Lanes512>(model, columns, stride, phase, scores);
                break;
            case 4:
                ScoreColumnsCore<Vector256<double>, Lanes256>(model, columns, stride, phase, scores);
                break;
            case 1:
                ScoreRemaining(model, columns, stride, phase, scores, 0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(width), width, "The vector width must be 8, 4 or 1.");
        }
    }

    [SkipLocalsInit]
    private static void ScoreColumnsCore<TV, TL>(HealthModel model, ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores)
        where TV : struct
        where TL : struct, IVectorLanes<TV>
    {
        var layout = model.Layout;
        var kinds = phase.Layout.Kinds;
        var width = TL.Count;
        var vectorAccounts = scores.Length - (scores.Length % width);
        var scalarCount = 0;
        for (var i = 0; i < kinds.Length; i++)
        {
            scalarCount += FunctionKinds.IsVectorized(kinds[i]) ? 0 : 1;
        }

        // The nodes' running sums for one vector of accounts, then the one-value-at-a-time functions' values for a block.
        var nodeScratch = 2 * layout.NodeCount * width;
        var scratchLength = nodeScratch + (scalarCount * ColumnBlock);
        double[]? rented = null;
        var scratch = scratchLength <= StackColumnScratch
            ? stackalloc double[StackColumnScratch]
            : (rented = ArrayPool<double>.Shared.Rent(scratchLength));
        try
        {
            var nodes = scratch[..nodeScratch];
            var scalars = scratch.Slice(nodeScratch, scalarCount * ColumnBlock);
            for (var start = 0; start < vectorAccounts; start += ColumnBlock)
            {
                var count = Math.Min(ColumnBlock, vectorAccounts - start);
                EvaluateScalarFunctions(model, columns, stride, start, count, phase, scalars);
                for (var j = 0; j < count; j += width)
                {
                    var result = ScoreVector<TV, TL>(model, columns, stride, start + j, phase, nodes, scalars, j);
                    TL.Store(result, ref MemoryMarshal.GetReference(scores), (nuint)(start + j));
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        // The last accounts, fewer than one vector, go through the one-account scorer.
        ScoreRemaining(model, columns, stride, phase, scores, vectorAccounts);
    }

    [SkipLocalsInit]
    private static void ScoreRemaining(HealthModel model, ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores, int first)
    {
        if (first >= scores.Length)
        {
            return;
        }

        var layout = model.Layout;
        var nodeCount = layout.NodeCount;
        var scratchLength = layout.MetricCount + (3 * nodeCount);
        double[]? rented = null;
        var scratch = scratchLength <= StackColumnScratch
            ? stackalloc double[StackColumnScratch]
            : (rented = ArrayPool<double>.Shared.Rent(scratchLength));
        try
        {
            var row = scratch[..layout.MetricCount];
            var nodes = scratch.Slice(layout.MetricCount, 3 * nodeCount);
            for (var a = first; a < scores.Length; a++)
            {
                for (var m = 0; m < row.Length; m++)
                {
                    row[m] = columns[(m * stride) + a];
                }

                var result = AccountScoring.Evaluate(model, row, phase, [], [], nodes[..nodeCount], nodes.Slice(nodeCount, nodeCount), nodes.Slice(2 * nodeCount, nodeCount));
                scores[a] = result.Score ?? double.NaN;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    // The functions with no vector form (logistic, custom ones), one value at a time for a block of accounts, in a
    // tight loop of their own: scalars[k * ColumnBlock + j] for the k-th such metric and the block's j-th account.
    private static void EvaluateScalarFunctions(HealthModel model, ReadOnlySpan<double> columns, int stride, int start, int count, Phase phase, Span<double> scalars)
    {
        var phaseLayout = phase.Layout;
        var kinds = phaseLayout.Kinds;
        var functions = phaseLayout.Functions;
        var linearOffsets = phaseLayout.LinearOffsets;
        var linearScales = phaseLayout.LinearScales;
        var k = 0;
        for (var i = 0; i < kinds.Length; i++)
        {
            var kind = kinds[i];
            if (FunctionKinds.IsVectorized(kind))
            {
                continue;
            }

            var column = columns.Slice((i * stride) + start, count);
            var values = scalars.Slice(k * ColumnBlock, count);
            var function = functions[i];
            for (var j = 0; j < values.Length; j++)
            {
                var raw = column[j];
                values[j] = double.IsFinite(raw) ? FunctionKinds.Normalize(kind, function, raw, linearOffsets[i], linearScales[i]) : double.NaN;
            }

            k++;
        }
    }

    // Scores the accounts first .. first + TL.Count exactly as Evaluate does, the same operations in the same order
    // per account, so the results are bit for bit the same. A parent's running sums stay in registers while its
    // children follow one another (as a group's metrics do), and go to the node scratch when another parent's start.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ScoreVector<TV, TL>(HealthModel model, ReadOnlySpan<double> columns, int stride, int first, Phase phase, Span<double> nodes, ReadOnlySpan<double> scalars, int blockOffset)
        where TV : struct
        where TL : struct, IVectorLanes<TV>
    {
        var layout = model.Layout;
        var phaseLayout = phase.Layout;
        var metricCount = layout.MetricCount;
        var root = layout.Root;
        var width = TL.Count;
        var parents = layout.Parents;
        var aggregations = layout.Aggregations;
        var weights = phaseLayout.NodeWeights;
        var kinds = phaseLayout.Kinds;
        var functions = phaseLayout.Functions;
        var linearOffsets = phaseLayout.LinearOffsets;
        var linearScales = phaseLayout.LinearScales;
        var shares = phaseLayout.CoverageShares;
        var missingValues = layout.MissingValues;
        ref var columnsRef = ref MemoryMarshal.GetReference(columns);
        ref var scalarsRef = ref MemoryMarshal.GetReference(scalars);

        // Node n's accumulator at n * width, its weight sum (or chosen child + 1) at (nodeCount + n) * width.
        ref var totalsRef = ref MemoryMarshal.GetReference(nodes);
        var sumsAt = (nuint)(layout.NodeCount * width);
        for (var g = metricCount; g <= root; g++)
        {
            var initial = aggregations[g] switch
            {
                Aggregation.Minimum => double.PositiveInfinity,
                Aggregation.Maximum => double.NegativeInfinity,
                _ => 0,
            };
            TL.Store(TL.Create(initial), ref totalsRef, (nuint)(g * width));
            TL.Store(TL.Zero, ref totalsRef, sumsAt + (nuint)(g * width));
        }

        var zero = TL.Zero;
        var one = TL.One;
        var nan = TL.Create(double.NaN);
        var missing = zero;
        var current = -1;
        var total = zero;
        var sum = zero;
        var scalar = 0;

        // One step per metric: normalise, substitute missing values, add to the parent's running sums.
        for (var i = 0; i < metricCount; i++)
        {
            var kind = kinds[i];
            TV value;
            if (kind == FunctionKind.Linear)
            {
                var raw = TL.Load(ref columnsRef, (nuint)((i * stride) + first));
                var finite = TL.Equals(TL.Subtract(raw, raw), zero);
                value = TL.Select(finite, TL.Min(TL.Max(TL.Multiply(TL.Subtract(raw, TL.Create(linearOffsets[i])), TL.Create(linearScales[i])), zero), one), nan);
            }
            else if (FunctionKinds.IsVectorized(kind))
            {
                // As Evaluate: non-finite input is missing; a NaN result stays missing; anything else is clamped.
                var raw = TL.Load(ref columnsRef, (nuint)((i * stride) + first));
                var finite = TL.Equals(TL.Subtract(raw, raw), zero);
                var result = FunctionKinds.VectorNormalize<TV, TL>(kind, functions[i], raw);
                var clamped = TL.Min(TL.Max(result, zero), one);
                value = TL.Select(TL.And(finite, TL.Equals(result, result)), clamped, nan);
            }
            else
            {
                value = TL.Load(ref scalarsRef, (nuint)((scalar * ColumnBlock) + blockOffset));
                scalar++;
            }

            // Nothing missing in these lanes: no missing share to add (adding zeros would leave it as it is) and nothing to substitute.
            var present = TL.Equals(value, value);
            if (!TL.All(present))
            {
                missing = TL.Add(missing, TL.Select(present, zero, TL.Create(shares[i])));
                value = TL.Select(present, value, TL.Create(missingValues[i]));
            }

            var parent = parents[i];
            if (parent != current)
            {
                Switch<TV, TL>(ref totalsRef, sumsAt, width, ref current, parent, ref total, ref sum);
            }

            Accumulate<TV, TL>(aggregations[parent], ref total, ref sum, value, TL.Create(weights[i]), TL.Create(i + 1));
        }

        // model.Groups bottom-up: each group's value, added to its parent.
        var rootValue = nan;
        for (var g = metricCount; g <= root; g++)
        {
            if (g != current)
            {
                Switch<TV, TL>(ref totalsRef, sumsAt, width, ref current, g, ref total, ref sum);
            }

            var value = TL.Select(TL.GreaterThan(sum, zero), aggregations[g] == Aggregation.WeightedMean ? TL.Divide(total, sum) : total, nan);
            if (g == root)
            {
                rootValue = value;
                break;
            }

            var parent = parents[g];
            Switch<TV, TL>(ref totalsRef, sumsAt, width, ref current, parent, ref total, ref sum);
            Accumulate<TV, TL>(aggregations[parent], ref total, ref sum, value, TL.Create(weights[g]), TL.Create(g + 1));
        }

        return Finish<TV, TL>(model, rootValue, missing);
    }

    // As Evaluate's end: coverage (rounded to 12 decimals), the minimum-coverage test, the scale, the scale's rounding;
    // NaN for insufficient data.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Finish<TV, TL>(HealthModel model, TV rootValue, TV missing)
        where TV : struct
        where TL : struct, IVectorLanes<TV>
    {
        var zero = TL.Zero;
        var one = TL.One;
        var nan = TL.Create(double.NaN);

        // Math.Round(x, 12) is x · 10¹² rounded to even, then ÷ 10¹², for |x| < 10¹⁶; with nothing missing it is exactly 1.
        var coverage = one;
        if (TL.Any(TL.GreaterThan(missing, zero)) || TL.Any(TL.LessThan(missing, zero)))
        {
            var power = TL.Create(1e12);
            coverage = TL.Divide(TL.RoundToEven(TL.Multiply(TL.Min(TL.Max(TL.Subtract(one, missing), zero), one), power)), power);
        }

        var hasScore = TL.And(TL.Equals(rootValue, rootValue), TL.And(TL.GreaterThan(coverage, zero), TL.GreaterThanOrEqual(coverage, TL.Create(model.MinimumCoverage))));
        var scaleMin = TL.Create(model.ScaleMin);
        var scaleMax = TL.Create(model.ScaleMax);
        var range = TL.Create(model.ScaleMax - model.ScaleMin);
        var unrounded = TL.Min(TL.Max(TL.Add(scaleMin, TL.Multiply(range, TL.Min(TL.Max(rootValue, zero), one))), scaleMin), scaleMax);
        if (model.Decimals != 0)
        {
            return RoundEachLane<TV, TL>(model.Decimals, unrounded, hasScore);
        }

        // Math.Round(x, MidpointRounding.AwayFromZero) is Truncate(x + CopySign(BitDecrement(0.5), x)).
        var score = TL.Truncate(TL.Add(unrounded, TL.CopySign(TL.Create(Math.BitDecrement(0.5)), unrounded)));
        return TL.Select(hasScore, score, nan);
    }

    // Scores with decimals are rounded one lane at a time by Math.Round itself.
    [SkipLocalsInit]
    private static TV RoundEachLane<TV, TL>(int decimals, TV unrounded, TV hasScore)
        where TV : struct
        where TL : struct, IVectorLanes<TV>
    {
        Span<double> lanes = stackalloc double[TL.Count];
        Span<double> masks = stackalloc double[TL.Count];
        TL.Store(unrounded, ref MemoryMarshal.GetReference(lanes), 0);
        TL.Store(hasScore, ref MemoryMarshal.GetReference(masks), 0);
        for (var j = 0; j < lanes.Length; j++)
        {
            lanes[j] = BitConverter.DoubleToInt64Bits(masks[j]) == 0 ? double.NaN : Math.Round(lanes[j], decimals, MidpointRounding.AwayFromZero);
        }

        return TL.Load(ref MemoryMarshal.GetReference(lanes), 0);
    }

    // Makes node `next` the one whose running sums are in registers, writing back the previous one's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Switch<TV, TL>(ref double totalsRef, nuint sumsAt, int width, ref int current, int next, ref TV total, ref TV sum)
        where TV : struct
        where TL : struct, IVectorLanes<TV>
    {
        if (current == next)
        {
            return;
        }

        if (current >= 0)
        {
            TL.Store(total, ref totalsRef, (nuint)(current * width));
            TL.Store(sum, ref totalsRef, sumsAt + (nuint)(current * width));
        }

        current = next;
        total = TL.Load(ref totalsRef, (nuint)(next * width));
        sum = TL.Load(ref totalsRef, sumsAt + (nuint)(next * width));
    }

    // Adds a child's values (NaN = not present) for one vector of accounts to its parent's running sums.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TV, TL>(Aggregation aggregation, ref TV total, ref TV sum, TV value, TV weight, TV chosen)
        where TV : struct
        where TL : struct, IVectorLanes<TV>
    {
        var present = TL.Equals(value, value);
        switch (aggregation)
        {
            case Aggregation.WeightedMean:
                total = TL.Add(total, TL.Select(present, TL.Multiply(weight, value), TL.Zero));
                sum = TL.Add(sum, TL.Select(present, weight, TL.Zero));
                break;
            case Aggregation.Minimum:
                var lower = TL.LessThan(value, total);
                total = TL.Select(lower, value, total);
                sum = TL.Select(lower, chosen, sum);
                break;
            case Aggregation.Maximum:
                var higher = TL.GreaterThan(value, total);
                total = TL.Select(higher, value, total);
                sum = TL.Select(higher, chosen, sum);
                break;
        }
    }
}
