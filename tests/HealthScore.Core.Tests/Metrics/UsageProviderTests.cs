using HealthScore.Core.Model;
using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class UsageProviderTests
{
    private static readonly UsageProvider Provider = new(new UsageProviderOptions { AvailableFeatures = Sample.Features });
    private static readonly AccountRecords Records = new() { Account = Sample.Account(), Events = Sample.Events() };

    [Fact]
    public void ActiveDays_SampleEvents_CountsDistinctDaysInWindow()
        // events 0 h, 2 h, 25 h and 10 days back -> days 0, 0, 1, 10 -> 3 distinct; the 30-day edge and later ones are out
        => Assert.Equal(3, Sample.Value(Provider, Records, "active_days"));

    [Fact]
    public void LoginsPerWeek_SampleEvents_DividesLoginsByWeeks()
        // 2 logins in the window (at as-of, 25 h back) / (30 / 7 weeks) = 14 / 30
        => Assert.Equal(14.0 / 30, Sample.Value(Provider, Records, "logins_per_week"), 12);

    [Fact]
    public void TimeInProduct_SampleEvents_SumsDurationsInWindow()
        // 1 h (reports) + 0.5 h (export); the 9 h after as-of is ignored
        => Assert.Equal(1.5, Sample.Value(Provider, Records, "time_in_product_hours"), 12);

    [Fact]
    public void FeatureBreadth_SampleEvents_DividesDistinctFeaturesByAvailable()
        // {reports, export} of 4 available = 0.5; "login" is not an available feature, "api" is on the edge, "dashboards" after as-of
        => Assert.Equal(0.5, Sample.Value(Provider, Records, "feature_breadth"), 12);

    [Fact]
    public void ActiveSeatRatio_SampleEvents_DividesDistinctUsersBySeats()
        // users {a, b, c} / 10 licensed seats = 0.3
        => Assert.Equal(0.3, Sample.Value(Provider, Records, "active_seat_ratio"), 12);

    [Fact]
    public void ActiveSeatRatio_NoLicensedSeats_IsMissing()
        => Assert.True(double.IsNaN(Sample.Value(Provider, Records with { Account = null }, "active_seat_ratio")));

    [Fact]
    public void DaysSinceLastActivity_EventAtAsOf_IsZero()
        => Assert.Equal(0, Sample.Value(Provider, Records, "days_since_last_activity"));

    [Fact]
    public void DaysSinceLastActivity_LatestEvent25HoursBefore_IsOneDay()
        // floor(25 h / 24 h) = 1
        => Assert.Equal(1, Sample.Value(Provider, Records with { Events = new[] { new ProductEvent(Sample.DaysAgo(1).AddHours(-1), "b", "login") } }, "days_since_last_activity"));

    [Fact]
    public void ActiveDays_NoEventsInWindowButEventsPresent_IsZero()
        // events exist, all 45 days old: zero active days is a fact
        => Assert.Equal(0, Sample.Value(Provider, Records with { Events = new[] { new ProductEvent(Sample.DaysAgo(45), "f", "login") } }, "active_days"));

    [Fact]
    public void LoginsPerWeek_RatioAndDifference_CompareWithPreviousWindow()
    {
        var provider = new UsageProvider(new UsageProviderOptions
        {
            Metrics =
            [
                new("logins_ratio", UsageMeasure.LoginsPerWeek, 7, PeriodChange.Ratio),
                new("logins_delta", UsageMeasure.LoginsPerWeek, 7, PeriodChange.Difference),
            ],
        });
        ProductEvent[] events =
        [
            new(Sample.AsOf, "a", "login"), new(Sample.DaysAgo(2), "a", "login"),
            new(Sample.DaysAgo(7), "a", "login"), // on the edge: belongs to the previous window (AsOf - 14d, AsOf - 7d]
            new(Sample.DaysAgo(8), "a", "login"), new(Sample.DaysAgo(9), "a", "login"), new(Sample.DaysAgo(13), "a", "login"),
        ];
        var values = Sample.Compute(provider, new AccountRecords { Events = events }, Sample.AsOf);

        // current 2 logins / 1 week, previous 4 logins / 1 week: ratio 2 / 4 = 0.5, difference 2 - 4 = -2
        Assert.Equal(0.5, values[0], 12);
        Assert.Equal(-2, values[1], 12);
    }

    [Fact]
    public void Constructor_FeatureBreadthWithoutFeaturesAndBadWindow_ListsEveryProblem()
    {
        var error = Assert.Throws<HealthModelException>(() => new UsageProvider(new UsageProviderOptions
        {
            Metrics = [new("breadth", UsageMeasure.FeatureBreadth), new("breadth", UsageMeasure.ActiveDays, 0)],
        }));

        Assert.Equal(
            "The metric providers are invalid (3 errors):\n"
            + "  usage.metrics[1].id: The metric id 'breadth' is produced twice by this provider.\n"
            + "  usage.metrics[1].windowDays: The window must be 1 to 3650 days; it is 0.\n"
            + "  usage.availableFeatures: Feature breadth needs the list of available features.",
            error.Message);
    }

    [Fact]
    public void Constructor_Default_ProducesDefaultMetricsWithoutFeatureBreadth()
    {
        var ids = new UsageProvider().Metrics.Select(m => m.Id);
        Assert.Equal(["active_days", "logins_per_week", "time_in_product_hours", "active_seat_ratio", "days_since_last_activity"], ids);
    }

    [Fact]
    public void Constructor_ProvidersGuideExample_DeclaresFourMetricsWithRatioUnit()
    {
        // the options shown in docs/providers.md
        var usage = new UsageProvider(new UsageProviderOptions
        {
            AvailableFeatures = ["reports", "export", "dashboards", "api"],
            Metrics =
            [
                new("active_days", UsageMeasure.ActiveDays, WindowDays: 30),
                new("logins_per_week", UsageMeasure.LoginsPerWeek, WindowDays: 14),
                new("logins_trend", UsageMeasure.LoginsPerWeek, WindowDays: 14, Change: PeriodChange.Ratio),
                new("feature_breadth", UsageMeasure.FeatureBreadth, WindowDays: 90),
            ],
        });

        Assert.Equal(["active_days", "logins_per_week", "logins_trend", "feature_breadth"], usage.Metrics.Select(m => m.Id));
        Assert.Equal("ratio", usage.Metrics[2].Unit);
        Assert.False(usage.Metrics[2].IsCount);
        Assert.Equal("Logins per week over the last 14 days, divided by the same measure 14 days earlier.", usage.Metrics[2].Description);
    }

    private static readonly UsageProvider Streaks = new(new UsageProviderOptions
    {
        Metrics = [new("current", UsageMeasure.CurrentStreakDays, 30), new("longest", UsageMeasure.LongestStreakDays, 30)],
    });

    [Fact]
    public void Streaks_RunsOfActiveDays_CurrentEndsAtAsOfAndLongestIsTheLongestRun()
    {
        // active on days 0, 1, 2 (two events on day 1), then 5 to 9 (a run of 5), then 40 (outside the 30-day window)
        ProductEvent[] events =
        [
            new(Sample.AsOf, "a", "login"), new(Sample.DaysAgo(1), "a", "login"), new(Sample.DaysAgo(1).AddHours(-3), "a", "reports"),
            new(Sample.DaysAgo(2).AddHours(-1), "a", "login"),
            new(Sample.DaysAgo(5), "a", "login"), new(Sample.DaysAgo(6), "a", "login"), new(Sample.DaysAgo(7), "a", "login"),
            new(Sample.DaysAgo(8), "a", "login"), new(Sample.DaysAgo(9).AddHours(-2), "a", "login"),
            new(Sample.DaysAgo(40), "a", "login"), new(Sample.AsOf.AddHours(1), "a", "login"),
        ];

        var values = Sample.Compute(Streaks, new AccountRecords { Events = events }, Sample.AsOf);

        Assert.Equal(3, values[0]);
        Assert.Equal(5, values[1]);
    }

    [Fact]
    public void CurrentStreak_NoEventInTheLatestDay_IsZeroWhileTheLongestRunStays()
    {
        // the latest event is 25 hours back (day 1): the run that ended there is broken as of now
        ProductEvent[] events = [new(Sample.DaysAgo(1).AddHours(-1), "a", "login"), new(Sample.DaysAgo(2).AddHours(-1), "a", "login")];

        var values = Sample.Compute(Streaks, new AccountRecords { Events = events }, Sample.AsOf);

        Assert.Equal(0, values[0]);
        Assert.Equal(2, values[1]);
    }

    [Fact]
    public void Streaks_ActiveEveryDay_AreCappedAtTheWindow()
    {
        var events = Enumerable.Range(0, 45).Select(d => new ProductEvent(Sample.DaysAgo(d), "a", "login")).ToArray();

        var values = Sample.Compute(Streaks, new AccountRecords { Events = events }, Sample.AsOf);

        Assert.Equal(30, values[0]);
        Assert.Equal(30, values[1]);
    }

    [Fact]
    public void Streaks_EventsPresentButNoneInWindow_AreZero()
    {
        var values = Sample.Compute(Streaks, new AccountRecords { Events = new[] { new ProductEvent(Sample.DaysAgo(45), "a", "login") } }, Sample.AsOf);

        Assert.Equal([0, 0], values);
    }

    private static readonly UsageProvider Features = new(new UsageProviderOptions
    {
        AvailableFeatures = Sample.Features,
        Metrics = [new("used", UsageMeasure.FeaturesUsed, 30), new("breadth", UsageMeasure.FeatureBreadth, 30)],
    });

    [Fact]
    public void FeaturesUsed_SampleEvents_CountsDistinctAvailableFeaturesAndAgreesWithBreadth()
    {
        // {reports, export}: "login" is not an available feature, "api" is on the edge, "dashboards" after as-of
        var values = Sample.Compute(Features, Records, Sample.AsOf);

        Assert.Equal([2, 0.5], values);
    }

    [Fact]
    public void FeaturesUsed_Alone_CountsWithoutBreadth()
    {
        var provider = new UsageProvider(new UsageProviderOptions { AvailableFeatures = Sample.Features, Metrics = [new("used", UsageMeasure.FeaturesUsed, 30)] });

        Assert.Equal([2], Sample.Compute(provider, Records, Sample.AsOf));
        Assert.Equal("features", provider.Metrics[0].Unit);
        Assert.True(provider.Metrics[0].IsCount);
    }

    [Fact]
    public void FeaturesUsed_EveryFeatureUsedEarlyInTheEvents_StopsAtTheCatalogueAndStillCountsTheRest()
    {
        // every available feature on the first four events, then repeats and days the other measures still count
        var events = Sample.Features.Select((f, i) => new ProductEvent(Sample.DaysAgo(i), "a", f))
            .Concat(Enumerable.Range(4, 6).Select(d => new ProductEvent(Sample.DaysAgo(d), "a", Sample.Features[d % 4])))
            .ToArray();
        var provider = new UsageProvider(new UsageProviderOptions
        {
            AvailableFeatures = Sample.Features,
            Metrics = [new("used", UsageMeasure.FeaturesUsed, 30), new("breadth", UsageMeasure.FeatureBreadth, 30), new("days", UsageMeasure.ActiveDays, 30)],
        });

        Assert.Equal([4, 1, 10], Sample.Compute(provider, new AccountRecords { Events = events }, Sample.AsOf));
    }

    [Fact]
    public void FeaturesUsed_NoEventsInWindowButEventsPresent_IsZero()
        => Assert.Equal([0, 0], Sample.Compute(Features, new AccountRecords { Events = new[] { new ProductEvent(Sample.DaysAgo(45), "a", "reports") } }, Sample.AsOf));

    [Fact]
    public void FeaturesUsed_NoEvents_IsMissing()
        => Assert.All(Sample.Compute(Features, new AccountRecords(), Sample.AsOf), v => Assert.True(double.IsNaN(v)));

    [Fact]
    public void Constructor_FeaturesUsedWithoutFeatures_NamesTheOption()
    {
        var error = Assert.Throws<HealthModelException>(() => new UsageProvider(new UsageProviderOptions { Metrics = [new("used", UsageMeasure.FeaturesUsed)] }));

        Assert.Equal(
            "The metric providers are invalid (1 error):\n"
            + "  usage.availableFeatures: Features used needs the list of available features.",
            error.Message);
    }

    [Fact]
    public void Measures_ShuffledEventsOverManyBlocksWithFreshStrings_AgreeWithAReferenceCount()
    {
        // 2,000 events in no order, across the 30-day window's edges and after as-of, every string a new instance:
        // the windowed pass gathers events block by block and remembers string instances, and neither may change a value.
        string[] features = ["login", .. Sample.Features, "unlisted"];
        var random = new Random(20261203);
        var events = Enumerable.Range(0, 2_000).Select(_ => new ProductEvent(
            Sample.AsOf.AddMinutes(-random.Next(-2 * 24 * 60, 45 * 24 * 60)),
            random.Next(9) == 0 ? null : new string("user" + random.Next(60)),
            random.Next(11) == 0 ? null : new string(features[random.Next(features.Length)]),
            Duration: TimeSpan.FromMinutes(random.Next(-5, 90)))).ToArray();
        var provider = new UsageProvider(new UsageProviderOptions
        {
            AvailableFeatures = Sample.Features,
            Metrics =
            [
                new("days", UsageMeasure.ActiveDays, 30), new("logins", UsageMeasure.LoginsPerWeek, 30), new("hours", UsageMeasure.TimeInProductHours, 30),
                new("used", UsageMeasure.FeaturesUsed, 30), new("breadth", UsageMeasure.FeatureBreadth, 30), new("seats", UsageMeasure.ActiveSeatRatio, 30),
            ],
        });

        var values = Sample.Compute(provider, new AccountRecords { Account = Sample.Account(), Events = events }, Sample.AsOf);

        var window = events.Where(e => e.Time <= Sample.AsOf && e.Time > Sample.AsOf.AddDays(-30)).ToArray();
        var used = window.Select(e => e.Feature).Where(f => f is not null && Sample.Features.Contains(f)).Distinct().Count();
        Assert.Equal(window.Select(e => (int)((Sample.AsOf - e.Time).Ticks / TimeSpan.TicksPerDay)).Distinct().Count(), values[0]);
        Assert.Equal(window.Count(e => e.Feature == "login") / (30 / 7.0), values[1], 12);
        Assert.Equal(window.Sum(e => Math.Max(e.Duration.Ticks, 0)) / (double)TimeSpan.TicksPerHour, values[2], 12);
        Assert.Equal(used, values[3]);
        Assert.Equal(used / 4.0, values[4], 12);
        Assert.Equal(window.Select(e => e.UserId).Where(u => u is not null).Distinct().Count() / 10.0, values[5], 12);
    }
}
