using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

/// <summary>Hand-made records shared by the provider tests; the expected values are worked out in each test.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] Features = ["reports", "export", "dashboards", "api"];

    public static DateTimeOffset DaysAgo(double days) => AsOf.AddDays(-days);

    public static Account Account() => new()
    {
        Id = "acme",
        Name = "Acme",
        ContractStart = new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero),
        RenewalDate = new DateTimeOffset(2026, 9, 28, 12, 0, 0, TimeSpan.Zero),
        LicensedSeats = 10,
    };

    // Out of order on purpose. Window 30 days: (AsOf - 30d, AsOf].
    public static ProductEvent[] Events() =>
    [
        new(DaysAgo(10), "c", "export", Duration: TimeSpan.FromMinutes(30)),
        new(AsOf, "a", "login"),
        new(DaysAgo(30), "d", "api"),                          // exactly on the window edge: outside
        new(AsOf.AddHours(-2), "a", "reports", Duration: TimeSpan.FromHours(1)),
        new(AsOf.AddHours(1), "e", "dashboards", Duration: TimeSpan.FromHours(9)), // after as-of: ignored
        new(DaysAgo(1).AddHours(-1), "b", "login"),
        new(DaysAgo(45), "f", "login"),                        // older than the window
    ];

    public static SupportTicket[] Tickets() =>
    [
        new(DaysAgo(10), DaysAgo(9), TicketSeverity.High, TicketStatus.Closed, Escalated: true), // 24 h
        new(DaysAgo(20), DaysAgo(18), TicketSeverity.Normal, TicketStatus.Closed),              // 48 h
        new(DaysAgo(5), null, TicketSeverity.Urgent, TicketStatus.Open),                         // open high
        new(DaysAgo(100), DaysAgo(95), TicketSeverity.High, TicketStatus.Closed),                // outside the window
        new(DaysAgo(200), AsOf.AddDays(1), TicketSeverity.High, TicketStatus.Closed),            // closed after as-of: open then
        new(DaysAgo(90), DaysAgo(80), TicketSeverity.Low, TicketStatus.Closed),                  // opened on the edge: 240 h
        new(AsOf.AddHours(1), null, TicketSeverity.Urgent, TicketStatus.Open, Escalated: true),  // after as-of: ignored
    ];

    public static SurveyResponse[] Surveys() =>
    [
        new(DaysAgo(1), SurveyKind.Nps, 10, "p1"),
        new(DaysAgo(2), SurveyKind.Nps, 9, "p2"),
        new(DaysAgo(3), SurveyKind.Nps, 9, "p3"),
        new(DaysAgo(4), SurveyKind.Nps, 7, "p4"),
        new(DaysAgo(5), SurveyKind.Nps, 2, "p5"),
        new(DaysAgo(6), SurveyKind.Nps, double.NaN, "p6"),   // sent, not answered
        new(DaysAgo(180), SurveyKind.Nps, 0, "p7"),          // on the 180-day edge: outside
        new(AsOf.AddDays(1), SurveyKind.Nps, 0, "p8"),       // after as-of: ignored
        new(DaysAgo(100), SurveyKind.Csat, 5),
        new(DaysAgo(10), SurveyKind.Csat, 3),
        new(DaysAgo(9), SurveyKind.Csat, double.NaN),
        new(DaysAgo(50), SurveyKind.Ces, 2),
        new(DaysAgo(40), SurveyKind.Ces, 5),
    ];

    public static TouchPoint[] Touches() =>
    [
        new(DaysAgo(1), TouchChannel.Call, "alice"),
        new(DaysAgo(5), TouchChannel.Email, "bob"),
        new(DaysAgo(10), TouchChannel.Meeting, "carol", IsExecutive: true),
        new(DaysAgo(20), TouchChannel.Event, "bob"),
        new(DaysAgo(30), TouchChannel.Webinar),
        new(DaysAgo(40), TouchChannel.HelpPageView),
        new(DaysAgo(41), TouchChannel.HelpPageView),
        new(DaysAgo(90), TouchChannel.Meeting, "dave", IsExecutive: true), // on the 90-day edge: outside
        new(AsOf.AddDays(1), TouchChannel.Call, "erin", IsExecutive: true), // after as-of: ignored
    ];

    public static OnboardingMilestone[] Milestones() =>
    [
        new("kick-off", DaysAgo(30), DaysAgo(35)),
        new("first report", DaysAgo(10), DaysAgo(5)),
        new("integration", DaysAgo(1)),                      // overdue
        new("training", AsOf.AddDays(10)),                   // not due yet
        new("sso", DaysAgo(20), AsOf.AddDays(1)),            // completed after as-of: overdue as of then
    ];

    public static Goal[] Goals() =>
    [
        new("hours saved", 100, 50, "hours"),
        new("reports automated", 10, 12, "reports"),
        new("no target", 0, 5),                              // ignored: target not positive
        new("not measured", 20, double.NaN),                 // ignored: not measured
        new("measured later", 10, 10, MeasuredAt: AsOf.AddDays(1)), // ignored: after as-of
    ];

    public static AccountRecords All() => new()
    {
        Account = Account(),
        Events = Events(),
        Tickets = Tickets(),
        Surveys = Surveys(),
        Touches = Touches(),
        Milestones = Milestones(),
        Goals = Goals(),
    };

    public static double[] Compute(IMetricProvider provider, in AccountRecords records, DateTimeOffset asOf)
    {
        var values = new double[provider.Metrics.Count];
        provider.Compute(records, asOf, values);
        return values;
    }

    public static double Value(IMetricProvider provider, in AccountRecords records, string id) => Value(provider, records, AsOf, id);

    public static double Value(IMetricProvider provider, in AccountRecords records, DateTimeOffset asOf, string id)
    {
        var values = Compute(provider, records, asOf);
        for (var i = 0; i < values.Length; i++)
        {
            if (provider.Metrics[i].Id == id)
            {
                return values[i];
            }
        }

        throw new ArgumentException($"No metric '{id}'.", nameof(id));
    }
}
