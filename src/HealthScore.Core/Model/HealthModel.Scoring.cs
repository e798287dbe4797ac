using System.Buffers;
using System.Runtime.CompilerServices;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    /// <summary>Scores one account in the model's default phase.</summary>
    /// <param name="values">One raw value per metric, indexed by <see cref="Metric.Index"/>; NaN or ±∞ means missing.</param>
    /// <returns>The result. Allocates nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one entry per metric.</exception>
    public HealthResult Score(ReadOnlySpan<double> values) => Score(values, DefaultPhase, [], []);

    /// <summary>Scores one account in the given phase.</summary>
    /// <param name="values">One raw value per metric, indexed by <see cref="Metric.Index"/>; NaN or ±∞ means missing.</param>
    /// <param name="phase">The phase to judge the account in; one of this model's phases.</param>
    /// <returns>The result. Allocates nothing.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one entry per metric, or the phase belongs to another model.</exception>
    public HealthResult Score(ReadOnlySpan<double> values, Phase phase) => Score(values, phase, [], []);

    /// <summary>
    /// Scores one account in the given phase and writes the explanation into the caller's buffers: each metric's
    /// contribution and each group's score. Pass an empty span for what you do not need.
    /// </summary>
    /// <param name="values">One raw value per metric, indexed by <see cref="Metric.Index"/>; NaN or ±∞ means missing.</param>
    /// <param name="phase">The phase to judge the account in; one of this model's phases.</param>
    /// <param name="contributions">Empty, or at least one entry per metric; receives each metric's contribution at its index.</param>
    /// <param name="groupScores">Empty, or at least one entry per group; receives each group's score at its index.</param>
    /// <returns>The result. Allocates nothing.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or the phase belongs to another model.</exception>
    public HealthResult Score(ReadOnlySpan<double> values, Phase phase, Span<MetricContribution> contributions, Span<GroupScore> groupScores) =>
        AccountScoring.Score(this, values, phase, contributions, groupScores);
}
