using System.Buffers;
using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// The providers that fill one account's metric values for a compiled <see cref="HealthModel"/>: every metric of
/// the model is produced by exactly one provider, checked when the set is created. Metrics a provider produces
/// that the model does not use are computed and discarded. Immutable and thread-safe.
/// </summary>
public sealed class MetricProviderSet
{
    private readonly IMetricProvider[] _providers;
    private readonly int[][] _targets;
    private readonly int _scratch;

    private MetricProviderSet(HealthModel model, IMetricProvider[] providers, int[][] targets)
    {
        Model = model;
        _providers = providers;
        Providers = Array.AsReadOnly(providers);
        _targets = targets;
        foreach (var target in targets)
        {
            _scratch = Math.Max(_scratch, target.Length);
        }
    }

    /// <summary>Gets the model whose metric values the set fills.</summary>
    public HealthModel Model { get; }

    /// <summary>Gets the providers, in the order given (providers that produce nothing the model uses are kept out).</summary>
    public IReadOnlyList<IMetricProvider> Providers { get; }

    /// <summary>Checks that the providers produce every metric of <paramref name="model"/> exactly once, and maps their outputs to the model's metric indices.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="providers">The providers.</param>
    /// <returns>The set.</returns>
    /// <exception cref="HealthModelException">
    /// Some metrics are produced by no provider or by more than one; <see cref="HealthModelException.Errors"/> names
    /// every one, with a "did you mean" suggestion for a missing metric whose id is close to one a provider produces.
    /// </exception>
    public static MetricProviderSet Create(HealthModel model, IEnumerable<IMetricProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(providers);
        var list = new List<IMetricProvider>();
        var producers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var errors = new List<ModelError>();
        foreach (var provider in providers)
        {
            if (provider is null)
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, Path(list.Count), "The provider is null."));
                continue;
            }

            list.Add(provider);
            foreach (var metric in provider.Metrics)
            {
                if (!producers.TryGetValue(metric.Id, out var names))
                {
                    producers[metric.Id] = names = [];
                }

                names.Add(provider.GetType().Name);
            }
        }

        foreach (var (id, names) in producers.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            if (names.Count > 1)
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, "metrics." + id, $"The metric '{id}' is produced by {names.Count.ToString(CultureInfo.InvariantCulture)} providers ({string.Join(", ", names)}); exactly one must produce it."));
            }
        }

        foreach (var metric in model.Metrics)
        {
            if (!producers.ContainsKey(metric.Id))
            {
                errors.Add(new ModelError(ModelErrorKind.Provider, "metrics." + metric.Id, $"No provider produces the metric '{metric.Id}'.{IdSuggestions.DidYouMean(metric.Id, producers.Keys)}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new HealthModelException(errors);
        }

        var used = new List<IMetricProvider>();
        var targets = new List<int[]>();
        foreach (var provider in list)
        {
            var target = new int[provider.Metrics.Count];
            var any = false;
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = model.TryGetMetric(provider.Metrics[i].Id, out var metric) ? metric.Index : -1;
                any |= target[i] >= 0;
            }

            if (any)
            {
                used.Add(provider);
                targets.Add(target);
            }
        }

        return new MetricProviderSet(model, [.. used], [.. targets]);
    }

    /// <summary>Fills the model's metric values for one account as of a date. Allocates nothing.</summary>
    /// <param name="records">The account's records.</param>
    /// <param name="asOf">The date the values are computed as of.</param>
    /// <param name="values">Receives one value per metric of <see cref="Model"/>, at <see cref="Metric.Index"/>; NaN means missing.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter than the model's metric count.</exception>
    public void Fill(in AccountRecords records, DateTimeOffset asOf, Span<double> values)
    {
        var count = Model.Metrics.Count;
        if (values.Length < count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The values span holds {values.Length} values; the model has {count} metrics."), nameof(values));
        }

        values[..count].Fill(double.NaN);
        var rented = _scratch > 128 ? ArrayPool<double>.Shared.Rent(_scratch) : null;
        var scratch = rented is null ? stackalloc double[128] : rented.AsSpan();
        for (var p = 0; p < _providers.Length; p++)
        {
            var target = _targets[p];
            var produced = scratch[..target.Length];
            _providers[p].Compute(records, asOf, produced);
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] >= 0)
                {
                    values[target[i]] = double.IsFinite(produced[i]) ? produced[i] : double.NaN;
                }
            }
        }

        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static string Path(int index) => string.Create(CultureInfo.InvariantCulture, $"providers[{index}]");
}
