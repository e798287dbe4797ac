using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>
/// The one-account scorer's program for two-level models gives bit for bit what the general forward and backward
/// passes give: the result, every contribution and every group score.
/// </summary>
public sealed class AccountProgramTests
{
    public static TheoryData<string> Models => ["saas", "mixed", "maximum", "minimumRoot", "nested"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Score_GeneratedAccounts_SameBitsAsTheGeneralPass(string name)
    {
        var model = ModelNamed(name);
        var random = new Random(20261202);
        var metricCount = model.Metrics.Count;
        var contributions = new MetricContribution[metricCount];
        var groups = new GroupScore[model.Groups.Count];
        var expectedContributions = new MetricContribution[metricCount];
        var expectedGroups = new GroupScore[model.Groups.Count];
        var nodeCount = metricCount + model.Groups.Count + 1;
        var scratch = new double[3 * nodeCount];
        for (var account = 0; account < 3000; account++)
        {
            var values = Account(random, metricCount);
            foreach (var phase in model.Phases)
            {
                var expected = AccountScoring.Evaluate(model, values, phase, expectedContributions, expectedGroups, scratch.AsSpan(0, nodeCount), scratch.AsSpan(nodeCount, nodeCount), scratch.AsSpan(2 * nodeCount, nodeCount));
                var plain = model.Score(values, phase);
                var explained = model.Score(values, phase, contributions, groups);

                AssertSame(expected, plain);
                AssertSame(expected, explained);
                for (var i = 0; i < metricCount; i++)
                {
                    AssertSame(expectedContributions[i], contributions[i]);
                }

                for (var g = 0; g < groups.Length; g++)
                {
                    AssertSame(expectedGroups[g], groups[g]);
                }
            }
        }
    }

    [Theory]
    [InlineData("saas", true)]
    [InlineData("mixed", true)]
    [InlineData("maximum", true)]
    [InlineData("minimumRoot", false)]
    [InlineData("nested", false)]
    public void Program_TwoLevelWeightedMeanRoot_OnlyThen(string name, bool expected)
    {
        var model = ModelNamed(name);

        Assert.All(model.Phases, phase => Assert.Equal(expected, phase.Layout.Program is not null));
    }

    private static HealthModel ModelNamed(string name) => name switch
    {
        "saas" => TestModels.Saas(),
        "mixed" => Mixed(Aggregation.Minimum).Build(),
        "maximum" => Mixed(Aggregation.Maximum).Build(),
        "minimumRoot" => Mixed(Aggregation.Minimum).WithAggregation(Aggregation.Minimum).Build(),
        _ => Nested(),
    };

    // Every built-in family, a minimum (or maximum) group, a neutral and a fixed missing value, phases that reweigh.
    private static HealthModelBuilder Mixed(Aggregation extreme) => new HealthModelBuilder()
        .WithId("mixed", "Mixed")
        .WithMinimumCoverage(0.3)
        .WithScale(0, 100, 1)
        .AddBand("low", "Low", "#B71C1C", 0)
        .AddBand("mid", "Mid", "#F9A825", 37.5)
        .AddBand("high", "High", "#43A047", 70)
        .AddGroup("usage", "Usage", 40, g => g
            .AddMetric("days", "Days", new LinearScoring(0, 20), 2)
            .AddMetric("logins", "Logins", new LogisticScoring(3, 1.2))
            .AddMetric("breadth", "Breadth", new PiecewiseLinearScoring([new(0, 0), new(0.2, 0.5), new(0.6, 1)]))
            .AddMetric("seats", "Seats", new TargetRatioScoring(0.8)))
        .AddGroup("support", "Support", 20.5, g => g
            .AddMetric("tickets", "Tickets", new LinearScoring(12, 0), 0.3)
            .AddMetric("critical", "Critical", new TierScoring([new(0, 1), new(1, 0.3), new(2, 0)]), 0.7)
            .AddMetric("resolve", "Resolve", new BoundedLinearScoring(30, 1), configure: m => m.Missing = MissingDataPolicy.Neutral))
        .AddGroup("engagement", "Engagement", 15, g => g
            .AddMetric("touches", "Touches", new LinearScoring(0, 12))
            .AddMetric("exec", "Exec", new LinearScoring(180, 14), configure: m =>
            {
                m.Missing = MissingDataPolicy.Fixed;
                m.MissingValue = 0.25;
            }), extreme)
        .AddGroup("satisfaction", "Satisfaction", 25, g => g
            .AddMetric("nps", "NPS", new LinearScoring(-100, 100))
            .AddMetric("csat", "CSAT", new LinearScoring(1, 5), 1.5))
        .AddPhase("onboarding", "Onboarding", p => p.SetWeight("usage", 60).SetWeight("days", 3).SetScoring("days", new LinearScoring(0, 10)).SetBandLowerBound("high", 55))
        .AddPhase("adoption", "Adoption")
        .AddPhase("renewal", "Renewal", p => p.SetWeight("satisfaction", 40.25).SetScoring("logins", new LogisticScoring(5, 0.7)))
        .WithDefaultPhase("adoption");

    private static HealthModel Nested() => new HealthModelBuilder()
        .WithId("nested", "Nested")
        .AddBand("low", "Low", "#B71C1C", 0)
        .AddBand("high", "High", "#43A047", 50)
        .AddGroup("product", "Product", 60, g => g
            .AddMetric("days", "Days", new LinearScoring(0, 20))
            .AddGroup("depth", "Depth", 2, d => d
                .AddMetric("breadth", "Breadth", new LinearScoring(0, 10))
                .AddMetric("seats", "Seats", new TargetRatioScoring(8)), Aggregation.Minimum))
        .AddGroup("support", "Support", 40, g => g
            .AddMetric("tickets", "Tickets", new LinearScoring(12, 0)))
        .Build();

    // Raw values in and around the functions' ranges; some missing, infinite, negative or far out.
    private static double[] Account(Random random, int metricCount)
    {
        var values = new double[metricCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(12) switch
            {
                0 => double.NaN,
                1 => double.PositiveInfinity,
                2 => random.Next(4),
                3 => -random.NextDouble() * 200,
                4 => random.NextDouble() * 1000,
                _ => random.NextDouble() * 20,
            };
        }

        return values;
    }

    private static void AssertSame(HealthResult expected, HealthResult actual)
    {
        AssertSame(expected.Score, actual.Score);
        AssertSame(expected.UnroundedScore, actual.UnroundedScore);
        Assert.Same(expected.Band, actual.Band);
        Assert.Same(expected.Phase, actual.Phase);
        AssertSame(expected.Coverage, actual.Coverage);
        Assert.Same(expected.ModelHash, actual.ModelHash);
        Assert.Equal(expected.IsBandForced, actual.IsBandForced);
    }

    private static void AssertSame(MetricContribution expected, MetricContribution actual)
    {
        Assert.Equal(expected.MetricIndex, actual.MetricIndex);
        AssertSame(expected.RawValue, actual.RawValue);
        AssertSame(expected.NormalizedValue, actual.NormalizedValue);
        AssertSame(expected.EffectiveWeight, actual.EffectiveWeight);
        AssertSame(expected.PointsEarned, actual.PointsEarned);
        AssertSame(expected.PointsLost, actual.PointsLost);
        Assert.Equal(expected.Status, actual.Status);
    }

    private static void AssertSame(GroupScore expected, GroupScore actual)
    {
        Assert.Equal(expected.GroupIndex, actual.GroupIndex);
        AssertSame(expected.Score, actual.Score);
        AssertSame(expected.EffectiveWeight, actual.EffectiveWeight);
        AssertSame(expected.PointsEarned, actual.PointsEarned);
        AssertSame(expected.PointsLost, actual.PointsLost);
    }

    private static void AssertSame(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e && actual is { } a)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(e), BitConverter.DoubleToInt64Bits(a));
        }
    }
}
