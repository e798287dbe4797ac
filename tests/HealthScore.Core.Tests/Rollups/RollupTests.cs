using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rollups;

namespace HealthScore.Core.Tests.Rollups;

/// <summary>Each roll-up method worked by hand on <see cref="RollupPortfolio"/>: scores, bands, counts, skipped children, driving child.</summary>
public sealed class RollupTests
{
    [Fact]
    public void Average_ThreeLevels_ParentsCountTheirOwnRollUp()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.Average });

        // emea = (80 + 50) / 2 = 65; uk has no score.
        AssertScore(results["emea"], 65, "watch", counted: 2, driver: "fr", ("uk", RollupSkipReason.InsufficientData));
        // apac = jp alone = 30; au has no snapshot; one child pulls nothing down.
        AssertScore(results["apac"], 30, "at_risk", counted: 1, driver: null, ("au", RollupSkipReason.NoSnapshot));
        // group = (emea 65 + apac 30 + us 65) / 3 = 53.33 → 53; apac pulls it down by 23.33.
        AssertScore(results["group"], 53, "watch", counted: 3, driver: "apac");
    }

    [Fact]
    public void ValueWeighted_ThreeLevels_WeighsByTheAccountField()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" });

        // emea = (300 × 80 + 100 × 50) / 400 = 72.5 → 73 (half away from zero), healthy; fr pulls 100 × 22.5.
        AssertScore(results["emea"], 73, "healthy", counted: 2, driver: "fr", ("uk", RollupSkipReason.InsufficientData));
        AssertScore(results["apac"], 30, "at_risk", counted: 1, driver: null, ("au", RollupSkipReason.NoSnapshot));
        // group = (400 × emea 73 + 600 × us 65) / 1000 = 68.2 → 68; apac's annual value is 0, so it has no say.
        // emea is above 68.2; us pulls 600 × 3.2.
        AssertScore(results["group"], 68, "watch", counted: 2, driver: "us", ("apac", RollupSkipReason.NoWeight));
    }

    [Fact]
    public void WorstChild_ThreeLevels_LowestScoreDecides()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.WorstChild });

        AssertScore(results["emea"], 50, "watch", counted: 2, driver: "fr", ("uk", RollupSkipReason.InsufficientData));
        AssertScore(results["apac"], 30, "at_risk", counted: 1, driver: "jp", ("au", RollupSkipReason.NoSnapshot));
        AssertScore(results["group"], 30, "at_risk", counted: 3, driver: "apac");
    }

    [Fact]
    public void ShareInBand_ThreeLevels_CountsEveryAccountBelow()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "watch" });

        // emea: fr of de, fr is watch or worse.
        AssertShare(results["emea"], "watch", 0.5, counted: 2, inBand: 1, driver: "fr", ("uk", RollupSkipReason.InsufficientData));
        AssertShare(results["apac"], "watch", 1, counted: 1, inBand: 1, driver: "jp", ("au", RollupSkipReason.NoSnapshot));
        // group: de, fr, jp and us counted; fr, jp and us in watch or worse; the worst of them, jp, is below apac.
        AssertShare(results["group"], "watch", 0.75, counted: 4, inBand: 3, driver: "apac", ("uk", RollupSkipReason.InsufficientData), ("au", RollupSkipReason.NoSnapshot));
    }

    [Fact]
    public void ShareInBand_LowestBand_CountsOnlyThatBand()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "at_risk" });

        AssertShare(results["emea"], "at_risk", 0, counted: 2, inBand: 0, driver: null, ("uk", RollupSkipReason.InsufficientData));
        AssertShare(results["group"], "at_risk", 0.25, counted: 4, inBand: 1, driver: "apac", ("uk", RollupSkipReason.InsufficientData), ("au", RollupSkipReason.NoSnapshot));
    }

    [Fact]
    public void ShareInBand_ForcedBand_CountsTheBandTheSnapshotReports()
    {
        var snapshots = RollupPortfolio.Snapshots();
        snapshots["de"] = RollupPortfolio.Snapshot("de", 80, "at_risk"); // a band exception forced it, whatever the score

        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "watch" }, snapshots);

        AssertShare(results["emea"], "watch", 1, counted: 2, inBand: 2, driver: "de", ("uk", RollupSkipReason.InsufficientData));
    }

    [Fact]
    public void Average_DrivingChild_IsTheLargestWeightTimesShortfall()
    {
        // Mean (90 + 60 + 40 + 90) / 4 = 70: the child at 40 falls 30 short, the one at 60 only 10.
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p"), ("d", "p")]);
        var snapshots = Snapshots(("a", 90), ("b", 60), ("c", 40), ("d", 90));

        var result = RollupPortfolio.Model(new RollupDefinition()).Rollup!.Compute("p", hierarchy, snapshots);

        Assert.Equal(70, result.Score);
        Assert.Equal("c", result.DrivingChild);
    }

    [Fact]
    public void ValueWeighted_DrivingChild_WeightCanOutweighAShortfall()
    {
        // Mean (1 × 20 + 9 × 60 + 10 × 80) / 20 = 68: a pulls 1 × 48, b pulls 9 × 8 = 72 — the heavier child drives it.
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p")]);
        var weights = new Dictionary<string, double> { ["a"] = 1, ["b"] = 9, ["c"] = 10 };

        var result = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" }).Rollup!
            .Compute("p", hierarchy, Snapshots(("a", 20), ("b", 60), ("c", 80)), id => weights[id]);

        Assert.Equal(68, result.Score);
        Assert.Equal("b", result.DrivingChild);
    }

    [Fact]
    public void WorstChild_Tie_GoesToTheChildListedFirst()
    {
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p")]);

        var result = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.WorstChild }).Rollup!
            .Compute("p", hierarchy, Snapshots(("a", 70), ("b", 45), ("c", 45)));

        Assert.Equal(45, result.Score);
        Assert.Equal("b", result.DrivingChild);
    }

    [Fact]
    public void Average_EqualScores_NoChildDrivesIt()
    {
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p")]);

        var result = RollupPortfolio.Model(new RollupDefinition()).Rollup!.Compute("p", hierarchy, Snapshots(("a", 0.1), ("b", 0.1), ("c", 0.1)));

        Assert.Equal(0, result.Score);
        Assert.Null(result.DrivingChild);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.PositiveInfinity)]
    public void ValueWeighted_WeightNotPositiveAndFinite_ChildIsSkippedAndCounted(double weight)
    {
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p")]);

        var result = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" }).Rollup!
            .Compute("p", hierarchy, Snapshots(("a", 20), ("b", 60)), id => id == "a" ? weight : 3);

        Assert.Equal(60, result.Score);
        Assert.Equal(1, result.Counted);
        Assert.Equal(["a (NoWeight)"], result.Skipped.Select(s => s.ToString()));
    }

    [Fact]
    public void ValueWeighted_HugeAndTinyWeights_StayFinite()
    {
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p")]);
        var weights = new Dictionary<string, double> { ["a"] = double.MaxValue, ["b"] = double.MaxValue, ["c"] = double.Epsilon };

        var result = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" }).Rollup!
            .Compute("p", hierarchy, Snapshots(("a", 20), ("b", 60), ("c", 0)), id => weights[id]);

        Assert.Equal(40, result.Score);
        Assert.Equal(3, result.Counted);
    }

    [Fact]
    public void MinimumChildren_TooFewCounted_ParentIsInsufficientDataAndSkippedAbove()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { MinimumChildren = 2 });

        Assert.True(results["apac"].IsInsufficientData);
        Assert.Null(results["apac"].Score);
        Assert.True(results["apac"].Band.IsInsufficientData);
        Assert.Null(results["apac"].DrivingChild);
        // group = (emea 65 + us 65) / 2, apac left out for having no score.
        AssertScore(results["group"], 65, "watch", counted: 2, driver: null, ("apac", RollupSkipReason.InsufficientData));
    }

    [Fact]
    public void ShareInBand_MinimumChildren_ParentWithTooFewStillPassesItsAccountsOn()
    {
        var results = RollupPortfolio.ComputeAll(new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "watch", MinimumChildren = 2 });

        Assert.True(results["apac"].IsInsufficientData);
        Assert.Equal("watch", results["apac"].Band.Id);
        Assert.Equal(1, results["apac"].Counted);
        AssertShare(results["group"], "watch", 0.75, counted: 4, inBand: 3, driver: "apac", ("uk", RollupSkipReason.InsufficientData), ("au", RollupSkipReason.NoSnapshot));
    }

    [Fact]
    public void Scores_OutsideTheScale_AreClampedAndNonFiniteAreInsufficientData()
    {
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p")]);

        var result = RollupPortfolio.Model(new RollupDefinition()).Rollup!
            .Compute("p", hierarchy, Snapshots(("a", 150), ("b", -1e300), ("c", double.NaN)));

        Assert.Equal(50, result.Score);
        Assert.Equal(["c (InsufficientData)"], result.Skipped.Select(s => s.ToString()));
    }

    [Fact]
    public void Decimals_ScoreIsRoundedLikeScores()
    {
        var model = RollupPortfolio.Model(new RollupDefinition(), d => d.Scale.Decimals = 1);
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p"), ("b", "p"), ("c", "p")]);

        var result = model.Rollup!.Compute("p", hierarchy, Snapshots(("a", 70.1), ("b", 70.1), ("c", 69.9)));

        // (70.1 + 70.1 + 69.9) / 3 = 70.033 → 70.0, healthy from 70.
        Assert.Equal(70.0, result.Score);
        Assert.Equal("healthy", result.Band.Id);
    }

    [Fact]
    public void Band_OfTheRolledUpScore_IsTheDefaultPhasesThresholds()
    {
        // The model's onboarding phase starts healthy at 60; the default phase (adoption) at 70.
        var hierarchy = new AccountHierarchy([("p", null), ("a", "p")]);

        var result = RollupPortfolio.Model(new RollupDefinition()).Rollup!.Compute("p", hierarchy, Snapshots(("a", 65)));

        Assert.Equal("watch", result.Band.Id);
    }

    [Fact]
    public void Compute_OneParent_MatchesTheBatch()
    {
        var model = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" });

        var all = model.Rollup!.ComputeAll(RollupPortfolio.Hierarchy, RollupPortfolio.Snapshots(), RollupPortfolio.WeightOf);
        var one = model.Rollup.Compute("group", RollupPortfolio.Hierarchy, RollupPortfolio.Snapshots(), RollupPortfolio.WeightOf);

        Assert.Equal(Describe(all["group"]), Describe(one));
    }

    [Fact]
    public void ComputeAll_Twice_SameResultsInTheHierarchysOrder()
    {
        var model = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "watch" });
        var snapshots = RollupPortfolio.Snapshots();
        var reversed = new Dictionary<string, HealthSnapshot>(snapshots.Reverse(), StringComparer.Ordinal);

        var first = model.Rollup!.ComputeAll(RollupPortfolio.Hierarchy, snapshots);
        var second = model.Rollup.ComputeAll(RollupPortfolio.Hierarchy, reversed);

        Assert.Equal(["group", "emea", "apac"], first.Keys);
        Assert.Equal(first.Select(p => p.Key + ": " + Describe(p.Value)), second.Select(p => p.Key + ": " + Describe(p.Value)));
        Assert.Equal(3, first.Count);
        Assert.False(first.ContainsKey("de"));
        Assert.Contains("only accounts with children", Assert.Throws<KeyNotFoundException>(() => first["de"]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeAll_DeepChain_ComputesBottomUpWithoutRecursion()
    {
        const int depth = 50_000;
        var accounts = new List<(string, string?)> { ("n0", null) };
        for (var i = 1; i <= depth; i++)
        {
            accounts.Add(("n" + i, "n" + (i - 1)));
        }

        var hierarchy = new AccountHierarchy(accounts);
        var snapshots = Snapshots(("n" + depth, 42));

        var results = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.WorstChild }).Rollup!.ComputeAll(hierarchy, snapshots);

        Assert.Equal(depth, results.Count);
        Assert.Equal(42, results["n0"].Score);
        Assert.Equal("n1", results["n0"].DrivingChild);
        Assert.Equal("n" + depth, results["n" + (depth - 1)].DrivingChild);
    }

    [Fact]
    public void Compute_Misuse_ClearErrors()
    {
        var weighted = RollupPortfolio.Model(new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" }).Rollup!;
        var average = RollupPortfolio.Model(new RollupDefinition()).Rollup!;

        var noWeights = Assert.Throws<ArgumentNullException>(() => weighted.ComputeAll(RollupPortfolio.Hierarchy, RollupPortfolio.Snapshots()));
        Assert.Contains("'annual_value'", noWeights.Message, StringComparison.Ordinal);
        Assert.Contains("has no children", Assert.Throws<ArgumentException>(() => average.Compute("de", RollupPortfolio.Hierarchy, RollupPortfolio.Snapshots())).Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => average.Compute("nowhere", RollupPortfolio.Hierarchy, RollupPortfolio.Snapshots()));
    }

    [Fact]
    public void Model_WithoutRollup_HasNone()
    {
        Assert.Null(TestModels.Saas().Rollup);
    }

    [Fact]
    public void Model_CompiledRollup_KeepsTheDefinitionsValues()
    {
        var definition = new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "watch", MinimumChildren = 3 };
        var model = RollupPortfolio.Model(definition);

        definition.Band = "healthy";
        definition.MinimumChildren = 1;

        Assert.Equal(RollupMethod.ShareInBand, model.Rollup!.Method);
        Assert.Same(model.GetBand("watch"), model.Rollup.Band);
        Assert.Equal(3, model.Rollup.MinimumChildren);
        Assert.Null(model.Rollup.WeightField);
    }

    [Fact]
    public void PublicTypes_HaveNoPublicSettersAndHandOutReadOnlyLists()
    {
        foreach (var type in new[] { typeof(Rollup), typeof(RollupResult), typeof(SkippedChild), typeof(AccountHierarchy), typeof(AccountHierarchyException) })
        {
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly))
            {
                Assert.True(property.SetMethod is null || property.SetMethod.IsPrivate, $"{type.Name}.{property.Name} can be set after construction.");
            }
        }

        var results = RollupPortfolio.ComputeAll(new RollupDefinition());
        Assert.True(((ICollection<SkippedChild>)results["emea"].Skipped).IsReadOnly);
        Assert.False(results is IDictionary<string, RollupResult>);
    }

    private static Dictionary<string, HealthSnapshot> Snapshots(params (string Id, double Score)[] scores) =>
        scores.ToDictionary(s => s.Id, s => RollupPortfolio.Snapshot(s.Id, s.Score, "watch"), StringComparer.Ordinal);

    private static string Describe(RollupResult r) =>
        $"{r.Method} {r.Score} {r.Share} {r.Band.Id} {r.Counted} {r.InBand} [{string.Join(", ", r.Skipped)}] {r.DrivingChild}";

    private static void AssertScore(RollupResult result, double score, string band, int counted, string? driver, params (string Id, RollupSkipReason Reason)[] skipped)
    {
        Assert.Equal(score, result.Score);
        Assert.Null(result.Share);
        Assert.Equal(band, result.Band.Id);
        Assert.Equal(counted, result.Counted);
        Assert.Equal(0, result.InBand);
        Assert.Equal(driver, result.DrivingChild);
        Assert.Equal(skipped, result.Skipped.Select(s => (s.AccountId, s.Reason)));
        Assert.False(result.IsInsufficientData);
    }

    private static void AssertShare(RollupResult result, string band, double share, int counted, int inBand, string? driver, params (string Id, RollupSkipReason Reason)[] skipped)
    {
        Assert.Null(result.Score);
        Assert.Equal(share, result.Share);
        Assert.Equal(band, result.Band.Id);
        Assert.Equal(counted, result.Counted);
        Assert.Equal(inBand, result.InBand);
        Assert.Equal(driver, result.DrivingChild);
        Assert.Equal(skipped, result.Skipped.Select(s => (s.AccountId, s.Reason)));
        Assert.False(result.IsInsufficientData);
    }
}
