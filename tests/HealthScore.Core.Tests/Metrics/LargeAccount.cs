using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

/// <summary>An account with about 1,000 records spread over a year, for allocation tests.</summary>
internal static class LargeAccount
{
    public static IMetricProvider[] Providers() =>
    [
        new UsageProvider(new UsageProviderOptions { AvailableFeatures = Sample.Features }),
        new SupportProvider(),
        new SatisfactionProvider(),
        new EngagementProvider(),
        new OnboardingProvider(),
        new ValueProvider(),
        new TenureProvider(),
    ];

    public static AccountRecords Create()
    {
        string[] users = [.. Enumerable.Range(0, 20).Select(i => "user" + i)];
        string[] features = ["login", .. Sample.Features];
        var events = new ProductEvent[600];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new(Sample.AsOf.AddHours(-(i * 37 % 4000)), users[i % users.Length], features[i % features.Length], 1, TimeSpan.FromMinutes(i % 45));
        }

        var tickets = new SupportTicket[120];
        for (var i = 0; i < tickets.Length; i++)
        {
            var opened = Sample.AsOf.AddHours(-(i * 71 % 8000));
            tickets[i] = new(opened, i % 5 == 0 ? null : opened.AddHours(i % 90), (TicketSeverity)(i % 4), i % 5 == 0 ? TicketStatus.Open : TicketStatus.Closed, i % 11 == 0);
        }

        var surveys = new SurveyResponse[100];
        for (var i = 0; i < surveys.Length; i++)
        {
            surveys[i] = new(Sample.AsOf.AddDays(-(i * 3 % 360)), (SurveyKind)(i % 3), i % 7 == 0 ? double.NaN : i % 11, "p" + (i % 30));
        }

        var touches = new TouchPoint[150];
        for (var i = 0; i < touches.Length; i++)
        {
            touches[i] = new(Sample.AsOf.AddHours(-(i * 53 % 6000)), (TouchChannel)(i % 7), i % 4 == 0 ? null : users[i % 12], i % 13 == 0);
        }

        var milestones = new OnboardingMilestone[10];
        for (var i = 0; i < milestones.Length; i++)
        {
            milestones[i] = new("m" + i, Sample.AsOf.AddDays(-100 + (i * 20)), i < 6 ? Sample.AsOf.AddDays(-110 + (i * 20)) : null);
        }

        var goals = new Goal[20];
        for (var i = 0; i < goals.Length; i++)
        {
            goals[i] = new("g" + i, 10 + i, i * 1.5);
        }

        return new AccountRecords
        {
            Account = Sample.Account(),
            Events = events,
            Tickets = tickets,
            Surveys = surveys,
            Touches = touches,
            Milestones = milestones,
            Goals = goals,
        };
    }
}
