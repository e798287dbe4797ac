using System.Buffers;
using HealthScore.Core.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Core.Trend;

/// <summary>Compares two results of one model: the change, its direction and the metrics that moved it.</summary>
internal static class TrendComputation
{
    internal static HealthTrend Trend(HealthModel model, in HealthResult previous, in HealthResult current) =>
        Trend(model, previous, [], current, [], []);

    internal static HealthTrend Trend(HealthModel model,
        in HealthResult previous,
        ReadOnlySpan<MetricContribution> previousContributions,
        in HealthResult current,
        ReadOnlySpan<MetricContribution> currentContributions,
        Span<MetricChange> changes)
    {
        model.CheckResult(previous, nameof(previous));
        model.CheckResult(current, nameof(current));
        var count = 0;
        if (!changes.IsEmpty)
        {
            var metricCount = model.Layout.MetricCount;
            if (previousContributions.Length < metricCount || currentContributions.Length < metricCount)
            {
                throw new ArgumentException($"Explaining a change needs both results' contributions, one per metric ({metricCount}); got {previousContributions.Length} and {currentContributions.Length}.", nameof(changes));
            }

            count = CollectChanges(previousContributions, currentContributions, [], changes);
        }

        var direction = Direction(model, previous, current, out var delta);

        return new HealthTrend(delta, direction, previous.Band, current.Band, previous.Phase, current.Phase, count);
    }

    internal static HealthTrend Trend(HealthModel model,
        ReadOnlySpan<double> previousValues,
        Phase previousPhase,
        ReadOnlySpan<double> currentValues,
        Phase currentPhase,
        Span<MetricChange> changes)
    {
        const int StackMetrics = 256;
        var metricCount = model.Layout.MetricCount;
        MetricContribution[]? rented = null;
        var buffer = metricCount <= StackMetrics / 2
            ? stackalloc MetricContribution[StackMetrics]
            : (rented = ArrayPool<MetricContribution>.Shared.Rent(metricCount * 2));
        try
        {
            var previousContributions = buffer[..metricCount];
            var currentContributions = buffer.Slice(metricCount, metricCount);
            var previous = model.Score(previousValues, previousPhase, previousContributions, []);
            var current = model.Score(currentValues, currentPhase, currentContributions, []);
            return Trend(model, previous, previousContributions, current, currentContributions, changes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<MetricContribution>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Compares a result with one rebuilt from a stored snapshot: the delta from the two scores as they were
    /// reported, the metric changes only over the metrics marked <paramref name="shared"/> (those the snapshot has).
    /// </summary>
    internal static HealthTrend Compare(HealthModel model,
        in HealthResult previous,
        ReadOnlySpan<MetricContribution> previousContributions,
        in HealthResult current,
        ReadOnlySpan<MetricContribution> currentContributions,
        ReadOnlySpan<bool> shared,
        bool modelChanged,
        Span<MetricChange> changes)
    {
        var count = CollectChanges(previousContributions, currentContributions, shared, changes);
        var direction = Direction(model, previous, current, out var delta);

        return new HealthTrend(delta, direction, previous.Band, current.Band, previous.Phase, current.Phase, count, modelChanged);
    }

    private static TrendDirection Direction(HealthModel model, in HealthResult previous, in HealthResult current, out double? delta)
    {
        delta = null;
        if (previous.Score is not { } before || current.Score is not { } after)
        {
            return TrendDirection.Unknown;
        }

        var difference = Math.Round(after - before, model.Decimals, MidpointRounding.AwayFromZero);
        delta = difference;
        return Math.Abs(difference) <= model.DeadBand ? TrendDirection.Flat : difference > 0 ? TrendDirection.Up : TrendDirection.Down;
    }

    private static int CollectChanges(ReadOnlySpan<MetricContribution> previous, ReadOnlySpan<MetricContribution> current, ReadOnlySpan<bool> shared, Span<MetricChange> changes)
    {
        const double Epsilon = 1e-9;
        var count = 0;
        for (var i = 0; i < current.Length && i < previous.Length; i++)
        {
            if (!shared.IsEmpty && (i >= shared.Length || !shared[i]))
            {
                continue;
            }

            var change = new MetricChange(i, previous[i].RawValue, current[i].RawValue, previous[i].PointsEarned, current[i].PointsEarned);
            var size = Math.Abs(change.Points);
            if (size <= Epsilon)
            {
                continue;
            }

            // Insertion into the caller's buffer, largest move first; when it is full, smaller moves fall off the end.
            var position = count;
            while (position > 0 && Math.Abs(changes[position - 1].Points) < size)
            {
                position--;
            }

            if (position >= changes.Length)
            {
                continue;
            }

            var last = Math.Min(count, changes.Length - 1);
            for (var k = last; k > position; k--)
            {
                changes[k] = changes[k - 1];
            }

            changes[position] = change;
            count = Math.Min(count + 1, changes.Length);
        }

        return count;
    }

}
