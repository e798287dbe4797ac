using System.Buffers;
using System.Runtime.CompilerServices;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    /// <summary>
    /// Scores many accounts in one phase. <paramref name="values"/> holds the accounts one after another, each as
    /// one value per metric (row-major: account <c>i</c>'s metric <c>m</c> is at <c>i × Metrics.Count + m</c>).
    /// </summary>
    /// <param name="values">The accounts' metric values, row after row; NaN or ±∞ means missing.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="results">Receives one result per account; its length is the number of accounts.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold exactly one row per result.</exception>
    public void ScoreBatch(ReadOnlySpan<double> values, Phase phase, Span<HealthResult> results)
    {
        CheckPhase(phase, nameof(phase));
        CheckBatch(values.Length, results.Length, nameof(values));
        ScoreRows(values, phase, [], results);
    }

    /// <summary>Scores many accounts, each in its own phase. See <see cref="ScoreBatch(ReadOnlySpan{double}, Phase, Span{HealthResult})"/> for the layout.</summary>
    /// <param name="values">The accounts' metric values, row after row; NaN or ±∞ means missing.</param>
    /// <param name="phases">One phase per account, each one of this model's phases.</param>
    /// <param name="results">Receives one result per account.</param>
    /// <exception cref="ArgumentException">The spans do not line up, or a phase belongs to another model.</exception>
    public void ScoreBatch(ReadOnlySpan<double> values, ReadOnlySpan<Phase> phases, Span<HealthResult> results)
    {
        CheckBatch(values.Length, results.Length, nameof(values));
        if (phases.Length != results.Length)
        {
            throw new ArgumentException($"Expected one phase per account ({results.Length}); got {phases.Length}.", nameof(phases));
        }

        foreach (var phase in phases)
        {
            CheckPhase(phase, nameof(phases));
        }

        ScoreRows(values, null, phases, results);
    }

    /// <summary>
    /// Scores many accounts in one phase on several cores. Accounts are split into contiguous chunks; because
    /// scoring is a pure function of the model and the values, the result is the same as <see cref="ScoreBatch(ReadOnlySpan{double}, Phase, Span{HealthResult})"/>.
    /// </summary>
    /// <param name="values">The accounts' metric values, row after row.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="results">Receives one result per account.</param>
    /// <param name="options">Parallelism, progress and cancellation; <see langword="null"/> for the defaults.</param>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public void ScoreBatchParallel(ReadOnlyMemory<double> values, Phase phase, Memory<HealthResult> results, BatchOptions? options = null)
    {
        CheckPhase(phase, nameof(phase));
        CheckBatch(values.Length, results.Length, nameof(values));
        options ??= BatchOptions.Default;
        var accounts = results.Length;
        var chunk = Math.Max(1, options.ChunkSize);
        var chunks = (accounts + chunk - 1) / chunk;
        var done = 0L;
        var metricCount = _layout.MetricCount;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = options.CancellationToken,
        };
        Parallel.For(0, chunks, parallel, c =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, accounts - start);
            ScoreRows(values.Span.Slice(start * metricCount, count * metricCount), phase, [], results.Span.Slice(start, count));
            var total = Interlocked.Add(ref done, count);
            options.Progress?.Report(total);
        });
    }

    private void CheckBatch(int valueCount, int accountCount, string parameterName)
    {
        var metricCount = _layout.MetricCount;
        if ((long)accountCount * metricCount != valueCount)
        {
            throw new ArgumentException($"Expected {accountCount} accounts × {metricCount} metrics = {(long)accountCount * metricCount} values (one row per result); got {valueCount}.", parameterName);
        }
    }

    [SkipLocalsInit]
    private void ScoreRows(ReadOnlySpan<double> values, Phase? phase, ReadOnlySpan<Phase> phases, Span<HealthResult> results)
    {
        var layout = _layout;
        var metricCount = layout.MetricCount;
        var nodeCount = layout.NodeCount;
        double[]? rented = null;
        var scratch = nodeCount <= StackNodes
            ? stackalloc double[StackNodes * 3]
            : (rented = ArrayPool<double>.Shared.Rent(nodeCount * 3));
        try
        {
            var nodeValues = scratch[..nodeCount];
            var weightSums = scratch.Slice(nodeCount, nodeCount);
            var accumulators = scratch.Slice(2 * nodeCount, nodeCount);
            for (var i = 0; i < results.Length; i++)
            {
                var row = values.Slice(i * metricCount, metricCount);
                results[i] = Evaluate(row, phase ?? phases[i], [], [], nodeValues, weightSums, accumulators);
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
}
