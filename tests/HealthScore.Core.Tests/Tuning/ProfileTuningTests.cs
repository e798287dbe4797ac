using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>
/// Tuning a model with profiles on seeded synthetic data: SMB accounts leave when usage drops, enterprise accounts
/// when their NPS does, and a handful of partner accounts are too few to learn from. Each profile must be tuned on its
/// own accounts, the one named alone when a profile is named, and adjustments stay as written.
/// </summary>
public sealed class ProfileTuningTests
{
    private const string Document = """
        {
          "formatVersion": 2,
          "id": "segmented",
          "label": "Segmented subscriptions",
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "watch", "label": "Watch", "color": "#F9A825", "lowerBound": 40 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 65 }
          ],
          "groups": [
            { "id": "all", "label": "All signals", "metrics": [
              { "id": "usage", "label": "Weekly active use", "scoring": { "type": "linear", "worst": 0, "best": 100 } },
              { "id": "nps", "label": "NPS", "scoring": { "type": "linear", "worst": 0, "best": 10 } },
              { "id": "tickets", "label": "Open tickets", "scoring": { "type": "linear", "worst": 10, "best": 0 } }
            ] }
          ],
          "adjustments": [ { "id": "very_low_nps", "label": "NPS below 2", "when": "metrics.nps < 2", "points": -5 } ],
          "profiles": [
            { "id": "smb", "label": "SMB", "groups": [
              { "id": "product", "label": "Product", "metrics": [ { "id": "usage" }, { "id": "tickets" } ] },
              { "id": "relationship", "label": "Relationship", "metrics": [ { "id": "nps" } ] } ] },
            { "id": "enterprise", "label": "Enterprise", "groups": [
              { "id": "product", "label": "Product", "metrics": [ { "id": "usage" }, { "id": "tickets" } ] },
              { "id": "relationship", "label": "Relationship", "metrics": [ { "id": "nps" } ] } ] },
            { "id": "partner", "label": "Partner", "groups": [
              { "id": "product", "label": "Product", "metrics": [ { "id": "usage" } ] } ] }
          ],
          "defaultProfile": "smb"
        }
        """;

    private static readonly Lazy<(double[] Values, string[] Profiles, bool[] Churned)> Data = new(() => Generate(1400, 7));

    private static readonly Lazy<TuningResult> Tuned = new(() => Tune(new TuningOptions { Evaluation = { BootstrapSamples = 0 } }));

    [Fact]
    public void TuneWithProfiles_EachProfileWeightedOnItsOwnAccounts()
    {
        var result = Tuned.Value;

        Assert.Equal(["smb", "enterprise", "partner"], result.Profiles.Select(p => p.Id));
        var smb = Share(result.Definition, "smb");
        var enterprise = Share(result.Definition, "enterprise");
        Assert.True(smb["usage"] > 2 * smb["nps"], $"smb: usage {smb["usage"]:P1}, nps {smb["nps"]:P1}");
        Assert.True(enterprise["nps"] > 2 * enterprise["usage"], $"enterprise: usage {enterprise["usage"]:P1}, nps {enterprise["nps"]:P1}");
        foreach (var profile in result.Profiles.Take(2))
        {
            Assert.True(profile.Tuned, profile.Id);
            Assert.Equal(5, profile.Folds.Count);
            Assert.True(profile.CrossValidatedAucAfter > profile.CrossValidatedAucBefore + 0.03, $"{profile.Id}: {profile.CrossValidatedAucBefore} → {profile.CrossValidatedAucAfter}");
            Assert.Equal(profile.Accounts, profile.Folds.Sum(f => f.TestAccounts));
            Assert.Contains(result.Notes, n => n.StartsWith($"Profile '{profile.Id}' tuned on its own {profile.Accounts} snapshots", StringComparison.Ordinal));
        }

        Assert.Equal(["nps", "usage", "tickets"], result.Profiles[1].Metrics.Select(m => m.Id).OrderBy(static id => id == "nps" ? 0 : id == "usage" ? 1 : 2));
        Assert.Equal(result.Profiles[1].Metrics.Single(m => m.Id == "nps").ShareAfter, enterprise["nps"], 6);
        HealthModelDocument.Parse(HealthModelDocument.Write(result.Definition));
    }

    [Fact]
    public void TuneWithProfiles_ProfileWithTooFewChurners_KeepsItsWeightsWithAClearNote()
    {
        var result = Tuned.Value;

        var partner = result.Profiles[2];
        Assert.False(partner.Tuned);
        Assert.Equal($"Profile 'partner' has {partner.Accounts} snapshots, {partner.Churned} of them churners and {partner.Accounts - partner.Churned} stayers; tuning a profile on its own accounts needs at least 200 snapshots and 30 churners and 30 stayers (TuningOptions.MinimumProfileAccounts, MinimumProfileChurners). The profile keeps its weights.", partner.NotTunedReason);
        Assert.Contains(partner.NotTunedReason!, result.Notes);
        Assert.Equal(1, result.Definition.Profiles[2].Groups[0].Metrics[0].Weight);
    }

    [Fact]
    public void TuneWithProfiles_AdjustmentsLeftAsTheyAre()
    {
        var adjustment = Assert.Single(Tuned.Value.Definition.Adjustments);

        Assert.Equal(("very_low_nps", "metrics.nps < 2", -5.0), (adjustment.Id, adjustment.When, adjustment.Points));
    }

    [Fact]
    public void Tune_WrittenProposal_KeepsTheAdjustmentsByteForByte()
    {
        static string Adjustments(HealthModelDefinition definition) =>
            System.Text.Json.Nodes.JsonNode.Parse(HealthModelDocument.Write(definition))!["adjustments"]!.ToJsonString();

        var given = HealthModelDocument.Parse(Document);
        var (values, _, churned) = Data.Value;
        var plain = ModelTuner.Tune(given, values, [], churned, [], new TuningOptions { Evaluation = { BootstrapSamples = 0 }, Calibration = null });

        // Tuning changes weights and functions, never an adjustment's condition or points.
        Assert.NotEqual(HealthModelDocument.Write(given), HealthModelDocument.Write(Tuned.Value.Definition));
        Assert.Equal(Adjustments(given), Adjustments(Tuned.Value.Definition));
        Assert.Equal(Adjustments(given), Adjustments(plain.Definition));
    }

    [Fact]
    public void TuneWithProfiles_ProfileNamed_OnlyThatProfileChanges()
    {
        var given = HealthModelDocument.Parse(Document);

        var result = Tune(new TuningOptions { Profile = "enterprise", Evaluation = { BootstrapSamples = 0 } });

        Assert.Equal("enterprise", result.Profile);
        var enterprise = Assert.Single(result.Profiles);
        Assert.True(enterprise.Tuned);
        Assert.Equal(enterprise.Accounts, result.Population!.Accounts);
        Assert.Equal(enterprise.CrossValidatedAucAfter, result.CrossValidatedAucAfter);
        Assert.True(Share(result.Definition, "enterprise")["nps"] > 2 * Share(result.Definition, "enterprise")["usage"]);

        // The catalogue (functions and top-level weights), the other profiles and the adjustments are exactly as given.
        var kept = HealthModelDocument.Parse(HealthModelDocument.Write(result.Definition));
        kept.Profiles[1] = given.Profiles[1];
        Assert.Equal(HealthModelDocument.Write(given), HealthModelDocument.Write(kept));
        Assert.NotEqual(HealthModelDocument.Write(given), HealthModelDocument.Write(result.Definition));
    }

    [Fact]
    public void TuneWithProfiles_ProfileNamedWithTooFewAccountsOrUnknown_ClearErrors()
    {
        var tooFew = Assert.Throws<ArgumentException>(() => Tune(new TuningOptions { Profile = "partner" }));
        Assert.StartsWith("Profile 'partner' has ", tooFew.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<ArgumentException>(() => Tune(new TuningOptions { Profile = "enterprize" }));
        Assert.StartsWith("TuningOptions.Profile names 'enterprize', which is not a profile of model 'segmented'. Did you mean 'enterprise'?", unknown.Message, StringComparison.Ordinal);

        var (values, profiles, churned) = Data.Value;
        var bad = (string[])profiles.Clone();
        bad[3] = "partners";
        var badId = Assert.Throws<ArgumentException>(() => ModelTuner.TuneWithProfiles(HealthModelDocument.Parse(Document), values, [], bad, churned, []));
        Assert.StartsWith("Snapshot 3: profile 'partners' is not a profile of model 'segmented'. Did you mean 'partner'?", badId.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_ProfilesButNoProfileIds_ProfilesKeptAndSaidSo()
    {
        var (values, _, churned) = Data.Value;

        var result = ModelTuner.Tune(HealthModelDocument.Parse(Document), values, [], churned, [], new TuningOptions { Evaluation = { BootstrapSamples = 0 }, Calibration = null, Folds = 3 });

        Assert.Empty(result.Profiles);
        Assert.Contains("The model has 3 profiles, but the snapshots do not say which profile each belongs to, so every profile keeps its weights.", string.Join("\n", result.Notes), StringComparison.Ordinal);
        Assert.Equal([1.0, 1.0, 1.0], result.Definition.Profiles.Take(2).SelectMany(static p => p.Groups).Take(3).Select(static g => g.Weight));
        Assert.All(result.Definition.Profiles.SelectMany(static p => p.Groups).SelectMany(static g => g.Metrics), static m => Assert.Equal(1, m.Weight));
    }

    private static TuningResult Tune(TuningOptions options)
    {
        var (values, profiles, churned) = Data.Value;
        return ModelTuner.TuneWithProfiles(HealthModelDocument.Parse(Document), values, [], profiles, churned, [], options);
    }

    private static Dictionary<string, double> Share(HealthModelDefinition definition, string profileId)
    {
        var profile = definition.Profiles.Single(p => p.Id == profileId);
        var total = profile.Groups.Sum(static g => g.Weight);
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in profile.Groups)
        {
            var sum = group.Metrics.Sum(static m => m.Weight);
            foreach (var metric in group.Metrics)
            {
                shares[metric.Id] = group.Weight / total * metric.Weight / sum;
            }
        }

        return shares;
    }

    /// <summary>SMB accounts churn on low usage, enterprise ones on low NPS; one account in 20 is a partner (too few to tune).</summary>
    private static (double[] Values, string[] Profiles, bool[] Churned) Generate(int rows, int seed)
    {
        var model = HealthModel.Compile(HealthModelDocument.Parse(Document));
        var random = new Random(seed);
        var m = model.Metrics.Count;
        var values = new double[rows * m];
        var profiles = new string[rows];
        var churned = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            var usage = Math.Round(random.NextDouble() * 100, 1);
            var nps = Math.Round(random.NextDouble() * 10);
            var tickets = random.Next(6);
            profiles[r] = r % 20 == 0 ? "partner" : r % 2 == 0 ? "enterprise" : "smb";
            var logit = profiles[r] == "enterprise" ? -1.2 - (0.6 * (nps - 5)) : -1.2 - (0.06 * (usage - 50));
            churned[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            values[(r * m) + model.GetMetric("usage").Index] = usage;
            values[(r * m) + model.GetMetric("nps").Index] = nps;
            values[(r * m) + model.GetMetric("tickets").Index] = tickets;
        }

        return (values, profiles, churned);
    }
}
