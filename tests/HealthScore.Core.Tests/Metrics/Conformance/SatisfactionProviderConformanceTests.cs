using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class SatisfactionProviderConformanceTests : MetricProviderConformanceTests<SatisfactionProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override SatisfactionProvider CreateProvider() => new();

    protected override AccountRecords CreateRecords() => new() { Surveys = Sample.Surveys() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("an answer exactly 180 days old is outside the window",
            new AccountRecords { Surveys = new[] { new SurveyResponse(Sample.DaysAgo(180), SurveyKind.Nps, 10) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["nps"] = double.NaN, ["survey_response_rate"] = double.NaN }),
        new("an answer at as-of counts, one a tick later does not",
            new AccountRecords { Surveys = new[] { new SurveyResponse(Sample.AsOf, SurveyKind.Nps, 3), new SurveyResponse(Sample.AsOf.AddTicks(1), SurveyKind.Nps, 10) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["nps"] = -100, ["survey_response_rate"] = 1 }), // one detractor of one answer
    ];
}
