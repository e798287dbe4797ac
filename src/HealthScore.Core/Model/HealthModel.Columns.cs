using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    // Accounts scored together: every node's running sums for a block stay in the first-level cache.
    private const int ColumnBlock = 64;

    // Models whose column scratch space fits in this many doubles use the stack; larger ones rent it.
    private const int StackColumnScratch = 4096;

    /// <summary>
    /// Scores many accounts in one phase from a column-major buffer and writes each account's score. Account
    /// <c>a</c>'s value of metric <c>m</c> is at <c>m × stride + a</c>, so one column holds one metric for every
    /// account. Clamped linear scoring functions, the aggregation and the missing-data rules run on
    /// <see cref="Vector{T}"/> lanes; other scoring functions are evaluated one value at a time. Every score equals
    /// <c>HealthResult.Score</c> from <see cref="Score(ReadOnlySpan{double}, Phase)"/> for the same values.
    /// </summary>
    /// <param name="columns">One column per metric, each <paramref name="stride"/> values apart; NaN or ±∞ means missing.</param>
    /// <param name="stride">The distance between two metrics' columns; at least the number of accounts.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="scores">
    /// Receives one score per account (rounded to the model's decimals); its length is the number of accounts.
    /// NaN means insufficient data (the account has no score), never a score.
    /// </param>
    /// <exception cref="ArgumentException">The buffer is too short for the stride and the number of accounts, or the phase belongs to another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is less than the number of accounts.</exception>
    public void ScoreColumns(ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores)
    {
        CheckPhase(phase, nameof(phase));
        CheckColumns(columns.Length, stride, scores.Length, nameof(columns));
        ScoreColumnsCore(columns, stride, phase, scores);
    }

    /// <summary>
    /// Scores many accounts from a column-major buffer on several cores, in contiguous chunks of accounts. The
    /// scores are the same as <see cref="ScoreColumns(ReadOnlySpan{double}, int, Phase, Span{double})"/>.
    /// </summary>
    /// <param name="columns">One column per metric, each <paramref name="stride"/> values apart; NaN or ±∞ means missing.</param>
    /// <param name="stride">The distance between two metrics' columns; at least the number of accounts.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="scores">Receives one score per account; NaN means insufficient data.</param>
    /// <param name="options">Parallelism, progress and cancellation; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The buffer is too short for the stride and the number of accounts, or the phase belongs to another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is less than the number of accounts.</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public void ScoreColumnsParallel(ReadOnlyMemory<double> columns, int stride, Phase phase, Memory<double> scores, BatchOptions? options = null)
    {
        CheckPhase(phase, nameof(phase));
        CheckColumns(columns.Length, stride, scores.Length, nameof(columns));
        options ??= BatchOptions.Default;
        var accounts = scores.Length;
        var chunk = Math.Max(1, options.ChunkSize);
        var chunks = (accounts + chunk - 1) / chunk;
        var done = 0L;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = options.CancellationToken,
        };
        Parallel.For(0, chunks, parallel, c =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, accounts - start);
            ScoreColumnsCore(columns.Span[start..], stride, phase, scores.Span.Slice(start, count));
            var total = Interlocked.Add(ref done, count);
            options.Progress?.Report(total);
        });
    }

    private void CheckColumns(int columnsLength, int stride, int accountCount, string parameterName)
    {
        if (stride < accountCount)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"The stride must be at least the number of accounts ({accountCount}).");
        }

        var needed = accountCount == 0 ? 0 : ((long)(_layout.MetricCount - 1) * stride) + accountCount;
        if (columnsLength < needed)
        {
            throw new ArgumentException($"Expected {_layout.MetricCount} columns of {accountCount} accounts, {stride} values apart: at least {needed} values; got {columnsLength}.", parameterName);
        }
    }

    [SkipLocalsInit]
    private void ScoreColumnsCore(ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores)
    {
        var layout = _layout;
        var width = Vector<double>.Count;
        var vectorAccounts = scores.Length - (scores.Length % width);
        var scratchLength = ((2 * layout.NodeCount) + 2) * ColumnBlock;
        double[]? rented = null;
        var scratch = scratchLength <= StackColumnScratch
            ? stackalloc double[StackColumnScratch]
            : (rented = ArrayPool<double>.Shared.Rent(scratchLength));
        try
        {
            for (var start = 0; start < vectorAccounts; start += ColumnBlock)
            {
                var count = Math.Min(ColumnBlock, vectorAccounts - start);
                ScoreBlock(columns, stride, start, phase, scores.Slice(start, count), scratch[..scratchLength]);
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

                    var result = Evaluate(row, phase, [], [], nodes[..nodeCount], nodes.Slice(nodeCount, nodeCount), nodes.Slice(2 * nodeCount, nodeCount));
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

    // Scores accounts start .. start + scores.Length (a multiple of the vector width) exactly as Evaluate does, the
    // same operations in the same order per account, so the results are bit for bit the same.
    private void ScoreBlock(ReadOnlySpan<double> columns, int stride, int start, Phase phase, Span<double> scores, Span<double> scratch)
    {
        var layout = _layout;
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
        var one = Vector<double>.One;
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
                    value = Vector.ConditionalSelect(finite, Vector.Min(Vector.Max((raw - offset) * scale, zero), one), nan);
                }
                else if (vectorized)
                {
                    // As Evaluate: non-finite input is missing; a NaN result stays missing; anything else is clamped.
                    var raw = Vector.LoadUnsafe(ref columnRef, at);
                    var finite = Vector.Equals(raw - raw, zero);
                    var result = function.VectorNormalize(raw);
                    var clamped = Vector.Min(Vector.Max(result, zero), one);
                    value = Vector.ConditionalSelect(finite & Vector.Equals(result, result), clamped, nan);
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

        // Groups bottom-up: each group's value, added to its parent; the root's value ends in normalized.
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
        var range = ScaleMax - ScaleMin;
        for (var j = 0; j < count; j++)
        {
            var coverage = Math.Round(Math.Clamp(1.0 - missing[j], 0.0, 1.0), 12); // as in Evaluate: independent of the weights' scale
            var rootValue = normalized[j];
            if (double.IsNaN(rootValue) || !(coverage > 0) || !(coverage >= MinimumCoverage))
            {
                scores[j] = double.NaN;
                continue;
            }

            var unrounded = Math.Clamp(ScaleMin + (range * Math.Clamp(rootValue, 0.0, 1.0)), ScaleMin, ScaleMax);
            scores[j] = Math.Round(unrounded, Decimals, MidpointRounding.AwayFromZero);
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
