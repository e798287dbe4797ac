using System.Buffers;
using System.Collections.Frozen;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Usage metrics from product events: active days, logins per week, time in product, feature breadth, active seats
/// per licensed seat, days since last activity, current and longest streaks of active days. Immutable and thread-safe.
/// </summary>
public sealed class UsageProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("days", MetricDirection.HigherIsBetter, "Distinct days with product activity", IsCount: true, Windowed: true),
        new("logins/week", MetricDirection.HigherIsBetter, "Logins per week", IsCount: true, Windowed: true),
        new("hours", MetricDirection.HigherIsBetter, "Hours spent in the product", IsCount: true, Windowed: true),
        new("ratio", MetricDirection.HigherIsBetter, "Share of the available features used", IsCount: true, Windowed: true),
        new("ratio", MetricDirection.HigherIsBetter, "Active users per licensed seat", IsCount: false, Windowed: true),
        new("days", MetricDirection.LowerIsBetter, "Days since the latest product activity", IsCount: false, Windowed: false),
        new("days", MetricDirection.HigherIsBetter, "Consecutive active days up to the as-of date", IsCount: true, Windowed: true),
        new("days", MetricDirection.HigherIsBetter, "Longest run of consecutive active days", IsCount: true, Windowed: true),
    ];

    private readonly ProviderFrame<UsageMeasure, Computer> _frame;

    /// <summary>Creates the provider with the default options (which need <see cref="UsageProviderOptions.AvailableFeatures"/> for feature breadth, so the default drops that metric).</summary>
    public UsageProvider()
        : this(new UsageProviderOptions { Metrics = [.. new UsageProviderOptions().Metrics.Where(static m => m.Measure != UsageMeasure.FeatureBreadth)] })
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public UsageProvider(UsageProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ModelError>();
        var (specs, descriptors) = ProviderKit.Build("usage", options.Metrics, Infos, errors);
        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in options.AvailableFeatures ?? [])
        {
            if (!string.IsNullOrEmpty(feature))
            {
                features.TryAdd(feature, features.Count);
            }
        }

        if (features.Count == 0 && Array.Exists(specs, static s => s.Measure == UsageMeasure.FeatureBreadth))
        {
            errors.Add(new ModelError(ModelErrorKind.Provider, "usage.availableFeatures", "Feature breadth needs the list of available features."));
        }

        if (string.IsNullOrEmpty(options.LoginFeature))
        {
            errors.Add(new ModelError(ModelErrorKind.Provider, "usage.loginFeature", "The login feature is required."));
        }

        ProviderKit.ThrowIfAny(errors);
        _frame = new(specs, descriptors, new Computer(features.ToFrozenDictionary(StringComparer.Ordinal), options.LoginFeature!));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer(FrozenDictionary<string, int> features, string login) : IMeasureComputer<UsageMeasure>
    {
        private readonly FrozenDictionary<string, int> _features = features;
        private readonly string _login = login;

        public RecordSources Source => RecordSources.ProductEvents;

        public double Measure(in AccountRecords records, UsageMeasure measure, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var events = records.Events.Span;
            switch (measure)
            {
                case UsageMeasure.ActiveDays:
                    return ActiveDays(events, end, days);
                case UsageMeasure.LoginsPerWeek:
                {
                    var logins = 0;
                    foreach (ref readonly var e in events)
                    {
                        if (window.Contains(e.Time) && string.Equals(e.Feature, _login, StringComparison.Ordinal))
                        {
                            logins++;
                        }
                    }

                    return logins / (days / 7.0);
                }

                case UsageMeasure.TimeInProductHours:
                {
                    long ticks = 0;
                    foreach (ref readonly var e in events)
                    {
                        if (window.Contains(e.Time) && e.Duration > TimeSpan.Zero)
                        {
                            ticks += e.Duration.Ticks;
                        }
                    }

                    return (double)ticks / TimeSpan.TicksPerHour;
                }

                case UsageMeasure.FeatureBreadth:
                    return FeatureBreadth(events, end, days);
                case UsageMeasure.ActiveSeatRatio:
                {
                    if (records.Account?.LicensedSeats is not int seats || seats <= 0)
                    {
                        return double.NaN;
                    }

                    using var users = new ProviderKit.DistinctStrings(events.Length);
                    foreach (ref readonly var e in events)
                    {
                        if (window.Contains(e.Time))
                        {
                            users.Add(e.UserId);
                        }
                    }

                    return (double)users.Count / seats;
                }

                case UsageMeasure.DaysSinceLastActivity:
                {
                    var found = false;
                    var latest = DateTimeOffset.MinValue;
                    foreach (ref readonly var e in events)
                    {
                        if (e.Time <= end && (!found || e.Time > latest))
                        {
                            latest = e.Time;
                            found = true;
                        }
                    }

                    return found ? ProviderKit.Days(latest, end) : double.NaN;
                }

                case UsageMeasure.CurrentStreakDays:
                case UsageMeasure.LongestStreakDays:
                    return Streak(events, end, days, measure == UsageMeasure.LongestStreakDays);
                default:
                    return double.NaN;
            }
        }

        private static double Streak(ReadOnlySpan<ProductEvent> events, DateTimeOffset end, int days, bool longest)
        {
            // The same 24-hour steps as active days; step 0 is the latest, so a current streak is the run from step 0 back.
            var window = new ProviderKit.Window(end, days);
            Span<bool> active = stackalloc bool[days];
            active.Clear();
            foreach (ref readonly var e in events)
            {
                if (window.Contains(e.Time))
                {
                    active[(int)((end.UtcTicks - e.Time.UtcTicks) / TimeSpan.TicksPerDay)] = true;
                }
            }

            int run = 0, best = 0;
            for (var day = 0; day < days; day++)
            {
                if (active[day])
                {
                    best = Math.Max(best, ++run);
                }
                else if (!longest)
                {
                    break;
                }
                else
                {
                    run = 0;
                }
            }

            return longest ? best : run;
        }

        private static double ActiveDays(ReadOnlySpan<ProductEvent> events, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            // One flag per 24-hour step back from the as-of time; windows are at most 3650 days.
            Span<bool> active = stackalloc bool[days];
            active.Clear();
            var count = 0;
            foreach (ref readonly var e in events)
            {
                if (window.Contains(e.Time))
                {
                    var day = (int)((end.UtcTicks - e.Time.UtcTicks) / TimeSpan.TicksPerDay);
                    if (!active[day])
                    {
                        active[day] = true;
                        count++;
                    }
                }
            }

            return count;
        }

        private double FeatureBreadth(ReadOnlySpan<ProductEvent> events, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var available = _features.Count;
            var rented = available > 512 ? ArrayPool<bool>.Shared.Rent(available) : null;
            var used = rented is null ? stackalloc bool[available] : rented.AsSpan(0, available);
            used.Clear();
            var count = 0;
            foreach (ref readonly var e in events)
            {
                if (e.Feature is not null && window.Contains(e.Time) && _features.TryGetValue(e.Feature, out var index) && !used[index])
                {
                    used[index] = true;
                    count++;
                }
            }

            if (rented is not null)
            {
                ArrayPool<bool>.Shared.Return(rented);
            }

            return (double)count / available;
        }
    }
}
