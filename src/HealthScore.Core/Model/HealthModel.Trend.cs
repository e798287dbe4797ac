using System.Buffers;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    /// <summary>Compares two results of this model: delta, direction after the dead band, band and phase change.</summary>
    /// <param name="previous">The earlier result.</param>
    /// <param name="current">The later result.</param>
    /// <returns>The trend. Allocates nothing.</returns>
    public HealthTrend Trend(in HealthResult previous, in HealthResult current) =>
        Trend(previous, [], current, [], []);

    /// <summary>
    /// Compares two results of this model and explains the change: writes into <paramref name="changes"/> every
    /// metric whose points moved, largest move first. The moves add up to the change of the unrounded score.
    /// </summary>
    /// <param name="previous">The earlier result.</param>
    /// <param name="previousContributions">The earlier result's contributions (one per metric).</param>
    /// <param name="current">The later result.</param>
    /// <param name="currentContributions">The later result's contributions (one per metric).</param>
    /// <param name="changes">Receives the metric changes; at least one entry per metric to be sure to hold them all.</param>
    /// <returns>The trend; <see cref="HealthTrend.ChangeCount"/> says how many changes were written. Allocates nothing.</returns>
    /// <exception cref="ArgumentException">A result comes from another model, or a contribution span has the wrong length.</exception>
    public HealthTrend Trend(
        in HealthResult previous,
        ReadOnlySpan<MetricContribution> previousContributions,
        in HealthResult current,
        ReadOnlySpan<MetricContribution> currentContributions,
        Span<MetricChange> changes)
    {
        CheckResult(previous, nameof(previous));
        CheckResult(current, nameof(current));
        var count = 0;
        if (!changes.IsEmpty)
        {
            var metricCount = _layout.MetricCount;
            if (previousContributions.Length < metricCount || currentContributions.Length < metricCount)
            {
                throw new ArgumentException($"Explaining a change needs both results' contributions, one per metric ({metricCount}); got {previousContributions.Length} and {currentContributions.Length}.", nameof(changes));
            }

            count = CollectChanges(previousContributions, currentContributions, changes);
        }

        double? delta = null;
        var direction = TrendDirection.Unknown;
        if (previous.Score is { } before && current.Score is { } after)
        {
            var difference = Math.Round(after - before, Decimals, MidpointRounding.AwayFromZero);
            delta = difference;
            direction = Math.Abs(difference) <= DeadBand ? TrendDirection.Flat : difference > 0 ? TrendDirection.Up : TrendDirection.Down;
        }

        return new HealthTrend(delta, direction, previous.Band, current.Band, previous.Phase, current.Phase, count);
    }

    /// <summary>
    /// Scores the previous and the current metric values and explains the change between them: the same as scoring
    /// both with contributions and calling <see cref="Trend(in HealthResult, ReadOnlySpan{MetricContribution}, in HealthResult, ReadOnlySpan{MetricContribution}, Span{MetricChange})"/>.
    /// </summary>
    /// <param name="previousValues">The earlier raw values, one per metric.</param>
    /// <param name="previousPhase">The phase of the earlier values.</param>
    /// <param name="currentValues">The later raw values, one per metric.</param>
    /// <param name="currentPhase">The phase of the later values.</param>
    /// <param name="changes">Receives the metric changes, largest first.</param>
    /// <returns>The trend. Allocates nothing for models of up to 256 metrics; larger ones rent buffers from the shared pool.</returns>
    public HealthTrend Trend(
        ReadOnlySpan<double> previousValues,
        Phase previousPhase,
        ReadOnlySpan<double> currentValues,
        Phase currentPhase,
        Span<MetricChange> changes)
    {
        const int StackMetrics = 256;
        var metricCount = _layout.MetricCount;
        MetricContribution[]? rented = null;
        var buffer = metricCount <= StackMetrics / 2
            ? stackalloc MetricContribution[StackMetrics]
            : (rented = ArrayPool<MetricContribution>.Shared.Rent(metricCount * 2));
        try
        {
            var previousContributions = buffer[..metricCount];
            var currentContributions = buffer.Slice(metricCount, metricCount);
            var previous = Score(previousValues, previousPhase, previousContributions, []);
            var current = Score(currentValues, currentPhase, currentContributions, []);
            return Trend(previous, previousContributions, current, currentContributions, changes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<MetricContribution>.Shared.Return(rented);
            }
        }
    }

    private static int CollectChanges(ReadOnlySpan<MetricContribution> previous, ReadOnlySpan<MetricContribution> current, Span<MetricChange> changes)
    {
        const double Epsilon = 1e-9;
        var count = 0;
        for (var i = 0; i < current.Length && i < previous.Length; i++)
        {
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

    private void CheckResult(in HealthResult result, string parameterName)
    {
        if (!ReferenceEquals(result.ModelHash, Hash) && result.ModelHash != Hash)
        {
            throw new ArgumentException($"The result was produced by another model (hash {result.ModelHash ?? "none"}); compare results of the same model, or rescore both with this one.", parameterName);
        }
    }
}
