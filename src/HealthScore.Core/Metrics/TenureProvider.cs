using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>Tenure metrics from the account's contract: days since the contract started, days to renewal. Immutable and thread-safe.</summary>
public sealed class TenureProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("days", MetricDirection.HigherIsBetter, "Days since the contract started", IsCount: false, Windowed: false),
        new("days", MetricDirection.HigherIsBetter, "Days to the renewal date", IsCount: false, Windowed: false),
    ];

    private static readonly ProviderKit.MeasureFunction<TenureMeasure> MeasureOf =
        static (in AccountRecords records, TenureMeasure measure, DateTimeOffset end, int days) => Measure(records.Account, measure, end);

    private readonly MetricSpec<TenureMeasure>[] _specs;

    /// <summary>Creates the provider with the default options.</summary>
    public TenureProvider()
        : this(new TenureProviderOptions())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public TenureProvider(TenureProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ModelError>();
        (_specs, var descriptors) = ProviderKit.Build("tenure", options.Metrics, Infos, errors);
        ProviderKit.ThrowIfAny(errors);
        Metrics = descriptors;
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics { get; }

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination)
    {
        ProviderKit.Compute(_specs, records, asOf, destination, MeasureOf);
    }

    private static double Measure(Account? account, TenureMeasure measure, DateTimeOffset end) => measure switch
    {
        TenureMeasure.DaysSinceContractStart when account?.ContractStart is { } start && start <= end => ProviderKit.Days(start, end),
        TenureMeasure.DaysToRenewal when account?.RenewalDate is { } renewal => ProviderKit.Days(end, renewal),
        _ => double.NaN,
    };
}
