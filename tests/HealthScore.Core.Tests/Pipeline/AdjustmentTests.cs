using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using static HealthScore.Core.Tests.Pipeline.OverTimeModel;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Adjustments: conditional points after weighting, clamped to the scale, shown as their own lines.</summary>
public sealed class AdjustmentTests
{
    [Fact]
    public void Evaluate_ConditionHolds_SubtractsItsPointsAndClampsAtTheScale()
    {
        var model = Compile();

        // usage 1, red: (3 × 0.1 + 0) / 4 = 0.075 → 7.5; −10 would go below 0, so the adjustment takes 7.5.
        var health = Evaluate(model, 1, "red");

        Assert.Equal(0, health.Result.Score);
        var applied = Assert.Single(health.Adjustments.ToArray());
        Assert.Equal("low_usage", applied.Adjustment.Id);
        Assert.Equal(-7.5, applied.Points, 12);
        Assert.Equal("at_risk", health.Result.Band.Id);
    }

    [Fact]
    public void Evaluate_AdjustedScore_AddsUpFromContributionsAndAdjustments()
    {
        var model = Compile();

        // usage 10, yellow: (3 + 0.5) / 4 = 0.875 → 87.5; +20 clamps at 100, so the adjustment adds 12.5.
        var health = Evaluate(model, 10, "yellow");
        var earned = 0.0;
        foreach (var contribution in health.Contributions)
        {
            earned += contribution.PointsEarned;
        }

        var adjusted = 0.0;
        foreach (var applied in health.Adjustments)
        {
            adjusted += applied.Points;
        }

        Assert.Equal(87.5, earned, 9);
        Assert.Equal(12.5, adjusted, 9);
        Assert.Equal(100, health.Result.Score);
        Assert.Equal(health.Result.UnroundedScore!.Value, model.ScaleMin + earned + adjusted, 9);
        Assert.Contains("adjustments: Power user +13 pts", health.Explain(), StringComparison.Ordinal);
        Assert.Equal(12.5, health.ToSnapshot().Adjustments["power_user"], 9);
    }

    [Fact]
    public void Evaluate_ConditionDoesNotHold_LeavesTheWeightedScore()
    {
        var model = Compile();

        var health = Evaluate(model, 6, "green");

        Assert.Equal(70, health.Result.Score);
        Assert.Equal(0, health.Adjustments.Length);
        Assert.DoesNotContain("adjustments", health.Explain(), StringComparison.Ordinal);
        Assert.Equal(70, model.Score(Values(model, 6, "green")).Score);
    }

    [Fact]
    public void Evaluate_AdjustmentMovesTheBand()
    {
        var model = Compile();

        // usage 1.9, green: (0.57 + 1) / 4 = 0.3925 → 39.25 − 10 = 29.25 → 29, still at risk; the raw score is 39.
        var health = Evaluate(model, 1.9, "green");

        Assert.Equal(29, health.Result.Score);
        Assert.Equal(39, model.Score(Values(model, 1.9, "green")).Score);
    }

    [Fact]
    public void Evaluate_AdjustmentLimitedToAPhase_AppliesOnlyThere()
    {
        var json = Document(extra: """
            , "phases": [ { "id": "onboarding", "label": "Onboarding" }, { "id": "adoption", "label": "Adoption" } ],
            "defaultPhase": "adoption"
            """).Replace("\"points\": -10 }", "\"points\": -10, \"phases\": [\"onboarding\"] }", StringComparison.Ordinal);
        var model = HealthModelDocument.Compile(json);
        var engine = new HealthEngine(model);
        var values = Values(model, 1.9, "green");

        var onboarding = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Phase = model.GetPhase("onboarding") });
        var adoption = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Phase = model.GetPhase("adoption") });

        Assert.Equal(29, onboarding.Result.Score);
        Assert.Equal(39, adoption.Result.Score);
        Assert.True(model.Adjustments[0].AppliesIn(model.GetPhase("onboarding")));
        Assert.False(model.Adjustments[0].AppliesIn(model.GetPhase("adoption")));
    }

    [Theory]
    [InlineData("\"points\": -10", "\"points\": 0", "$.adjustments[0].points")]
    [InlineData("\"points\": -10", "\"points\": 150", "$.adjustments[0].points")]
    [InlineData("\"when\": \"metrics.usage < 2\"", "\"when\": \"metrics.usag < 2\"", "$.adjustments[0].when")]
    [InlineData("\"when\": \"metrics.usage < 2\"", "\"when\": \"score < 2\"", "$.adjustments[0].when")]
    [InlineData("\"id\": \"power_user\"", "\"id\": \"low_usage\"", "$.adjustments[1].id")]
    [InlineData("\"points\": -10 }", "\"points\": -10, \"phases\": [\"onbording\"] }", "$.adjustments[0].phases[0]")]
    public void Compile_BadAdjustment_IsLocated(string find, string replace, string path)
    {
        var json = Document().Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Document(), json);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path == path);
    }

    [Fact]
    public void ExplainTrend_AdjustmentThatStartedToHold_IsAmongWhatMovedTheScore()
    {
        var model = Compile();
        var before = Evaluate(model, 2, "green").ToSnapshot();

        // 2 → 1.9 usage: (0.6 + 1) / 4 = 40 → (0.57 + 1) / 4 = 39.25, and low usage now takes 10: 29 (at risk both times).
        var health = Evaluate(model, 1.9, "green", previous: before, asOf: AsOf.AddDays(7));

        Assert.Equal("change −11 — moved by: Usage 2 → 1.9 −1 pts; Low usage −10 pts", health.ExplainTrend());
    }
}
