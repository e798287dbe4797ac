using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Profiles;

/// <summary>
/// One account, the same values, three scorecards: the model's own, enterprise and SMB. The values are logins 5
/// (0.5 on 0 → 10), seats 0.9 (0.9), tickets 2 (0.8 on 10 → 0) and NPS 20 (0.6 on −100 → 100).
/// </summary>
public sealed class ProfileScoringTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    internal static HealthModel Model { get; } = HealthModelDocument.Compile(ProfileModels.TwoProfiles);

    internal static double[] Values(HealthModel model)
    {
        var values = model.CreateValues();
        values[model.GetMetric("logins").Index] = 5;
        values[model.GetMetric("seats").Index] = 0.9;
        values[model.GetMetric("tickets").Index] = 2;
        values[model.GetMetric("nps").Index] = 20;
        return values;
    }

    internal static AccountFacts Facts(HealthModel model, double seats, double daysToRenewal = 200)
    {
        var facts = new AccountFacts(model.Account) { DaysToRenewal = daysToRenewal };
        facts.SetNumber("seats_licensed", seats);
        return facts;
    }

    [Fact]
    public void Model_OwnScorecard_IsUnchangedByProfiles()
    {
        // usage (0.5 + 0.9) / 2 = 0.7, support 0.8, satisfaction 0.6:
        // (60 × 0.7 + 40 × 0.8 + 20 × 0.6) / 120 = 86 / 120 = 71.67 → 72, Watch (Healthy from 75).
        var result = Model.Score(Values(Model));
        Assert.Equal(72, result.Score);
        Assert.Equal("watch", result.Band.Id);
        Assert.Equal(2, Model.Profiles.Count);
    }

    [Fact]
    public void Enterprise_SameValues_ScoresWithItsGroupsWeightsAndBands()
    {
        // adoption (3 × 0.9 + 1 × 0.5) / 4 = 0.8, relationship 0.6: (3 × 0.8 + 1 × 0.6) / 4 = 0.75 → 75;
        // tickets are not in the profile, so coverage is 100%. Healthy from 70 in this profile: Healthy.
        var enterprise = Model.GetProfile("enterprise").Scorecard;
        var contributions = new MetricContribution[enterprise.Metrics.Count];
        var result = enterprise.Score(Values(Model), enterprise.DefaultPhase, contributions, new GroupScore[enterprise.Groups.Count]);
        Assert.Equal(75, result.Score);
        Assert.Equal("healthy", result.Band.Id);
        Assert.Equal(1, result.Coverage);
        var tickets = contributions[Model.GetMetric("tickets").Index];
        Assert.Equal(MetricStatus.NotScored, tickets.Status);
        Assert.Equal(0, tickets.EffectiveWeight);
        Assert.Equal(0.75 * 0.75, contributions[Model.GetMetric("seats").Index].EffectiveWeight, 12);
        Assert.Equal(["adoption", "relationship"], enterprise.Groups.Select(g => g.Id));
        Assert.Same(Model.Metrics[0], enterprise.Metrics[0]);
        Assert.Equal(Model.Hash, enterprise.Hash);
    }

    [Fact]
    public void Smb_SameValues_ScoresWithItsGroupsAndTheModelsBands()
    {
        // usage 0.5, support 0.8: (1 × 0.5 + 2 × 0.8) / 3 = 0.7 → 70, Watch under the model's bands (Healthy from 75).
        var smb = Model.GetProfile("smb").Scorecard;
        var result = smb.Score(Values(Model));
        Assert.Equal(70, result.Score);
        Assert.Equal("watch", result.Band.Id);
        Assert.Equal(1, result.Coverage);
    }

    [Fact]
    public void Renewal_ProfileListsThePhase_UsesItsOwnOverridesElseTheModels()
    {
        // Enterprise lists renewal with relationship 3: (3 × 0.8 + 3 × 0.6) / 6 = 0.7 → 70, Healthy (its own bands: 70).
        var enterprise = Model.GetProfile("enterprise").Scorecard;
        var inRenewal = enterprise.Score(Values(Model), enterprise.GetPhase("renewal"));
        Assert.Equal(70, inRenewal.Score);
        Assert.Equal("healthy", inRenewal.Band.Id);

        // SMB does not list it: the model's renewal moves Healthy to 80; 70 stays Watch.
        var smb = Model.GetProfile("smb").Scorecard;
        Assert.Equal(80, smb.GetPhase("renewal").GetLowerBound(smb.GetBand("healthy")));
        Assert.Equal(70, smb.Score(Values(Model), smb.GetPhase("renewal")).Score);
    }

    [Fact]
    public void Evaluate_ProfileRuleMatches_ScoresWithTheRulesProfile()
    {
        var engine = new HealthEngine(Model);
        var health = engine.Evaluate(new AccountInput { AccountId = "big", AsOf = AsOf, MetricValues = Values(Model), Facts = Facts(Model, 250) });
        Assert.Equal("enterprise", health.Profile?.Id);
        Assert.Equal(ProfileSource.Rule, health.ProfileSource);
        Assert.Equal("large", health.ProfileRule?.Id);
        Assert.Equal(75, health.Result.Score);
        Assert.Equal("healthy", health.Result.Band.Id);
        Assert.Same(health.Profile!.Scorecard, health.Model);
        Assert.Equal(health.Model.Groups.Count, health.GroupScores.Length);
        Assert.StartsWith("Score 75 · Healthy · All accounts · " + health.Profile.Label + " · coverage 100%", health.Explain(), StringComparison.Ordinal);
        Assert.DoesNotContain("Open tickets", health.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NoProfileRuleMatches_ScoresWithTheDefaultProfile()
    {
        var engine = new HealthEngine(Model);
        var health = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(Model), Facts = Facts(Model, 12) });
        Assert.Equal("smb", health.Profile?.Id);
        Assert.Equal(ProfileSource.Default, health.ProfileSource);
        Assert.Null(health.ProfileRule);
        Assert.Equal(70, health.Result.Score);
        Assert.Equal("watch", health.Result.Band.Id);
    }

    [Fact]
    public void Evaluate_HostNamesTheProfileAndPhase_OverridesTheRules()
    {
        var engine = new HealthEngine(Model);
        var health = engine.Evaluate(new AccountInput
        {
            AsOf = AsOf,
            MetricValues = Values(Model),
            Facts = Facts(Model, 12),
            Profile = Model.GetProfile("enterprise"),
            Phase = Model.GetPhase("renewal"),
        });
        Assert.Equal("enterprise", health.Profile?.Id);
        Assert.Equal(ProfileSource.Given, health.ProfileSource);
        Assert.Equal("renewal", health.Phase.Id);
        Assert.Equal(70, health.Result.Score);
    }

    [Fact]
    public void Evaluate_PhaseRuleInAProfile_ChoosesTheProfilesPhase()
    {
        var engine = new HealthEngine(Model);
        var health = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(Model), Facts = Facts(Model, 12, daysToRenewal: 30) });
        Assert.Equal("smb", health.Profile?.Id);
        Assert.Equal("renewal", health.Phase.Id);
        Assert.Equal(PhaseSource.Rule, health.PhaseSource);
        Assert.Equal("watch", health.Result.Band.Id);
    }

    [Fact]
    public void Evaluate_ProfileOfAnotherModel_IsRejected()
    {
        var other = HealthModelDocument.Compile(ProfileModels.TwoProfiles.Replace("\"segments\"", "\"other\"", StringComparison.Ordinal));
        var engine = new HealthEngine(Model);
        var input = new AccountInput { AsOf = AsOf, MetricValues = Values(Model), Profile = other.GetProfile("smb") };
        Assert.Throws<ArgumentException>(() => engine.Evaluate(input));
    }

    [Fact]
    public void Snapshot_NamesTheProfile_AndJsonCarriesItOnlyWhenSet()
    {
        var engine = new HealthEngine(Model);
        var snapshot = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf, MetricValues = Values(Model), Facts = Facts(Model, 250) }).ToSnapshot();
        Assert.Equal("enterprise", snapshot.Profile);
        var json = HealthSnapshotJson.Write(snapshot);
        Assert.Contains("\"profile\": \"enterprise\"", json, StringComparison.Ordinal);
        Assert.Equal("enterprise", HealthSnapshotJson.Read(json, "test").Profile);

        var saas = TestModels.Saas();
        var plain = new HealthEngine(saas).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = saas.CreateValues() }).ToSnapshot();
        Assert.Null(plain.Profile);
        Assert.DoesNotContain("\"profile\"", HealthSnapshotJson.Write(plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_PreviousSnapshotOfAnotherProfile_ComparesTheReportedScores()
    {
        // SMB reported 70 (Watch); the account grows into enterprise and reports 75 (Healthy) on the same data.
        var engine = new HealthEngine(Model);
        var before = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf, MetricValues = Values(Model), Facts = Facts(Model, 12) }).ToSnapshot();
        var health = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf.AddDays(7), MetricValues = Values(Model), Facts = Facts(Model, 250), Previous = before });
        Assert.Equal("smb", before.Profile);
        Assert.Equal("enterprise", health.Profile?.Id);
        var trend = health.Trend!.Value;
        Assert.Equal(5, trend.Delta);
        Assert.Equal("watch", trend.PreviousBand.Id);
        Assert.Equal("healthy", trend.CurrentBand.Id);
        Assert.True(trend.BandChanged);
        Assert.False(trend.ModelChanged);

        // The data did not move, so no metric moved the score: the change is the scorecard's.
        Assert.Equal(0, health.Changes.Length);
    }

    [Fact]
    public void Document_WriteThenCompile_KeepsProfilesAndHash()
    {
        var definition = HealthModelDocument.Parse(ProfileModels.TwoProfiles);
        var written = HealthModelDocument.Write(definition);
        var again = HealthModelDocument.Compile(written);
        Assert.Equal(Model.Hash, again.Hash);
        Assert.Equal(["enterprise", "smb"], again.Profiles.Select(p => p.Id));
        Assert.Equal(75, again.GetProfile("enterprise").Scorecard.Score(Values(again)).Score);
        Assert.Equal("smb", again.ProfileRules!.DefaultProfile.Id);
    }

    [Fact]
    public void Hash_CoversProfiles()
    {
        var heavier = HealthModelDocument.Compile(ProfileModels.TwoProfiles.Replace("\"weight\": 3, \"metrics\": [ { \"id\": \"seats\"", "\"weight\": 4, \"metrics\": [ { \"id\": \"seats\"", StringComparison.Ordinal));
        Assert.NotEqual(Model.Hash, heavier.Hash);
    }
}
