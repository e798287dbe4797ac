using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

/// <summary>
/// A provider computes every measure that shares a window in one pass over its records: each metric must come out the
/// same as when the provider computes it alone, whatever else it is asked for, in several windows and as changes.
/// </summary>
public sealed class OnePassProviderTests
{
    private static readonly int[] Windows = [1, 7, 30, 90];

    [Fact]
    public void Usage_AllMeasuresTogether_EqualEachAlone() =>
        AssertEachAlone(Specs<UsageMeasure>(), specs => new UsageProvider(new UsageProviderOptions { Metrics = specs, AvailableFeatures = Sample.Features }));

    [Fact]
    public void Support_AllMeasuresTogether_EqualEachAlone() =>
        AssertEachAlone(Specs<SupportMeasure>(), specs => new SupportProvider(new SupportProviderOptions { Metrics = specs }));

    [Fact]
    public void Satisfaction_AllMeasuresTogether_EqualEachAlone() =>
        AssertEachAlone(Specs<SatisfactionMeasure>(), specs => new SatisfactionProvider(new SatisfactionProviderOptions { Metrics = specs }));

    [Fact]
    public void Engagement_AllMeasuresTogether_EqualEachAlone() =>
        AssertEachAlone(Specs<EngagementMeasure>(), specs => new EngagementProvider(new EngagementProviderOptions { Metrics = specs }));

    [Fact]
    public void OnboardingValueTenure_AllMeasuresTogether_EqualEachAlone()
    {
        AssertEachAlone(Specs<OnboardingMeasure>(), specs => new OnboardingProvider(new OnboardingProviderOptions { Metrics = specs }));
        AssertEachAlone(Specs<ValueMeasure>(), specs => new ValueProvider(new ValueProviderOptions { Metrics = specs }));
        AssertEachAlone(Specs<TenureMeasure>(), specs => new TenureProvider(new TenureProviderOptions { Metrics = specs }));
    }

    // Every measure in every window, as itself and as both kinds of change.
    private static List<MetricSpec<T>> Specs<T>()
        where T : struct, Enum
    {
        var specs = new List<MetricSpec<T>>();
        foreach (var measure in Enum.GetValues<T>())
        {
            foreach (var days in Windows)
            {
                foreach (var change in Enum.GetValues<PeriodChange>())
                {
                    specs.Add(new($"{measure}_{days}_{change}", measure, days, change));
                }
            }
        }

        return specs;
    }

    private static void AssertEachAlone<T>(List<MetricSpec<T>> specs, Func<List<MetricSpec<T>>, IMetricProvider> create)
        where T : struct, Enum
    {
        var records = LargeAccount.Create();
        var together = create(specs);
        var values = new double[specs.Count];
        var alone = new double[1];
        foreach (var asOf in new[] { Sample.AsOf, Sample.AsOf.AddDays(-45).AddHours(7) })
        {
            together.Compute(records, asOf, values);
            for (var i = 0; i < specs.Count; i++)
            {
                create([specs[i]]).Compute(records, asOf, alone);
                Assert.True(BitConverter.DoubleToInt64Bits(alone[0]) == BitConverter.DoubleToInt64Bits(values[i]), $"{specs[i].Id} as of {asOf:O}: alone {alone[0]}, together {values[i]}");
            }
        }
    }
}
