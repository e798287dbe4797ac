using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

public sealed class AggregationTests
{
    [Fact]
    public void Score_MinimumGroup_WorstMemberDecidesAndCarriesTheWeight()
    {
        var model = new HealthModelBuilder()
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("relationships", "Relationships", 1, g => g
                .AddMetric("champion", "Champion", new LinearScoring(0, 10))
                .AddMetric("executive", "Executive", new LinearScoring(0, 10)), Aggregation.Minimum)
            .AddGroup("usage", "Usage", 1, g => g.AddMetric("logins", "Logins", new LinearScoring(0, 10)))
            .Build();
        var contributions = new MetricContribution[3];

        var result = model.Score([9, 2, 6], model.DefaultPhase, contributions, []);

        Assert.Equal(40, result.Score); // (0.2 + 0.6) / 2
        Assert.Equal(0, contributions[0].EffectiveWeight);
        Assert.Equal(0.5, contributions[1].EffectiveWeight, 12);
        Assert.Equal(40, contributions[0].PointsEarned + contributions[1].PointsEarned + contributions[2].PointsEarned, 10);
    }

    [Fact]
    public void Score_MaximumAtRoot_BestGroupDecides()
    {
        var model = new HealthModelBuilder()
            .WithAggregation(Aggregation.Maximum)
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("a", "A", 1, g => g.AddMetric("a1", "A1", new LinearScoring(0, 10)))
            .AddGroup("b", "B", 5, g => g.AddMetric("b1", "B1", new LinearScoring(0, 10)))
            .Build();

        Assert.Equal(90, model.Score([9, 3]).Score);
    }

    [Fact]
    public void Score_NestedGroups_WeightsMultiplyDownTheTree()
    {
        var model = new HealthModelBuilder()
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("engagement", "Engagement", 1, g => g
                .AddMetric("touches", "Touches", new LinearScoring(0, 10), weight: 1)
                .AddGroup("people", "People", 1, p => p
                    .AddMetric("stakeholders", "Stakeholders", new LinearScoring(0, 10), weight: 1)
                    .AddMetric("executives", "Executives", new LinearScoring(0, 10), weight: 3)))
            .AddGroup("usage", "Usage", 1, g => g.AddMetric("logins", "Logins", new LinearScoring(0, 10)))
            .Build();
        var contributions = new MetricContribution[4];
        var groups = new GroupScore[3];

        var result = model.Score([10, 0, 10, 0], model.DefaultPhase, contributions, groups);

        // people = 0.75, engagement = (1 + 0.75) / 2 = 0.875, score = (0.875 + 0) / 2
        Assert.Equal(43.75, result.UnroundedScore!.Value, 10);
        Assert.Equal(0.1875, contributions[model.GetMetric("executives").Index].EffectiveWeight, 12);
        Assert.Equal(75, groups[model.GetGroup("people").Index].Score!.Value, 10);
        Assert.Same(model.GetGroup("engagement"), model.GetGroup("people").Parent);
        Assert.True(model.GetGroup("people").Index < model.GetGroup("engagement").Index);
    }

    [Theory]
    [InlineData(0, 10, 1, 3.4, 2, 5.4)]
    [InlineData(1, 10, 2, 1, 4, 5.5)]
    public void Score_OtherScale_MapsAndRounds(double min, double max, int decimals, double value1, double value2, double expected)
    {
        var model = new HealthModelBuilder()
            .WithScale(min, max, decimals)
            .AddBand("all", "All", "#000000", min)
            .AddGroup("g", "G", 1, g => g
                .AddMetric("m1", "M1", new LinearScoring(0, 10))
                .AddMetric("m2", "M2", new LinearScoring(0, 10)))
            .Build();

        var result = model.Score([value1 * 2, value2 * 2]);

        Assert.Equal(expected, result.Score);
    }

    [Theory]
    [InlineData(39.4, "at_risk")]
    [InlineData(39.5, "watch")]
    [InlineData(69.49, "watch")]
    [InlineData(69.5, "healthy")]
    public void Score_BandBoundary_JudgedOnTheRoundedScore(double logins, string band)
    {
        var model = new HealthModelBuilder()
            .AddBand("at_risk", "At risk", "#C62828", 0)
            .AddBand("watch", "Watch", "#F9A825", 40)
            .AddBand("healthy", "Healthy", "#2E7D32", 70)
            .AddGroup("g", "G", 1, g => g.AddMetric("m", "M", new LinearScoring(0, 100)))
            .Build();

        Assert.Equal(band, model.Score([logins]).Band.Id);
    }
}
