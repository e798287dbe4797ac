using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Declares the metrics people enter rather than records give (a success manager's sentiment, a coach's rating), so a
/// <see cref="MetricProviderSet"/> covers the whole model. It computes nothing: every value it writes is missing, and
/// the entered value comes with the account (<c>AccountInput.MetricValues</c> and <c>ObservedAt</c>, for example from
/// <c>AccountHistory.WriteManualInputs</c>), which wins over any provider's.
/// </summary>
/// <example>
/// <code>
/// services.AddMetricProvider(new ManualMetricsProvider("csm_sentiment"));
/// </code>
/// </example>
public sealed class ManualMetricsProvider : IMetricProvider
{
    /// <summary>Creates the provider for the given metric ids.</summary>
    /// <param name="metricIds">The ids of the metrics people enter; at least one, each once.</param>
    /// <exception cref="ArgumentException">No id, an empty id, or an id given twice.</exception>
    public ManualMetricsProvider(params string[] metricIds)
    {
        ArgumentNullException.ThrowIfNull(metricIds);
        if (metricIds.Length == 0)
        {
            throw new ArgumentException("Name at least one metric that people enter.", nameof(metricIds));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var metrics = new MetricDescriptor[metricIds.Length];
        for (var i = 0; i < metricIds.Length; i++)
        {
            var id = metricIds[i];
            if (string.IsNullOrWhiteSpace(id) || !seen.Add(id))
            {
                throw new ArgumentException($"Metric id {i} ('{id}') is empty or given twice.", nameof(metricIds));
            }

            metrics[i] = new MetricDescriptor(id, null, MetricDirection.HigherIsBetter, "Entered by a person with the account, not computed from records.");
        }

        Metrics = metrics;
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics { get; }

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination)
    {
        if (destination.Length < Metrics.Count)
        {
            throw new ArgumentException($"The destination has {destination.Length} slots; this provider writes {Metrics.Count}.", nameof(destination));
        }

        destination[..Metrics.Count].Fill(double.NaN);
    }
}
