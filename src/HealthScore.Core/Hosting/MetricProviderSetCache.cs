using HealthScore.Core.Metrics;

namespace HealthScore.Core.Hosting;

/// <summary>Keeps the <see cref="MetricProviderSet"/> of the model serving now, rebuilt on first use after a swap.</summary>
internal sealed class MetricProviderSetCache(HealthModelSource source, IEnumerable<IMetricProvider> providers)
{
    private MetricProviderSet? _set;

    public MetricProviderSet Get()
    {
        var model = source.Current;
        var set = Volatile.Read(ref _set);
        if (set is null || !ReferenceEquals(set.Model, model))
        {
            set = MetricProviderSet.Create(model, providers);
            Volatile.Write(ref _set, set);
        }

        return set;
    }
}
