using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Scores accounts with the model a <see cref="HealthModelSource"/> serves and counts them in
/// <see cref="HealthScoringMetrics"/>. The scoring itself is <see cref="HealthModel.Score(ReadOnlySpan{double}, Phase, Span{MetricContribution}, Span{GroupScore})"/>;
/// this adds one counter increment, and allocates nothing. Thread-safe.
/// </summary>
public sealed class HealthScorer
{
    private readonly HealthModelSource _source;
    private readonly HealthScoringMetrics _metrics;

    /// <summary>Creates the scorer.</summary>
    /// <param name="source">The source of the model.</param>
    /// <param name="metrics">The instruments that count accounts scored.</param>
    public HealthScorer(HealthModelSource source, HealthScoringMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metrics);
        _source = source;
        _metrics = metrics;
    }

    /// <summary>Gets the model serving now. Take it once per account (or batch) and pass it back to <see cref="Score(HealthModel, ReadOnlySpan{double}, Phase, Span{MetricContribution}, Span{GroupScore})"/>, so the values, phase and score all belong to one model.</summary>
    public HealthModel Model => _source.Current;

    /// <summary>Scores one account in the default phase of the model serving now.</summary>
    /// <param name="values">One raw value per metric of <see cref="Model"/>; NaN means missing.</param>
    /// <returns>The result, carrying the hash of the model that produced it.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one entry per metric of the model serving now.</exception>
    public HealthResult Score(ReadOnlySpan<double> values)
    {
        var model = _source.Current;
        return Score(model, values, model.DefaultPhase, [], []);
    }

    /// <summary>Scores one account with a model taken from <see cref="Model"/> and writes the explanation into the caller's buffers.</summary>
    /// <param name="model">The model, taken once from <see cref="Model"/> for this account.</param>
    /// <param name="values">One raw value per metric of <paramref name="model"/>; NaN means missing.</param>
    /// <param name="phase">One of <paramref name="model"/>'s phases.</param>
    /// <param name="contributions">Empty, or at least one entry per metric.</param>
    /// <param name="groupScores">Empty, or at least one entry per group.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or the phase belongs to another model.</exception>
    public HealthResult Score(HealthModel model, ReadOnlySpan<double> values, Phase phase, Span<MetricContribution> contributions, Span<GroupScore> groupScores)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Score(values, phase, contributions, groupScores);
        _metrics.RecordAccountsScored();
        return result;
    }
}
