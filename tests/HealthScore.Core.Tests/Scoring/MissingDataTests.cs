using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

public sealed class MissingDataTests
{
    private static HealthModel TwoGroups(MissingDataPolicy policy, double? missingValue = null, double minimumCoverage = 0) => new HealthModelBuilder()
        .WithMinimumCoverage(minimumCoverage)
        .AddBand("low", "Low", "#C62828", 0)
        .AddBand("high", "High", "#2E7D32", 50)
        .AddGroup("a", "A", 3, g => g
            .AddMetric("a1", "A1", new LinearScoring(0, 10), weight: 1)
            .AddMetric("a2", "A2", new LinearScoring(0, 10), weight: 3, m =>
            {
                m.Missing = policy;
                m.MissingValue = missingValue;
            }))
        .AddGroup("b", "B", 1, g => g.AddMetric("b1", "B1", new LinearScoring(0, 10)))
        .Build();

    [Fact]
    public void Score_ExcludedMetric_WeightSpreadOverItsGroup()
    {
        var model = TwoGroups(MissingDataPolicy.Exclude);
        var contributions = new MetricContribution[3];

        var result = model.Score([8, double.NaN, 2], model.DefaultPhase, contributions, []);

        // a = a1 alone = 0.8; score = 100 × (3 × 0.8 + 1 × 0.2) / 4
        Assert.Equal(65, result.Score);
        Assert.Equal(0.75, contributions[0].EffectiveWeight, 12);
        Assert.Equal(0.4375, result.Coverage, 12); // a2's nominal share is 3/4 × 3/4
        Assert.Equal(MetricStatus.Excluded, contributions[1].Status);
        Assert.Equal(0, contributions[1].PointsEarned + contributions[1].PointsLost);
    }

    [Fact]
    public void Score_GroupWithNothingPresent_PassesWeightToOtherGroups()
    {
        var model = TwoGroups(MissingDataPolicy.Exclude);
        var groups = new GroupScore[2];

        var result = model.Score([double.NaN, double.NaN, 7], model.DefaultPhase, [], groups);

        Assert.Equal(70, result.Score);
        Assert.Null(groups[model.GetGroup("a").Index].Score);
        Assert.Equal(1, groups[model.GetGroup("b").Index].EffectiveWeight, 12);
    }

    [Fact]
    public void Score_NeutralPolicy_CountsAsHalfButNotAsCoverage()
    {
        var model = TwoGroups(MissingDataPolicy.Neutral);
        var contributions = new MetricContribution[3];

        var result = model.Score([8, double.NaN, 2], model.DefaultPhase, contributions, []);

        // a = (1 × 0.8 + 3 × 0.5) / 4 = 0.575; score = 100 × (3 × 0.575 + 0.2) / 4 = 48.125
        Assert.Equal(48, result.Score);
        Assert.Equal(MetricStatus.AssumedNeutral, contributions[1].Status);
        Assert.Equal(0.4375, result.Coverage, 12);
    }

    [Fact]
    public void Score_FixedPolicy_CountsAsFixedValue()
    {
        var model = TwoGroups(MissingDataPolicy.Fixed, missingValue: 0);
        var contributions = new MetricContribution[3];

        var result = model.Score([8, double.NaN, 2], model.DefaultPhase, contributions, []);

        // a = 0.8 / 4 = 0.2; score = 100 × (3 × 0.2 + 0.2) / 4 = 20
        Assert.Equal(20, result.Score);
        Assert.Equal(MetricStatus.AssumedFixed, contributions[1].Status);
        Assert.Equal(56.25, contributions[1].PointsLost, 10);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Score_NonFiniteValue_CountsAsMissing(double value)
    {
        var model = TwoGroups(MissingDataPolicy.Exclude);
        var contributions = new MetricContribution[3];

        var result = model.Score([value, 5, 5], model.DefaultPhase, contributions, []);

        Assert.Equal(50, result.Score);
        Assert.Equal(MetricStatus.Excluded, contributions[0].Status);
        Assert.True(double.IsNaN(contributions[0].RawValue));
    }

    [Fact]
    public void Score_CoverageBelowMinimum_IsInsufficientData()
    {
        var model = TwoGroups(MissingDataPolicy.Exclude, minimumCoverage: 0.5);

        var result = model.Score([double.NaN, double.NaN, 9]);

        Assert.True(result.IsInsufficientData);
        Assert.Null(result.Score);
        Assert.Null(result.UnroundedScore);
        Assert.Same(model.InsufficientData, result.Band);
        Assert.Equal(0.25, result.Coverage, 12);
    }

    [Fact]
    public void Score_EverythingMissingWithNeutralPolicy_IsInsufficientEvenWithZeroMinimum()
    {
        var model = TwoGroups(MissingDataPolicy.Neutral, minimumCoverage: 0);

        var result = model.Score([double.NaN, double.NaN, double.NaN]);

        Assert.True(result.IsInsufficientData);
        Assert.Equal(0, result.Coverage);
    }

    [Fact]
    public void Score_EverythingPresent_CoverageIsExactlyOne()
    {
        var model = TestModels.Saas();
        var values = TestModels.Values(model, ("logins_per_week", 3), ("feature_breadth", 0.2), ("open_critical_tickets", 2), ("days_to_resolve", 8), ("nps", 10), ("csat", 2), ("milestones_done", 0.3));

        Assert.Equal(1.0, model.Score(values).Coverage);
    }

    [Fact]
    public void Score_CoverageExactlyAtMinimumWithScaledWeights_StillScores()
    {
        // Regression: with weights ×64.01 the missing shares summed to 0.5000000000000001, so coverage fell just
        // below the minimum of 0.5 and the same account became "insufficient data" under one scale only.
        var plain = TestModels.SaasBuilder();
        var scaled = TestModels.SaasBuilder();
        foreach (var group in scaled.Definition.Groups)
        {
            group.Weight *= 64.01;
            foreach (var metric in group.Metrics)
            {
                metric.Weight *= 64.01;
            }
        }

        double[] values = [-19.4, 171.6, double.NaN, 154.6, double.NaN, 137.6, double.PositiveInfinity];

        var a = plain.Build().Score(values);
        var b = scaled.Build().Score(values);

        Assert.Equal(0.5, a.Coverage);
        Assert.Equal(0.5, b.Coverage);
        Assert.Equal(a.Score, b.Score);
        Assert.NotNull(b.Score);
    }
}
