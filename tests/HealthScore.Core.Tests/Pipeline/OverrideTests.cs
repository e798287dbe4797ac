using HealthScore.Core.Pipeline;
using static HealthScore.Core.Tests.Pipeline.OverTimeModel;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Overrides: a person's score, band or metric value, with author and validity, governed by the model's policy.</summary>
public sealed class OverrideTests
{
    private static readonly DateTimeOffset SetAt = AsOf.AddDays(-5);

    [Fact]
    public void Evaluate_ValidScoreOverride_ReplacesTheScoreAndKeepsTheComputedOne()
    {
        var model = Compile();
        var set = HealthOverride.ForScore(80, "aiko.sato", SetAt, SetAt.AddDays(14), "Renewal signed");

        // Computed: usage 6, red → 45, watch... 45 is below 50: at risk.
        var health = Evaluate(model, 6, "red", [set]);

        Assert.Equal(80, health.Result.Score);
        Assert.Equal("healthy", health.Result.Band.Id);
        Assert.Equal(45, health.ComputedResult.Score);
        Assert.Equal("at_risk", health.ComputedResult.Band.Id);
        Assert.True(health.IsOverridden);
        Assert.Same(set, health.ScoreOverride);
        Assert.Equal(OverrideStatus.Applied, health.Overrides[0].Status);
        Assert.Equal(new DateOnly(2026, 12, 3), health.Overrides[0].LastValidDay);
        Assert.Contains("overridden by aiko.sato until 2026-12-03 (computed 45 · At risk)", health.Explain(), StringComparison.Ordinal);
        var snapshot = health.ToSnapshot();
        Assert.Equal(80, snapshot.Score);
        Assert.Equal(45, snapshot.ComputedScore);
        Assert.Equal("at_risk", snapshot.ComputedBand);
        Assert.Equal([set], snapshot.Overrides);
    }

    [Fact]
    public void Evaluate_ExpiredOverride_ComputedValueReturns()
    {
        var model = Compile();
        var set = HealthOverride.ForScore(80, "aiko.sato", SetAt.AddDays(-30), SetAt.AddDays(-1));

        var health = Evaluate(model, 6, "red", [set]);

        Assert.Equal(45, health.Result.Score);
        Assert.False(health.IsOverridden);
        Assert.Equal(OverrideStatus.Expired, health.Overrides[0].Status);
        Assert.DoesNotContain("overridden", health.Explain(), StringComparison.Ordinal);
        Assert.Empty(health.ToSnapshot().Overrides);
    }

    [Fact]
    public void Evaluate_OverrideSetAfterTheAsOfDate_IsNotYetValid()
    {
        var model = Compile();

        var health = Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", AsOf.AddDays(1))]);

        Assert.Equal(45, health.Result.Score);
        Assert.Equal(OverrideStatus.NotYetValid, health.Overrides[0].Status);
        Assert.Single(health.ToSnapshot().Overrides);
    }

    [Fact]
    public void Evaluate_PolicyLongestValidity_EndsAnOverrideWithoutAnEnd()
    {
        var model = Compile("""{ "maxValidityDays": 30 }""");
        var old = HealthOverride.ForScore(80, "aiko.sato", AsOf.AddDays(-30));
        var recent = HealthOverride.ForBand("healthy", "ken.ito", AsOf.AddDays(-29));

        var health = Evaluate(model, 6, "red", [old, recent]);

        // Set 30 days ago, valid 30 days: its last day was yesterday. Set 29 days ago: today is its last day.
        Assert.Equal(OverrideStatus.Expired, health.Overrides[0].Status);
        Assert.Equal(OverrideStatus.Applied, health.Overrides[1].Status);
        Assert.Equal(DateOnly.FromDateTime(AsOf.DateTime), health.Overrides[1].LastValidDay);
        Assert.Equal(45, health.Result.Score);
        Assert.Equal("healthy", health.Result.Band.Id);
        Assert.True(health.Result.IsBandForced);
    }

    [Fact]
    public void Evaluate_OverridesNotAllowed_ComputedValuesStand()
    {
        var model = Compile("""{ "allowed": false }""");

        var health = Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", SetAt)]);

        Assert.Equal(45, health.Result.Score);
        Assert.Equal(OverrideStatus.NotAllowed, health.Overrides[0].Status);
    }

    [Fact]
    public void Evaluate_CommentRequired_OverrideWithoutOneIsNotApplied()
    {
        var model = Compile("""{ "requireComment": true }""");

        var health = Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", SetAt), HealthOverride.ForBand("watch", "ken.ito", SetAt, comment: "Exec sponsor engaged")]);

        Assert.Equal(OverrideStatus.CommentRequired, health.Overrides[0].Status);
        Assert.Equal(OverrideStatus.Applied, health.Overrides[1].Status);
        Assert.Equal("watch", health.Result.Band.Id);
    }

    [Fact]
    public void Evaluate_TwoOverridesOfTheScore_TheLaterOneWins()
    {
        var model = Compile();
        var later = HealthOverride.ForScore(90, "ken.ito", SetAt.AddDays(1));
        var earlier = HealthOverride.ForScore(60, "aiko.sato", SetAt);

        var health = Evaluate(model, 6, "red", [later, earlier]);

        Assert.Equal(90, health.Result.Score);
        Assert.Equal(OverrideStatus.Applied, health.Overrides[0].Status);
        Assert.Equal(OverrideStatus.Superseded, health.Overrides[1].Status);
    }

    [Fact]
    public void Evaluate_MetricOverride_ReplacesTheValueBeforeScoring()
    {
        var model = Compile();
        var sentiment = model.GetMetric("sentiment");
        var set = HealthOverride.ForMetric("sentiment", sentiment.CategoryValue("green"), "aiko.sato", SetAt);

        var health = Evaluate(model, 6, "red", [set]);

        Assert.Equal(70, health.Result.Score);
        Assert.Same(set, health.GetOverride(sentiment));
        Assert.False(health.IsOverridden);
        Assert.Contains("Sentiment Green (overridden by aiko.sato)", health.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OverrideBeatsTheBandException()
    {
        var model = Compile();

        // usage 10, red: 75 + 20 = 95, forced at risk by the band exception; the success manager's band wins over it.
        var computed = Evaluate(model, 10, "red");
        var health = Evaluate(model, 10, "red", [HealthOverride.ForBand("watch", "aiko.sato", SetAt)]);

        Assert.Equal("at_risk", computed.Result.Band.Id);
        Assert.Equal("idle", computed.BandException?.Id);
        Assert.Equal(95, computed.Result.Score);
        Assert.Equal("watch", health.Result.Band.Id);
        Assert.Equal(95, health.Result.Score);
        Assert.Equal("at_risk", health.ComputedResult.Band.Id);
    }

    [Fact]
    public void Evaluate_ActionsSeeTheOverriddenScore()
    {
        var model = Compile();

        var computed = Evaluate(model, 6, "red");
        var health = Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", SetAt)]);

        Assert.Contains(computed.Actions.ToArray(), a => a.RuleId == "call");
        Assert.DoesNotContain(health.Actions.ToArray(), a => a.RuleId == "call");
    }

    [Fact]
    public void Evaluate_NextRunWithoutOverrides_CarriesThemOverFromTheSnapshot()
    {
        var model = Compile();
        var first = Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", SetAt, SetAt.AddDays(20))]).ToSnapshot();

        var carried = Evaluate(model, 6, "red", overrides: null, previous: first, asOf: AsOf.AddDays(7));
        var ended = Evaluate(model, 6, "red", overrides: [], previous: first, asOf: AsOf.AddDays(7));
        var expired = Evaluate(model, 6, "red", overrides: null, previous: first, asOf: AsOf.AddDays(30));

        Assert.Equal(80, carried.Result.Score);
        Assert.Equal(45, ended.Result.Score);
        Assert.Equal(45, expired.Result.Score);
        Assert.Equal(OverrideStatus.Expired, expired.Overrides[0].Status);
    }

    [Fact]
    public void Snapshot_WithOverrides_RoundTripsThroughJson()
    {
        var model = Compile();
        var snapshot = Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", SetAt, SetAt.AddDays(20), "Renewal signed")]).ToSnapshot();

        var read = HealthSnapshotJson.Read(HealthSnapshotJson.Write(snapshot));

        Assert.Equal(snapshot.Overrides, read.Overrides);
        Assert.Equal(45, read.ComputedScore);
        Assert.Contains("\"target\": \"score\"", HealthSnapshotJson.Write(snapshot), StringComparison.Ordinal);
    }

    [Fact]
    public void SnapshotJson_OverrideWithoutAuthor_IsLocated()
    {
        var model = Compile();
        var json = HealthSnapshotJson.Write(Evaluate(model, 6, "red", [HealthOverride.ForScore(80, "aiko.sato", SetAt)]).ToSnapshot())
            .Replace("\"author\": \"aiko.sato\"", "\"author\": \"\"", StringComparison.Ordinal);

        var error = Assert.Throws<AccountDataException>(() => HealthSnapshotJson.Read(json, "history.json"));

        Assert.Contains(error.Errors, e => e.Field == "$.overrides[0].author");
    }

    [Theory]
    [InlineData("band", "$healthy")]
    [InlineData("score", "120")]
    [InlineData("metric", "usag")]
    [InlineData("author", "")]
    [InlineData("ends", "")]
    public void Evaluate_BadOverride_IsRejectedWithWhatIsWrong(string kind, string value)
    {
        var model = Compile();
        HealthOverride bad = kind switch
        {
            "band" => HealthOverride.ForBand(value[1..] + "y", "aiko.sato", SetAt),
            "score" => HealthOverride.ForScore(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), "aiko.sato", SetAt),
            "metric" => HealthOverride.ForMetric(value, 1, "aiko.sato", SetAt),
            "author" => HealthOverride.ForScore(50, value, SetAt),
            _ => HealthOverride.ForScore(50, "aiko.sato", SetAt, SetAt.AddDays(-1)),
        };

        var error = Assert.Throws<ArgumentException>(() => Evaluate(model, 6, "red", [bad]));

        Assert.StartsWith("Overrides[0]", error.Message, StringComparison.Ordinal);
        if (kind == "band")
        {
            Assert.Contains("Did you mean 'healthy'?", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_MetricOverrideWithNoCategory_IsRejected()
    {
        var model = Compile();

        var error = Assert.Throws<ArgumentException>(() => Evaluate(model, 6, "red", [HealthOverride.ForMetric("sentiment", 7, "aiko.sato", SetAt)]));

        Assert.Contains("0 green, 1 yellow, 2 red", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OverridesStaleValuesAndAdjustments_AllocatesNothingInAWorkspace()
    {
        var model = Compile();
        var engine = new HealthEngine(model);
        var workspace = engine.CreateWorkspace();
        var previous = Evaluate(model, 1, "red").ToSnapshot();
        HealthOverride[] overrides = [HealthOverride.ForBand("watch", "aiko.sato", SetAt), HealthOverride.ForMetric("usage", 1, "ken.ito", SetAt)];
        var input = new AccountInput
        {
            AccountId = "acme",
            AsOf = AsOf,
            MetricValues = Values(model, 1, "red"),
            ObservedAt = SentimentObserved(model, AsOf.AddDays(-60)),
            Overrides = overrides,
            Previous = previous,
        };
        engine.Evaluate(input, workspace);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            engine.Evaluate(input, workspace);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var health = engine.Evaluate(input, workspace);
        Assert.Equal(0, allocated);
        Assert.Equal("watch", health.Result.Band.Id);
        Assert.Equal(1, health.Adjustments.Length);
        Assert.NotNull(health.GetStaleSince(model.GetMetric("sentiment")));
    }

    [Fact]
    public void ExplainTrend_OverrideBeganAndEnded_SaysSo()
    {
        var model = Compile();
        var plain = Evaluate(model, 6, "red").ToSnapshot();
        var set = HealthOverride.ForScore(80, "aiko.sato", SetAt, AsOf.AddDays(3));

        var began = Evaluate(model, 6, "red", [set], previous: plain, asOf: AsOf.AddDays(1));
        var ended = Evaluate(model, 6, "red", previous: began.ToSnapshot(), asOf: AsOf.AddDays(10));

        Assert.Equal("change +35 · At risk → Healthy · overridden by aiko.sato", began.ExplainTrend());
        Assert.Equal("change −35 · Healthy → At risk · override ended", ended.ExplainTrend());
    }

    [Fact]
    public void Evaluate_CarriedOverrideOfABandTheModelNoLongerHas_IsRetiredNotAnError()
    {
        var model = Compile();
        var snapshot = Evaluate(model, 6, "red", [HealthOverride.ForBand("healthy", "aiko.sato", SetAt)]).ToSnapshot() with
        {
            Overrides = [HealthOverride.ForBand("thriving", "aiko.sato", SetAt)],
        };

        var health = Evaluate(model, 6, "red", previous: snapshot, asOf: AsOf.AddDays(1));

        Assert.Equal(OverrideStatus.TargetRetired, health.Overrides[0].Status);
        Assert.Equal(45, health.Result.Score);
        Assert.Empty(health.ToSnapshot().Overrides);
        Assert.Throws<ArgumentException>(() => Evaluate(model, 6, "red", snapshot.Overrides, asOf: AsOf.AddDays(1)));
    }
}
