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
        TrendComputation.Trend(this, in previous, in current);

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
        Span<MetricChange> changes) =>
        TrendComputation.Trend(this, in previous, previousContributions, in current, currentContributions, changes);

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
        Span<MetricChange> changes) =>
        TrendComputation.Trend(this, previousValues, previousPhase, currentValues, currentPhase, changes);
}
