using HealthScore.Core.Actions;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Serialization;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>
/// The member sample model (docs/models/members.en.json) from raw records through the built-in providers: the same low
/// usage means "show them how to use it" soon after registration and "ask what would help" long after; coaching and
/// automatic actions wait for the member's consent to use personal data; every action names the data it used.
/// </summary>
public sealed class MemberPracticeTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly HealthModel Model = HealthModelDocument.CompileFile(SampleModelTests.SamplePath("members.en.json"));
    private static readonly HealthEngine Engine = new(Model, MetricProviderSet.Create(Model,
    [
        new UsageProvider(new UsageProviderOptions
        {
            Metrics =
            [
                new("active_days", UsageMeasure.ActiveDays), new("logins_per_week", UsageMeasure.LoginsPerWeek),
                new("current_streak_days", UsageMeasure.CurrentStreakDays, 90), new("longest_streak_days", UsageMeasure.LongestStreakDays, 90),
                new("days_since_last_activity", UsageMeasure.DaysSinceLastActivity),
            ],
        }),
        new EngagementProvider(new EngagementProviderOptions
        {
            Metrics = [new("event_attendance", EngagementMeasure.EventAttendance, 90), new("event_participation_rate", EngagementMeasure.EventParticipationRate, 90)],
        }),
        new SatisfactionProvider(), new OnboardingProvider(), new ManualMetricsProvider("coach_sentiment"),
    ]));

    // Active on 3 of the last 30 days, one of two pulse surveys answered (2 of 5), one of four events attended, one first step done.
    private static readonly int[] LowUsage = [3, 9, 16];

    [Fact]
    public void Evaluate_NewMemberWithLowUsage_ShowsThemHowToUseIt()
    {
        var health = Evaluate(Member(registeredDaysAgo: 20, LowUsage));

        Assert.Equal("new_member", health.Phase.Id);
        Assert.Contains(health.Result.Band.Id, (string[])["at_risk", "watch"]);
        var teach = Single(health, "teach_how_to_use");
        Assert.Equal(ActionStatus.Fired, teach.Status);
        Assert.Equal(ActionKinds.Respond, teach.Action.Kind);
        Assert.DoesNotContain(health.Actions.ToArray(), a => a.RuleId == "ask_what_would_help");
        var message = health.Render(teach);
        Assert.StartsWith("Aiko T. joined 20 days ago and scores ", message, StringComparison.Ordinal);
        Assert.Contains("Used: active on 3 of the last 30 days, first steps completed 0.25.", message, StringComparison.Ordinal);
        Assert.Contains("they have not found their way around yet", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LongTimeMemberWithTheSameUsage_AsksWhatWouldHelp()
    {
        var health = Evaluate(Member(registeredDaysAgo: 400, LowUsage));

        Assert.Equal("established", health.Phase.Id);
        Assert.Contains(health.Result.Band.Id, (string[])["at_risk", "watch"]);
        var ask = Single(health, "ask_what_would_help");
        Assert.Equal(ActionStatus.Fired, ask.Status);
        Assert.DoesNotContain(health.Actions.ToArray(), a => a.RuleId == "teach_how_to_use");
        var message = health.Render(ask);
        Assert.Contains("has been a member for 400 days", message, StringComparison.Ordinal);
        Assert.Contains("Used: active on 3 of the last 30 days, last visit 3 days ago, latest satisfaction 2.", message, StringComparison.Ordinal);
        Assert.Contains("likely to leave", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BrokenStreakWithoutConsent_CoachingIsHeldBackForConsent()
    {
        // a 10-day streak that ended 15 days ago
        int[] days = [15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

        var without = Evaluate(Member(400, days));
        var with = Evaluate(Member(400, days, consents: ["personal_data"]));

        var held = Single(without, "coach_restart_streak");
        Assert.Equal(ActionStatus.SuppressedByConsent, held.Status);
        Assert.Equal("personal_data", held.Action.Consent);
        Assert.Equal(ActionKinds.Coach, held.Action.Kind);
        Assert.Equal(ActionStatus.Fired, Single(with, "coach_restart_streak").Status);
    }

    [Fact]
    public void Evaluate_BrokenStreak_TheExplanationNamesTheDataUsed()
    {
        var health = Evaluate(Member(400, [15, 16, 17, 18, 19, 20, 21, 22, 23, 24], consents: ["personal_data"]));

        var coach = Single(health, "coach_restart_streak");
        var readings = health.GetReadings(coach).ToArray().Select(static r => r.ToString());
        Assert.Equal(["metrics.longest_streak_days = 10", "metrics.days_since_last_activity = 15"], readings);
        Assert.Equal(
            "Aiko T. kept a streak of 10 days in the last 90 days and has not visited for 15 days. Used with their consent to use personal data: their daily activity. Why: a habit they had is broken; plan a restart with them.",
            health.Render(coach));
        Assert.Contains(health.Adjustments.ToArray(), a => a.Adjustment.Id == "streak_broken" && a.Points == -5);
    }

    [Fact]
    public void Evaluate_RunningStreakWithoutConsent_TheAutomaticReminderIsHeldBack()
    {
        int[] days = [0, 1, 2, 3, 4, 5, 6];

        var held = Single(Evaluate(Member(400, days)), "automate_streak_reminder");
        var fired = Single(Evaluate(Member(400, days, consents: ["personal_data"])), "automate_streak_reminder");

        Assert.Equal(ActionKinds.Automate, held.Action.Kind);
        Assert.Equal(ActionStatus.SuppressedByConsent, held.Status);
        Assert.Equal(ActionStatus.Fired, fired.Status);
    }

    [Fact]
    public void Evaluate_CoachSentimentOlderThan30Days_ExpiresAndNoLongerCallsForACheckIn()
    {
        var member = Member(400, LowUsage, consents: ["personal_data"]);

        var recent = Evaluate(member, red: AsOf.AddDays(-10));
        var stale = Evaluate(member, red: AsOf.AddDays(-40));

        Assert.Equal(ActionStatus.Fired, Single(recent, "coach_check_in").Status);
        Assert.DoesNotContain(stale.Actions.ToArray(), a => a.RuleId == "coach_check_in");
        Assert.Equal(new DateOnly(2026, 11, 15), stale.GetStaleSince(Model.GetMetric("coach_sentiment")));
    }

    [Fact]
    public void Providers_AsTheMemberGuideListsThem_CoverTheModel()
    {
        // the options shown in docs/members.md
        IMetricProvider[] providers =
        [
            new UsageProvider(new UsageProviderOptions
            {
                Metrics = [.. new UsageProviderOptions().Metrics.Where(static m => m.Measure != UsageMeasure.FeatureBreadth),
                    new("current_streak_days", UsageMeasure.CurrentStreakDays, 90), new("longest_streak_days", UsageMeasure.LongestStreakDays, 90)],
            }),
            new EngagementProvider(new EngagementProviderOptions
            {
                Metrics = [.. new EngagementProviderOptions().Metrics, new("event_participation_rate", EngagementMeasure.EventParticipationRate, 90)],
            }),
            new SatisfactionProvider(), new OnboardingProvider(), new ManualMetricsProvider("coach_sentiment"),
        ];

        var set = MetricProviderSet.Create(Model, providers);
        var values = Model.CreateValues();
        set.Fill(Member(400, LowUsage), AsOf, values);

        Assert.Equal(0, values[Model.GetMetric("current_streak_days").Index]);
        Assert.Equal(1, values[Model.GetMetric("longest_streak_days").Index]);
        Assert.Equal(0.25, values[Model.GetMetric("event_participation_rate").Index]);
    }

    private static AccountHealth Evaluate(AccountRecords records, DateTimeOffset? red = null)
    {
        var values = Model.CreateValues();
        var observed = new DateTimeOffset[Model.Metrics.Count];
        if (red is { } at)
        {
            var sentiment = Model.GetMetric("coach_sentiment");
            values[sentiment.Index] = sentiment.CategoryValue("red");
            observed[sentiment.Index] = at;
        }

        return Engine.Evaluate(new AccountInput { AccountId = "m", AsOf = AsOf, Records = records, MetricValues = values, ObservedAt = observed });
    }

    private static MatchedAction Single(AccountHealth health, string id) => health.Actions.ToArray().Single(a => a.RuleId == id);

    private static AccountRecords Member(int registeredDaysAgo, int[] activeDaysAgo, string[]? consents = null)
    {
        var registered = AsOf.AddDays(-registeredDaysAgo);
        var events = activeDaysAgo.SelectMany(d => new ProductEvent[] { new(AsOf.AddDays(-d).AddHours(-5), "m", "login"), new(AsOf.AddDays(-d).AddHours(-5).AddMinutes(2), "m", "activity_log") }).ToArray();
        return new AccountRecords
        {
            Account = new Account { Id = "m", Name = "Aiko T.", ContractStart = registered, Consents = consents ?? [] },
            Events = events,
            Surveys = new SurveyResponse[] { new(AsOf.AddDays(-12), SurveyKind.Csat, 2), new(AsOf.AddDays(-5), SurveyKind.Csat, double.NaN) },
            Touches = new TouchPoint[]
            {
                new(AsOf.AddDays(-14), TouchChannel.Event, "m"), new(AsOf.AddDays(-7), TouchChannel.MissedEvent, "m"),
                new(AsOf.AddDays(-4), TouchChannel.MissedEvent, "m"), new(AsOf.AddDays(-2), TouchChannel.MissedEvent, "m"),
            },
            Milestones = new OnboardingMilestone[]
            {
                new("profile_completed", registered.AddDays(2), registered.AddDays(1)), new("first_event_booked", registered.AddDays(7)),
                new("reminders_set", registered.AddDays(10)), new("first_challenge_joined", registered.AddDays(21)),
            },
        };
    }
}
