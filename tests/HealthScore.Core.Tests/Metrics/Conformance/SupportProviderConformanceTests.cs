using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class SupportProviderConformanceTests : MetricProviderConformanceTests<SupportProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override SupportProvider CreateProvider() => new();

    protected override AccountRecords CreateRecords() => new() { Tickets = Sample.Tickets() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("a ticket opened exactly 90 days back is outside; one opened at as-of is inside",
            new AccountRecords { Tickets = new[] { new SupportTicket(Sample.DaysAgo(90), null, TicketSeverity.High), new SupportTicket(Sample.AsOf, null, TicketSeverity.Low) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["tickets"] = 1, ["open_high_severity_tickets"] = 1, ["median_resolution_hours"] = double.NaN }),
        new("a ticket opened after as-of is ignored; one closed at as-of counts as closed",
            new AccountRecords { Tickets = new[] { new SupportTicket(Sample.AsOf.AddTicks(1), null, TicketSeverity.Urgent, Escalated: true), new SupportTicket(Sample.DaysAgo(1), Sample.AsOf, TicketSeverity.High) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["tickets"] = 1, ["open_high_severity_tickets"] = 0, ["median_resolution_hours"] = 24, ["escalations"] = 0 }),
    ];
}
