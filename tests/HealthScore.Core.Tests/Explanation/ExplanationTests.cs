using HealthScore.Core.Explanation;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;
using Snapshooter.Xunit;

namespace HealthScore.Core.Tests.Explanation;

public sealed class ExplanationTests
{
    [Fact]
    public void Explain_EnglishModel_MatchesSnapshot()
    {
        var model = TestModels.Saas();
        var values = TestModels.Values(model, ("logins_per_week", 0.5), ("feature_breadth", 0.45), ("open_critical_tickets", 1), ("days_to_resolve", 2), ("csat", 4.5));
        var contributions = new MetricContribution[model.Metrics.Count];
        var onboarding = model.Score(values, model.GetPhase("onboarding"), contributions, []);
        var explanation = model.Explain(onboarding, contributions);
        var insufficient = model.Score(model.CreateValues(), model.DefaultPhase, contributions, []);

        Snapshot.Match(new[] { explanation, model.Explain(insufficient, contributions), model.Explain(onboarding, []) });
    }

    [Fact]
    public void Explain_JapaneseModel_EveryWordFromTheModel()
    {
        var model = TestModels.SaasJapanese();
        var previousValues = TestModels.Values(model, ("logins_per_week", 4), ("feature_breadth", 0.5), ("nps", 20), ("milestones_done", 1));
        var values = TestModels.Values(model, ("logins_per_week", 1), ("feature_breadth", 0.5), ("milestones_done", 0.6));
        var contributions = new MetricContribution[model.Metrics.Count];
        var result = model.Score(values, model.GetPhase("onboarding"), contributions, []);
        var changes = new MetricChange[model.Metrics.Count];
        var trend = model.Trend(previousValues, model.GetPhase("adoption"), values, model.GetPhase("onboarding"), changes);

        var lines = new[] { model.Explain(result, contributions), model.Explain(trend, changes.AsSpan(0, trend.ChangeCount)) };

        Snapshot.Match(lines);
        Assert.All(lines, line => Assert.DoesNotMatch("(Score|coverage|hurts|helps|missing|excluded|target|pts|change|moved)", line));
    }

    [Fact]
    public void Drivers_Contributions_RankedByPoints()
    {
        var model = TestModels.Saas();
        var values = TestModels.Values(model, ("logins_per_week", 0.5), ("feature_breadth", 0.45), ("open_critical_tickets", 1), ("days_to_resolve", 2), ("csat", 4.5), ("milestones_done", 1));
        var contributions = new MetricContribution[model.Metrics.Count];
        model.Score(values, model.DefaultPhase, contributions, []);
        Span<int> top = stackalloc int[2];

        var hurting = Drivers.HurtsMost(contributions, top);

        Assert.Equal(2, hurting);
        Assert.Equal(model.GetMetric("logins_per_week").Index, top[0]); // 24 of its 26.7 points lost
        Assert.True(contributions[top[0]].PointsLost >= contributions[top[1]].PointsLost);
        Assert.Equal(1, Drivers.HelpsMost(contributions, top[..1]));
        Assert.Equal(model.GetMetric("csat").Index, top[0]);
    }
}
