using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class ValueProviderConformanceTests : MetricProviderConformanceTests<ValueProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override ValueProvider CreateProvider() => new(new ValueProviderOptions
    {
        Metrics = [new("goal_attainment", ValueMeasure.GoalAttainment), new("goals_met", ValueMeasure.GoalsMet)],
    });

    protected override AccountRecords CreateRecords() => new() { Goals = Sample.Goals() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("a goal measured exactly at as-of counts",
            new AccountRecords { Goals = new[] { new Goal("g", 10, 5, MeasuredAt: Sample.AsOf) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["goal_attainment"] = 0.5, ["goals_met"] = 0 }), // 5 / 10
        new("a goal measured a tick after as-of is ignored",
            new AccountRecords { Goals = new[] { new Goal("g", 10, 20, MeasuredAt: Sample.AsOf.AddTicks(1)) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["goal_attainment"] = double.NaN, ["goals_met"] = 0 }),
    ];
}
