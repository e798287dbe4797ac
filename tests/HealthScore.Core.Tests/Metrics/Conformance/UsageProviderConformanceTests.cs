using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class UsageProviderConformanceTests : MetricProviderConformanceTests<UsageProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override UsageProvider CreateProvider() => new(new UsageProviderOptions { AvailableFeatures = Sample.Features });

    protected override AccountRecords CreateRecords() => new() { Account = Sample.Account(), Events = Sample.Events() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("an event exactly 30 days old is outside the window",
            new AccountRecords { Events = new[] { new ProductEvent(Sample.DaysAgo(30), "x", "reports") } },
            Sample.AsOf,
            new Dictionary<string, double> { ["active_days"] = 0, ["feature_breadth"] = 0, ["days_since_last_activity"] = 30 }),
        new("an event at the as-of time is inside, one a tick later is not",
            new AccountRecords { Events = new[] { new ProductEvent(Sample.AsOf, "x", "reports"), new ProductEvent(Sample.AsOf.AddTicks(1), "y", "export") } },
            Sample.AsOf,
            new Dictionary<string, double> { ["active_days"] = 1, ["feature_breadth"] = 0.25, ["days_since_last_activity"] = 0 }), // 1 of 4 features
    ];
}
