using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>The worked example of docs/concepts.md, number for number.</summary>
public sealed class WorkedExampleTests
{
    private static double[] ExampleValues(Core.Model.HealthModel model) => TestModels.Values(
        model,
        ("logins_per_week", 2),
        ("feature_breadth", 0.45),
        ("open_critical_tickets", 0),
        ("days_to_resolve", 3),
        ("csat", 4),
        ("milestones_done", 0.8));

    [Fact]
    public void Score_AdoptionPhase_MatchesConceptsDocument()
    {
        var model = TestModels.Saas();
        var contributions = new MetricContribution[model.Metrics.Count];
        var groups = new GroupScore[model.Groups.Count];

        var result = model.Score(ExampleValues(model), model.GetPhase("adoption"), contributions, groups);

        // 40 × (2×0.4 + 1×0.75)/3 + 20 × (1 + 0.75)/2 + 25 × 0.75 + 15 × 0.8 = 68.9167
        Assert.Equal(68.9167, result.UnroundedScore!.Value, 4);
        Assert.Equal(69, result.Score);
        Assert.Equal("watch", result.Band.Id);
        Assert.Equal(0.875, result.Coverage, 12); // NPS missing: 1 − 25% × 1/2
        Assert.Equal(10.6667, contributions[model.GetMetric("logins_per_week").Index].PointsEarned, 4);
        Assert.Equal(16.0, contributions[model.GetMetric("logins_per_week").Index].PointsLost, 4);
        Assert.Equal(18.75, contributions[model.GetMetric("csat").Index].PointsEarned, 10);
        Assert.Equal(0.25, contributions[model.GetMetric("csat").Index].EffectiveWeight, 12);
        Assert.Equal(MetricStatus.Excluded, contributions[model.GetMetric("nps").Index].Status);
        Assert.Equal(0, contributions[model.GetMetric("nps").Index].EffectiveWeight);
        Assert.Equal(51.6667, groups[model.GetGroup("usage").Index].Score!.Value, 4);
        Assert.Equal(87.5, groups[model.GetGroup("support").Index].Score!.Value, 10);
    }

    [Fact]
    public void Score_OnboardingPhase_UsesPhaseWeightsFunctionsAndBands()
    {
        var model = TestModels.Saas();

        var result = model.Score(ExampleValues(model), model.GetPhase("onboarding"));

        // Onboarding weight 45 (total 130), logins scored 0..3: 100 × (40×0.69444 + 20×0.875 + 25×0.75 + 45×0.8) / 130
        Assert.Equal(76.9444, result.UnroundedScore!.Value, 4);
        Assert.Equal(77, result.Score);
        Assert.Equal("healthy", result.Band.Id); // Healthy starts at 60 in onboarding
        Assert.Equal("onboarding", result.Phase.Id);
    }
}
