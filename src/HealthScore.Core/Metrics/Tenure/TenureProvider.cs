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

    private readonly ProviderFrame<TenureMeasure, Computer> _frame;

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
        _frame = new("tenure", options.Metrics, Infos, default(Computer));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer : IMeasureComputer<TenureMeasure>
    {
        public RecordSources Source => RecordSources.None;

        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            var account = records.Account;
            if (measures.Contains((int)TenureMeasure.DaysSinceContractStart))
            {
                values[(int)TenureMeasure.DaysSinceContractStart] = account?.ContractStart is { } start && start <= end ? ProviderKit.Days(start, end) : double.NaN;
            }

            if (measures.Contains((int)TenureMeasure.DaysToRenewal))
            {
                values[(int)TenureMeasure.DaysToRenewal] = account?.RenewalDate is { } renewal ? ProviderKit.Days(end, renewal) : double.NaN;
            }
        }
    }
}
