using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class OnboardingProviderConformanceTests : MetricProviderConformanceTests<OnboardingProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override OnboardingProvider CreateProvider() => new();

    protected override AccountRecords CreateRecords() => new() { Milestones = Sample.Milestones() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("a milestone due exactly at as-of is not overdue yet",
            new AccountRecords { Milestones = new[] { new OnboardingMilestone("go-live", Sample.AsOf) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["onboarding_completion"] = 0, ["overdue_milestones"] = 0 }),
        new("completed at as-of counts, completed a tick later does not",
            new AccountRecords { Milestones = new[] { new OnboardingMilestone("a", Sample.DaysAgo(1), Sample.AsOf), new OnboardingMilestone("b", Sample.DaysAgo(1), Sample.AsOf.AddTicks(1)) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["onboarding_completion"] = 0.5, ["overdue_milestones"] = 1 }), // 1 of 2 done; b is overdue
    ];
}
