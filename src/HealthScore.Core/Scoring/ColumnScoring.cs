using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>Scores many accounts laid out column by column (one column per metric), a block of accounts at a time with vectors, on one thread or in parallel chunks.</summary>
internal static class ColumnScoring
{
    // Accounts scored together: every node's running sums for a block stay in the first-level cache.
    private const int ColumnBlock = 64;

    // Models whose column scratch space fits in this many doubles use the stack; larger ones rent it.
    private const int StackColumnScratch = 4096;

    internal static void ScoreColumns(HealthModel model, ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores)
    {
        model.CheckPhase(phase, nameof(phase));
        CheckColumns(model, columns.Length, stride, scores.Length, nameof(columns));
        ScoreColumnsCore(model, columns, stride, phase, scores);
    }

    internal static void ScoreColumnsParallel(HealthModel model, ReadOnlyMemory<double> columns, int stride, Phase phase, Memory<double> scores, BatchOptions? options = null)
    {
        model.CheckPhase(phase, nameof(phase));
        CheckColumns(model, columns.Length, stride, scores.Length, nameof(columns));
        ParallelChunks.For(scores.Length, options, (start, count) =>
            ScoreColumnsCore(model, columns.Span[start..], stride, phase, scores.Span.Slice(start, count)));
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

    [SkipLocalsInit]
    private static void ScoreColumnsCore(HealthModel model, ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores)
    {
        var layout = model.Layout;
        var program = UsesProgram(model, phase) ? phase.Layout.Program : null;

        // The program runs eight lanes at a time where the machine accelerates 512-bit vectors and Vector<T> is narrower.
        var wide = program is not null && Vector512.IsHardwareAccelerated && Vector<double>.Count < Vector512<double>.Count;
        var width = wide ? Vector512<double>.Count : Vector<double>.Count;
        var vectorAccounts = scores.Length - (scores.Length % width);
        var scratchLength = ((2 * layout.NodeCount) + 2) * ColumnBlock;
        double[]? rented = null;
        var scratch = scratchLength <= StackColumnScratch
            ? stackalloc double[StackColumnScratch]
            : (rented = ArrayPool<double>.Shared.Rent(scratchLength));
        try
        {
            if (program is not null)
            {
                // Two-level models: one vector of accounts at a time through the phase's program, all in registers.
                if (wide)
                {
                    ColumnProgramScoring.Score<Vector512Lanes>(model, program, columns, stride, scores[..vectorAccounts]);
                }
                else
                {
                    ColumnProgramScoring.Score<VectorLanes>(model, program, columns, stride, scores[..vectorAccounts]);
                }
            }
            else
            {
                for (var start = 0; start < vectorAccounts; start += ColumnBlock)
                {
                    var count = Math.Min(ColumnBlock, vectorAccounts - start);
                    ScoreBlock(model, columns, stride, start, phase, scores.Slice(start, count), scratch[..scratchLength]);
                }
            }

            // The last accounts, fewer than one vector, go through the one-account scorer.
            if (vectorAccounts < scores.Length)
            {
                var nodeCount = layout.NodeCount;
                var row = scratch[..layout.MetricCount];
                var nodes = scratch.Slice(layout.MetricCount, 3 * nodeCount);
                for (var a = vectorAccounts; a < scores.Length; a++)
                {
                    for (var m = 0; m < row.Length; m++)
                    {
                        row[m] = columns[(m * stride) + a];
                    }

                    var result = AccountScoring.Evaluate(model, row, phase, [], [], nodes[..nodeCount], nodes.Slice(nodeCount, nodeCount), nodes.Slice(2 * nodeCount, nodeCount));
                    scores[a] = result.Score ?? double.NaN;
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
    }

    /// <summary>Whether the phase's accounts are scored through its program (<see cref="ColumnProgramScoring"/>) rather than block by block.</summary>
    internal static bool UsesProgram(HealthModel model, Phase phase) => ColumnProgramScoring.Supports(model, phase);

    // Scores accounts start .. start + scores.Length (a multiple of the vector width) exactly as Evaluate does, the
    // same operations in the same order per account, so the results are bit for bit the same.
    private static void ScoreBlock(HealthModel model, ReadOnlySpan<double> columns, int stride, int start, Phase phase, Span<double> scores, Span<double> scratch)
    {
        var layout = model.Layout;
        var phaseLayout = phase.Layout;
        var metricCount = layout.MetricCount;
        var root = layout.Root;
        var count = scores.Length;
        var width = Vector<double>.Count;
        var parents = layout.Parents;
        var aggregations = layout.Aggregations;
        var weights = phaseLayout.NodeWeights;
        var functions = phaseLayout.Functions;
        var linearOffsets = phaseLayout.LinearOffsets;
        var linearScales = phaseLayout.LinearScales;
        var shares = phaseLayout.CoverageShares;
        var missingValues = layout.MissingValues;

        // Node n's accumulator and weight sum (or chosen child + 1) for the block's accounts; then the missing share
        // and one metric's normalised values.
        var accumulators = scratch[..(layout.NodeCount * ColumnBlock)];
        var weightSums = scratch.Slice(layout.NodeCount * ColumnBlock, layout.NodeCount * ColumnBlock);
        var missing = scratch.Slice(2 * layout.NodeCount * ColumnBlock, ColumnBlock);
        var normalized = scratch.Slice((2 * layout.NodeCount * ColumnBlock) + ColumnBlock, ColumnBlock);

        for (var g = metricCount; g <= root; g++)
        {
            var initial = aggregations[g] switch
            {
                Aggregation.Minimum => double.PositiveInfinity,
                Aggregation.Maximum => double.NegativeInfinity,
                _ => 0,
            };
            accumulators.Slice(g * ColumnBlock, count).Fill(initial);
            weightSums.Slice(g * ColumnBlock, count).Clear();
        }

        missing[..count].Clear();
        var zero = Vector<double>.Zero;
        var nan = new Vector<double>(double.NaN);
        ref var missingRef = ref MemoryMarshal.GetReference(missing);
        ref var normalizedRef = ref MemoryMarshal.GetReference(normalized);

        // One pass per metric: normalise, substitute missing values, add to the parent's running sums.
        for (var i = 0; i < metricCount; i++)
        {
            var column = columns.Slice((i * stride) + start, count);
            ref var columnRef = ref MemoryMarshal.GetReference(column);
            var parent = parents[i];
            var aggregation = aggregations[parent];
            ref var accumulatorRef = ref accumulators[parent * ColumnBlock];
            ref var weightSumRef = ref weightSums[parent * ColumnBlock];
            var share = new Vector<double>(shares[i]);
            var missingValue = new Vector<double>(missingValues[i]);
            var weight = new Vector<double>(weights[i]);
            var chosen = new Vector<double>(i + 1);
            var linearScale = linearScales[i];
            var function = functions[i];
            var vectorized = linearScale == 0 && function.IsVectorized;
            if (linearScale == 0 && !vectorized)
            {
                for (var j = 0; j < count; j++)
                {
                    var raw = column[j];
                    var value = double.NaN;
                    if (double.IsFinite(raw))
                    {
                        value = function.Normalize(raw);
                        if (!double.IsNaN(value))
                        {
                            value = Math.Clamp(value, 0.0, 1.0);
                        }
                    }

                    normalized[j] = value;
                }
            }

            var offset = new Vector<double>(linearOffsets[i]);
            var scale = new Vector<double>(linearScale);
            for (var j = 0; j < count; j += width)
            {
                var at = (nuint)j;
                Vector<double> value;
                if (linearScale != 0)
                {
                    var raw = Vector.LoadUnsafe(ref columnRef, at);
                    var finite = Vector.Equals(raw - raw, zero);
                    value = Vector.ConditionalSelect(finite, VectorLanes.ClampUnit(new((raw - offset) * scale)).Value, nan);
                }
                else if (vectorized)
                {
                    // As Evaluate: non-finite input is missing; a NaN result stays missing; anything else is clamped.
                    var raw = Vector.LoadUnsafe(ref columnRef, at);
                    var finite = Vector.Equals(raw - raw, zero);
                    var result = function.VectorNormalize(raw);
                    value = Vector.ConditionalSelect(finite, VectorLanes.ClampUnit(new(result)).Value, nan);
                }
                else
                {
                    value = Vector.LoadUnsafe(ref normalizedRef, at);
                }

                var present = Vector.Equals(value, value);
                (Vector.LoadUnsafe(ref missingRef, at) + Vector.ConditionalSelect(present, zero, share)).StoreUnsafe(ref missingRef, at);
                value = Vector.ConditionalSelect(present, value, missingValue);
                Accumulate(aggregation, ref accumulatorRef, ref weightSumRef, at, value, weight, chosen);
            }
        }

        // model.Groups bottom-up: each group's value, added to its parent; the root's value ends in normalized.
        for (var g = metricCount; g <= root; g++)
        {
            ref var ownAccumulatorRef = ref accumulators[g * ColumnBlock];
            ref var ownWeightSumRef = ref weightSums[g * ColumnBlock];
            var mean = aggregations[g] == Aggregation.WeightedMean;
            var isRoot = g == root;
            var parent = isRoot ? g : parents[g];
            var aggregation = aggregations[parent];
            ref var accumulatorRef = ref accumulators[parent * ColumnBlock];
            ref var weightSumRef = ref weightSums[parent * ColumnBlock];
            var weight = new Vector<double>(weights[g]);
            var chosen = new Vector<double>(g + 1);
            for (var j = 0; j < count; j += width)
            {
                var at = (nuint)j;
                var sum = Vector.LoadUnsafe(ref ownWeightSumRef, at);
                var total = Vector.LoadUnsafe(ref ownAccumulatorRef, at);
                var value = Vector.ConditionalSelect(Vector.GreaterThan(sum, zero), mean ? total / sum : total, nan);
                if (isRoot)
                {
                    value.StoreUnsafe(ref normalizedRef, at);
                }
                else
                {
                    Accumulate(aggregation, ref accumulatorRef, ref weightSumRef, at, value, weight, chosen);
                }
            }
        }

        // normalized now holds the root's value for every account.
        var range = model.ScaleMax - model.ScaleMin;
        for (var j = 0; j < count; j++)
        {
            var coverage = AccountScoring.Coverage(missing[j]); // as in Evaluate: independent of the weights' scale
            var rootValue = normalized[j];
            if (double.IsNaN(rootValue) || !(coverage > 0) || !(coverage >= model.MinimumCoverage))
            {
                scores[j] = double.NaN;
                continue;
            }

            var unrounded = Math.Clamp(model.ScaleMin + (range * Math.Clamp(rootValue, 0.0, 1.0)), model.ScaleMin, model.ScaleMax);
            scores[j] = AccountScoring.RoundScore(unrounded, model.Decimals);
        }
    }

    // Adds a child's values (NaN = not present) for one vector of accounts to its parent's running sums.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Aggregation aggregation, ref double accumulatorRef, ref double weightSumRef, nuint at, Vector<double> value, Vector<double> weight, Vector<double> chosen)
    {
        var present = Vector.Equals(value, value);
        var total = Vector.LoadUnsafe(ref accumulatorRef, at);
        var sum = Vector.LoadUnsafe(ref weightSumRef, at);
        switch (aggregation)
        {
            case Aggregation.WeightedMean:
                total += Vector.ConditionalSelect(present, weight * value, Vector<double>.Zero);
                sum += Vector.ConditionalSelect(present, weight, Vector<double>.Zero);
                break;
            case Aggregation.Minimum:
                var lower = Vector.LessThan(value, total);
                total = Vector.ConditionalSelect(lower, value, total);
                sum = Vector.ConditionalSelect(lower, chosen, sum);
                break;
            case Aggregation.Maximum:
                var higher = Vector.GreaterThan(value, total);
                total = Vector.ConditionalSelect(higher, value, total);
                sum = Vector.ConditionalSelect(higher, chosen, sum);
                break;
        }

        total.StoreUnsafe(ref accumulatorRef, at);
        sum.StoreUnsafe(ref weightSumRef, at);
    }
}
