using HealthScore.Core.Metrics;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Scoring;

/// <summary>
/// Stands in for the metrics a person enters rather than the records give — a success manager's sentiment: the
/// model's categorical or expiring metrics that no built-in provider produces. It computes nothing (every value
/// missing); their values come with the account (<see cref="AccountInput.Values"/>, with
/// <see cref="AccountInput.ObservedAt"/>), and a value given there wins over the providers'.
/// </summary>
internal sealed class EnteredMetricsProvider : IMetricProvider
{
    private EnteredMetricsProvider(IReadOnlyList<MetricDescriptor> metrics) => Metrics = metrics;

    public IReadOnlyList<MetricDescriptor> Metrics { get; }

    /// <summary>The provider of the model's entered metrics that none of <paramref name="builtIn"/> produces, or <see langword="null"/> when there are none.</summary>
    public static EnteredMetricsProvider? For(HealthModel model, IReadOnlyList<IMetricProvider> builtIn)
    {
        var produced = builtIn.SelectMany(static p => p.Metrics).Select(static m => m.Id).ToHashSet(StringComparer.Ordinal);
        var entered = model.Metrics
            .Where(m => (m.IsCategorical || m.MaxAgeDays is not null) && !produced.Contains(m.Id))
            .Select(static m => new MetricDescriptor(m.Id, m.Unit, m.Direction, m.Label + ", entered with the account."))
            .ToArray();
        return entered.Length == 0 ? null : new EnteredMetricsProvider(entered);
    }

    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Metrics.Count, nameof(destination));
        destination[..Metrics.Count].Fill(double.NaN);
    }
}
