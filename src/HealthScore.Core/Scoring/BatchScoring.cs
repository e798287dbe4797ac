using System.Buffers;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>Scores many accounts laid out row by row, on one thread or in parallel chunks.</summary>
internal static class BatchScoring
{
    internal static void ScoreBatch(HealthModel model, ReadOnlySpan<double> values, Phase phase, Span<HealthResult> results)
    {
        model.CheckPhase(phase, nameof(phase));
        CheckBatch(model, values.Length, results.Length, nameof(values));
        ScoreRows(model, values, phase, [], results);
    }

    internal static void ScoreBatch(HealthModel model, ReadOnlySpan<double> values, ReadOnlySpan<Phase> phases, Span<HealthResult> results)
    {
        CheckBatch(model, values.Length, results.Length, nameof(values));
        if (phases.Length != results.Length)
        {
            throw new ArgumentException($"Expected one phase per account ({results.Length}); got {phases.Length}.", nameof(phases));
        }

        foreach (var phase in phases)
        {
            model.CheckPhase(phase, nameof(phases));
        }

        ScoreRows(model, values, null, phases, results);
    }

    internal static void ScoreBatchParallel(HealthModel model, ReadOnlyMemory<double> values, Phase phase, Memory<HealthResult> results, BatchOptions? options = null)
    {
        model.CheckPhase(phase, nameof(phase));
        CheckBatch(model, values.Length, results.Length, nameof(values));
        var metricCount = model.Layout.MetricCount;
        ParallelChunks.For(results.Length, options, (start, count) =>
            ScoreRows(model, values.Span.Slice(start * metricCount, count * metricCount), phase, [], results.Span.Slice(start, count)));
    }

    private static void CheckBatch(HealthModel model, int valueCount, int accountCount, string parameterName)
    {
        var metricCount = model.Layout.MetricCount;
        if ((long)accountCount * metricCount != valueCount)
        {
            throw new ArgumentException($"Expected {accountCount} accounts × {metricCount} metrics = {(long)accountCount * metricCount} values (one row per result); got {valueCount}.", parameterName);
        }
    }

    [SkipLocalsInit]
    private static void ScoreRows(HealthModel model, ReadOnlySpan<double> values, Phase? phase, ReadOnlySpan<Phase> phases, Span<HealthResult> results)
    {
        var layout = model.Layout;
        var metricCount = layout.MetricCount;
        var nodeCount = layout.NodeCount;
        double[]? rented = null;
        var scratch = nodeCount <= AccountScoring.StackNodes
            ? stackalloc double[AccountScoring.StackNodes * 3]
            : (rented = ArrayPool<double>.Shared.Rent(nodeCount * 3));
        try
        {
            var nodeValues = scratch[..nodeCount];
            var weightSums = scratch.Slice(nodeCount, nodeCount);
            var accumulators = scratch.Slice(2 * nodeCount, nodeCount);
            for (var i = 0; i < results.Length; i++)
            {
                var row = values.Slice(i * metricCount, metricCount);
                results[i] = AccountScoring.ScoreRow(model, row, phase ?? phases[i], nodeValues, weightSums, accumulators);
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
