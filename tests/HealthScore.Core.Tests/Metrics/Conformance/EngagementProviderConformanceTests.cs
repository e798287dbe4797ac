using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class EngagementProviderConformanceTests : MetricProviderConformanceTests<EngagementProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override EngagementProvider CreateProvider() => new();

    protected override AccountRecords CreateRecords() => new() { Touches = Sample.Touches() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("a touch exactly 90 days old is outside the window but still the latest executive contact",
            new AccountRecords { Touches = new[] { new TouchPoint(Sample.DaysAgo(90), TouchChannel.Meeting, "ceo", IsExecutive: true) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["touches"] = 0, ["stakeholders_reached"] = 0, ["days_since_executive_contact"] = 90 }),
        new("a touch a tick after as-of is ignored",
            new AccountRecords { Touches = new[] { new TouchPoint(Sample.AsOf.AddTicks(1), TouchChannel.Event, "ceo", IsExecutive: true), new TouchPoint(Sample.AsOf, TouchChannel.HelpPageView) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["touches"] = 1, ["event_attendance"] = 0, ["help_page_views"] = 1, ["days_since_executive_contact"] = double.NaN }),
    ];
}
