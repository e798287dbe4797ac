using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Usage metrics from product events: active days, logins per week, time in product, feature breadth, active seats
/// per licensed seat, days since last activity, current and longest streaks of active days, features used. Immutable and
/// thread-safe.
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
        new("features", MetricDirection.HigherIsBetter, "Distinct available features used", IsCount: true, Windowed: true),
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
        else if (features.Count == 0 && Array.Exists(specs, static s => s.Measure == UsageMeasure.FeaturesUsed))
        {
            errors.Add(new ModelError(ModelErrorKind.Provider, "usage.availableFeatures", "Features used needs the list of available features."));
        }

        if (string.IsNullOrEmpty(options.LoginFeature))
        {
            errors.Add(new ModelError(ModelErrorKind.Provider, "usage.loginFeature", "The login feature is required."));
        }

        ProviderKit.ThrowIfAny(errors);
        _frame = new(specs, descriptors, Infos, new Computer(features.ToFrozenDictionary(StringComparer.Ordinal), options.LoginFeature!));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer(FrozenDictionary<string, int> features, string login) : IMeasureComputer<UsageMeasure>
    {
        // Events gathered per block of the windowed pass: a kilobyte of stack whatever the number of events.
        private const int Block = 256;

        private readonly FrozenDictionary<string, int> _features = features;
        private readonly string _login = login;

        public RecordSources Source => RecordSources.ProductEvents;

        [SkipLocalsInit]
        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            var events = records.Events.Span;
            var endTicks = end.UtcTicks;
            var windowTicks = days * TimeSpan.TicksPerDay;

            // What the pass keeps per event depends only on the measures asked for: each flag is the same for every
            // event, so its branch costs next to nothing, and nothing is computed that no measure needs.
            var wantDays = measures.Overlaps(MeasureSet.Of((int)UsageMeasure.ActiveDays, (int)UsageMeasure.CurrentStreakDays, (int)UsageMeasure.LongestStreakDays));
            var wantLogins = measures.Contains((int)UsageMeasure.LoginsPerWeek);
            var wantHours = measures.Contains((int)UsageMeasure.TimeInProductHours);
            var wantFeatures = measures.Overlaps(MeasureSet.Of((int)UsageMeasure.FeatureBreadth, (int)UsageMeasure.FeaturesUsed));
            var seats = records.Account?.LicensedSeats is int licensed && licensed > 0 ? licensed : 0;
            var wantSeats = measures.Contains((int)UsageMeasure.ActiveSeatRatio) && seats > 0;
            var wantLatest = measures.Contains((int)UsageMeasure.DaysSinceLastActivity);

            // One flag per 24-hour step back from the as-of time; windows are at most 3650 days.
            Span<bool> active = stackalloc bool[wantDays ? days : 0];
            active.Clear();
            var available = wantFeatures ? _features.Count : 0;
            var rented = available > 512 ? ArrayPool<bool>.Shared.Rent(available) : null;
            var used = rented is null ? stackalloc bool[available] : rented.AsSpan(0, available);
            used.Clear();
            var users = wantSeats ? new ProviderKit.DistinctStrings(events.Length) : default;
            var lookup = new ProviderKit.InstanceIndex(_features);
            var login = _login;
            int activeDays = 0, logins = 0, featureCount = 0;
            long durationTicks = 0, latest = -1;
            if (wantLatest)
            {
                // Not windowed: the latest event at or before the end, in a pass of its own without branches.
                foreach (ref readonly var e in events)
                {
                    var ticks = e.Time.UtcTicks;
                    latest = ticks <= endTicks ? Math.Max(latest, ticks) : latest;
                }
            }

            var windowed = wantDays || wantLogins || wantHours || wantFeatures || wantSeats;
            Span<int> picked = stackalloc int[windowed ? Block + 4 : 0];
            for (var start = 0; windowed && start < events.Length; start += Block)
            {
                // Each block first gathers the positions of its events in the window, then works on those.
                var block = events.Slice(start, Math.Min(Block, events.Length - start));
                var inWindow = EventWindow.Gather(block, endTicks, windowTicks, picked);

                // One tight loop per measure over the gathered events: each keeps its few variables in registers.
                var inBlock = picked[..inWindow];
                if (wantDays)
                {
                    foreach (var i in inBlock)
                    {
                        ref var day = ref active[(int)((ulong)(endTicks - block[i].Time.UtcTicks) / TimeSpan.TicksPerDay)];
                        activeDays += day ? 0 : 1;
                        day = true;
                    }
                }

                if (wantLogins)
                {
                    foreach (var i in inBlock)
                    {
                        logins += block[i].Feature == login ? 1 : 0;
                    }
                }

                if (wantHours)
                {
                    foreach (var i in inBlock)
                    {
                        durationTicks += Math.Max(block[i].Duration.Ticks, 0);
                    }
                }

                if (wantFeatures)
                {
                    featureCount = CountFeatures(block, inBlock, ref lookup, used, featureCount);

                    // Every available feature used: there is nothing left to look up for the rest of the window.
                    wantFeatures = featureCount < available;
                }

                if (wantSeats)
                {
                    foreach (var i in inBlock)
                    {
                        users.Add(block[i].UserId);
                    }
                }
            }

            if (rented is not null)
            {
                ArrayPool<bool>.Shared.Return(rented);
            }

            var distinctUsers = users.Count;
            users.Dispose();
            if (measures.Contains((int)UsageMeasure.ActiveDays))
            {
                values[(int)UsageMeasure.ActiveDays] = activeDays;
            }

            if (wantLogins)
            {
                values[(int)UsageMeasure.LoginsPerWeek] = logins / (days / 7.0);
            }

            if (wantHours)
            {
                values[(int)UsageMeasure.TimeInProductHours] = (double)durationTicks / TimeSpan.TicksPerHour;
            }

            if (measures.Contains((int)UsageMeasure.FeatureBreadth))
            {
                values[(int)UsageMeasure.FeatureBreadth] = (double)featureCount / available;
            }

            if (measures.Contains((int)UsageMeasure.FeaturesUsed))
            {
                values[(int)UsageMeasure.FeaturesUsed] = featureCount;
            }

            if (measures.Contains((int)UsageMeasure.ActiveSeatRatio))
            {
                values[(int)UsageMeasure.ActiveSeatRatio] = seats > 0 ? (double)distinctUsers / seats : double.NaN;
            }

            if (wantLatest)
            {
                values[(int)UsageMeasure.DaysSinceLastActivity] = latest < 0 ? double.NaN : Math.Floor((double)(endTicks - latest) / TimeSpan.TicksPerDay);
            }

            if (measures.Contains((int)UsageMeasure.CurrentStreakDays))
            {
                values[(int)UsageMeasure.CurrentStreakDays] = Streak(active, longest: false);
            }

            if (measures.Contains((int)UsageMeasure.LongestStreakDays))
            {
                values[(int)UsageMeasure.LongestStreakDays] = Streak(active, longest: true);
            }
        }

        // Marks the available features the gathered events name and returns the count of distinct ones, stopping once
        // every feature is used.
        private static int CountFeatures(scoped ReadOnlySpan<ProductEvent> block, scoped ReadOnlySpan<int> inBlock, ref ProviderKit.InstanceIndex features, scoped Span<bool> used, int count)
        {
            foreach (var i in inBlock)
            {
                if (block[i].Feature is { } feature && features.Find(feature) is var index and >= 0 && !used[index])
                {
                    used[index] = true;
                    if (++count == used.Length)
                    {
                        break;
                    }
                }
            }

            return count;
        }

        // Step 0 is the latest 24-hour step, so a current streak is the run of active steps from step 0 back.
        private static int Streak(ReadOnlySpan<bool> active, bool longest)
        {
            int run = 0, best = 0;
            foreach (var on in active)
            {
                if (on)
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
    }
}
