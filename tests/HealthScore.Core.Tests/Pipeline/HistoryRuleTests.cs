using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using static HealthScore.Core.Tests.Pipeline.OverTimeModel;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Rules that read an account's history: change, lowest and highest over a window, days in band, declines.</summary>
public sealed class HistoryRuleTests
{
    private static HealthModel ModelWithAction(string when) => HealthModelDocument.Compile(Document().Replace(
        "{ \"id\": \"call\", \"title\": \"Call the account\", \"kind\": \"respond\", \"when\": \"score < 50\" }",
        $"{{ \"id\": \"call\", \"title\": \"Call the account\", \"kind\": \"respond\", \"when\": \"{when}\" }}",
        StringComparison.Ordinal));

    /// <summary>Snapshots of usage (sentiment green) at the given days before <see cref="OverTimeModel.AsOf"/>.</summary>
    private static HealthHistory History(HealthModel model, params (int DaysBefore, double Usage)[] points)
    {
        var engine = new HealthEngine(model);
        var snapshots = new List<HealthSnapshot>();
        foreach (var (daysBefore, usage) in points.OrderByDescending(p => p.DaysBefore))
        {
            snapshots.Add(engine.Evaluate(new AccountInput
            {
                AccountId = "acme",
                AsOf = AsOf.AddDays(-daysBefore),
                MetricValues = Values(model, usage, "green"),
                Previous = snapshots.Count == 0 ? null : snapshots[^1],
            }).ToSnapshot());
        }

        return new HealthHistory(snapshots);
    }

    private static AccountHealth EvaluateWith(HealthModel model, HealthHistory history, double usage) =>
        new HealthEngine(model).Evaluate(new AccountInput { AccountId = "acme", AsOf = AsOf, MetricValues = Values(model, usage, "green"), History = history });

    private static Dictionary<string, double> Readings(AccountHealth health)
    {
        var action = Assert.Single(health.Actions.ToArray());
        return health.GetReadings(action).ToArray().ToDictionary(r => r.Identifier, r => r.Number ?? double.NaN);
    }

    [Fact]
    public void Rule_ChangeOverThirtyDays_ComparesWithTheSnapshotAtTheWindowStart()
    {
        // Scores (usage u, green): (0.3u + 1) / 4 × 100 → u 9: 92.5 → 93 (92 after rounding? 92.5 away from zero: 93);
        // u 8: 85; u 6: 70; u 4: 55.
        var model = ModelWithAction("history.change_30d < -10");
        var history = History(model, (45, 9), (30, 8), (10, 6));

        var health = EvaluateWith(model, history, 4);

        // Baseline: the snapshot 30 days back (85), not the one 45 days back: 55 − 85 = −30.
        Assert.Equal(-30, Readings(health)["history.change_30d"]);
        Assert.Equal(55, health.Result.Score);
    }

    [Fact]
    public void Rule_ChangeWithoutASnapshotThatOld_IsMissingAndDoesNotHold()
    {
        var model = ModelWithAction("history.change_90d < -10");
        var history = History(model, (45, 9), (10, 6));

        var health = EvaluateWith(model, history, 4);

        Assert.Empty(health.Actions.ToArray());
    }

    [Fact]
    public void Rule_LowestAndHighest_IncludeTheCurrentResult()
    {
        var model = ModelWithAction("history.lowest_14d < 60 && history.highest_14d >= 85");
        var history = History(model, (45, 2), (13, 8), (5, 6));

        var health = EvaluateWith(model, history, 4);
        var readings = Readings(health);

        // Inside 14 days: 85 (13 days back), 70 (5 days back) and now 55; the 45-day snapshot (32.5 → 33) is outside.
        Assert.Equal(55, readings["history.lowest_14d"]);
        Assert.Equal(85, readings["history.highest_14d"]);
    }

    [Fact]
    public void Rule_DaysInBandAndConsecutiveDeclines_CountFromTheHistory()
    {
        var model = ModelWithAction("days_in_band >= 14 && consecutive_declines >= 2");

        // 20 days back 70 (watch), 10 days back 62.5 → 63 (watch), now 55 (watch): 20 days in watch, two declines.
        var history = History(model, (20, 6), (10, 5));
        var health = EvaluateWith(model, history, 4);
        var readings = Readings(health);

        Assert.Equal("watch", health.Result.Band.Id);
        Assert.Equal(20, readings["days_in_band"]);
        Assert.Equal(2, readings["consecutive_declines"]);
    }

    [Fact]
    public void Rule_DaysInBand_StartsAgainWhenTheBandChanged()
    {
        var model = ModelWithAction("days_in_band == 0");
        var history = History(model, (20, 9), (10, 8));

        var health = EvaluateWith(model, history, 4);

        // Healthy 20 and 10 days back; watch now.
        Assert.Equal(0, Readings(health)["days_in_band"]);
    }

    [Fact]
    public void Rule_Overridden_ReadsWhetherAPersonReplacedTheScore()
    {
        var model = ModelWithAction("overridden");
        var engine = new HealthEngine(model);

        var overridden = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(model, 6, "green"), Overrides = [HealthOverride.ForBand("healthy", "aiko.sato", AsOf)] });
        var computed = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(model, 6, "green") });

        Assert.Single(overridden.Actions.ToArray());
        Assert.Empty(computed.Actions.ToArray());
    }

    [Theory]
    [InlineData("history.change_0d < 1", "unknown identifier")]
    [InlineData("history.change_4000d < 1", "unknown identifier")]
    [InlineData("history.drop_30d < 1", "unknown identifier")]
    [InlineData("history.change_30 < 1", "unknown identifier")]
    public void Rule_BadHistoryIdentifier_IsRejected(string when, string message)
    {
        var error = Assert.Throws<HealthModelException>(() => ModelWithAction(when));

        Assert.Contains(error.Errors, e => e.Path == "$.actions[0].when" && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void PhaseRule_ReadingHistory_IsRejected()
    {
        var json = Document(extra: """
            , "phases": [ { "id": "onboarding", "label": "Onboarding" } ],
            "phaseRules": [ { "id": "slipping", "when": "history.change_30d < 0", "then": "onboarding" } ]
            """);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path == "$.phaseRules[0].when" && e.Message.Contains("not available in phase rules", StringComparison.Ordinal));
    }

    [Fact]
    public void ExplainChangeSince_Window_NamesTheMetricsThatMovedOverIt()
    {
        var model = Compile();
        var history = History(model, (90, 9), (30, 8), (1, 5));

        var health = EvaluateWith(model, history, 4);

        // 30 days: 85 → 55 = −30, all from usage (8 → 4). 90 days: 93 → 55 = −38 (usage 9 → 4).
        Assert.Equal("change −30 · Healthy → Watch — moved by: Usage 8 → 4 −30 pts", health.ExplainChangeSince(30));
        Assert.StartsWith("change −38", health.ExplainChangeSince(90), StringComparison.Ordinal);
        Assert.Null(health.ExplainChangeSince(120));
        Assert.StartsWith("change −8", health.ExplainTrend(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HistoryWithoutPrevious_UsesItsLatestSnapshotBeforeTheAsOfDate()
    {
        var model = Compile();
        var history = History(model, (10, 8), (-5, 2));

        var health = EvaluateWith(model, history, 6);

        Assert.Equal(AsOf.AddDays(-10), health.Previous!.AsOf);
        Assert.Equal(-15, health.Trend!.Value.Delta);
    }
}
