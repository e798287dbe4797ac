using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthScore.Core.Tests;
using HealthScore.Core.Serialization;

namespace HealthScore.Cli.Tests;

/// <summary>
/// <c>healthscore tune --profile-column</c> and <c>--profile</c> on the real telecom churn data (CC BY 4.0), with the
/// tariff plan as the profile: plan 1 has enough churners to be tuned on its own, plan 2 has too few.
/// </summary>
public sealed class TuneProfileTests
{
    /// <summary>The telecom model with two profiles that repeat its groups; the labels are the tariff plan codes.</summary>
    private static string ProfileModel(CliRun run)
    {
        var document = JsonNode.Parse(File.ReadAllText(TelecomFiles.Model))!.AsObject();
        var groups = document["groups"]!.AsArray();
        JsonObject Profile(string id, string label) => new()
        {
            ["id"] = id,
            ["label"] = label,
            ["groups"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject
            {
                ["id"] = g!["id"]!.GetValue<string>(),
                ["label"] = g["label"]!.GetValue<string>(),
                ["metrics"] = new JsonArray(g["metrics"]!.AsArray().Select(m => (JsonNode)new JsonObject { ["id"] = m!["id"]!.GetValue<string>() }).ToArray()),
            }).ToArray()),
        };
        document["profiles"] = new JsonArray(Profile("pay_as_you_go", "1"), Profile("contract", "2"));
        document["defaultProfile"] = "pay_as_you_go";
        return run.File("telecom-profiles.json", document.ToJsonString());
    }

    [Fact]
    public void Tune_ProfileColumn_TunesThePlanWithEnoughChurnersAndKeepsTheOther()
    {
        using var run = new CliRun();
        var model = ProfileModel(run);
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, output, error) = run.Run("tune", "--model", model, "--history", TelecomFiles.History, "--outcome", "Churn",
            "--value-column", "Customer Value", "--profile-column", "Tariff Plan", "--out", tuned);

        Assert.True(code == 0, error);
        Assert.DoesNotContain("Tariff Plan", error, StringComparison.Ordinal); // read as the profile, not ignored
        Assert.Contains("Profile 'pay_as_you_go' tuned on its own 2905 snapshots", output, StringComparison.Ordinal);
        Assert.Contains("Profile 'contract' has 245 snapshots, 6 of them churners and 239 stayers", output, StringComparison.Ordinal);
        var given = HealthModelDocument.Parse(File.ReadAllBytes(model));
        var proposal = HealthModelDocument.Parse(File.ReadAllBytes(tuned));
        var contractGiven = given.Profiles[1].Groups.SelectMany(g => g.Metrics).Select(m => m.Weight);
        var contractTuned = proposal.Profiles[1].Groups.SelectMany(g => g.Metrics).Select(m => m.Weight);
        Assert.Equal(contractGiven, contractTuned);
        var payGiven = given.Profiles[0].Groups.SelectMany(g => g.Metrics).Select(m => m.Weight);
        var payTuned = proposal.Profiles[0].Groups.SelectMany(g => g.Metrics).Select(m => m.Weight);
        Assert.NotEqual(payGiven, payTuned);

        // The figures docs/tuning.md quotes for this run.
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "tuning.md"));
        var planOne = Regex.Match(docs, @"(?m)^\| plan 1 \| ([\d,]+) \| (\d+) \| yes \| (0\.\d{3}) \| (0\.\d{3}) \|$");
        var planTwo = Regex.Match(docs, @"(?m)^\| plan 2 \| ([\d,]+) \| (\d+) \| no:");
        var overall = Regex.Match(docs, @"Over all snapshots the cross-validated AUC goes from (0\.\d{3}) to (0\.\d{3})");
        Assert.True(planOne.Success && planTwo.Success && overall.Success, "docs/tuning.md: the tariff plan table or its overall figure is missing");
        Assert.Contains($"Profile 'pay_as_you_go' tuned on its own {planOne.Groups[1].Value.Replace(",", "", StringComparison.Ordinal)} snapshots ({planOne.Groups[2].Value} churners): cross-validated AUC {planOne.Groups[3].Value} as given, {planOne.Groups[4].Value} proposed", output, StringComparison.Ordinal);
        Assert.Contains($"Profile 'contract' has {planTwo.Groups[1].Value.Replace(",", "", StringComparison.Ordinal)} snapshots, {planTwo.Groups[2].Value} of them churners", output, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^mean\s+{Regex.Escape(overall.Groups[1].Value)}\s+{Regex.Escape(overall.Groups[2].Value)}\s", output);
    }

    [Fact]
    public void Tune_ProfileNamed_OnlyThatProfileChanges()
    {
        using var run = new CliRun();
        var model = ProfileModel(run);
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, output, error) = run.Run("tune", "--model", model, "--history", TelecomFiles.History, "--outcome", "Churn",
            "--profile-column", "Tariff Plan", "--profile", "pay_as_you_go", "--out", tuned);

        Assert.True(code == 0, error);
        Assert.Contains("pay_as_you_go", output, StringComparison.Ordinal);
        var given = HealthModelDocument.Parse(File.ReadAllBytes(model));
        var kept = HealthModelDocument.Parse(File.ReadAllBytes(tuned));
        Assert.NotEqual(HealthModelDocument.Write(given), HealthModelDocument.Write(kept));
        kept.Profiles[0] = given.Profiles[0];
        Assert.Equal(HealthModelDocument.Write(given), HealthModelDocument.Write(kept));
    }

    [Theory]
    [InlineData("contract", "Profile 'contract' has 245 snapshots, 6 of them churners and 239 stayers")]
    [InlineData("contrakt", "TuningOptions.Profile names 'contrakt', which is not a profile of model 'telecom_churn'. Did you mean 'contract'?")]
    public void Tune_ProfileTooFewOrUnknown_ClearErrorAndNoProposal(string profile, string message)
    {
        using var run = new CliRun();
        var model = ProfileModel(run);
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, _, error) = run.Run("tune", "--model", model, "--history", TelecomFiles.History, "--outcome", "Churn",
            "--profile-column", "Tariff Plan", "--profile", profile, "--out", tuned);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(tuned));
    }

    [Fact]
    public void Tune_ProfileColumnWithAnUnknownProfile_NamesTheRow()
    {
        using var run = new CliRun();
        var model = ProfileModel(run);
        var lines = File.ReadAllLines(TelecomFiles.History);
        var header = lines[0].Split(',');
        var plan = Array.IndexOf(header, "Tariff Plan");
        var row = lines[3].Split(',');
        row[plan] = "3";
        lines[3] = string.Join(',', row);
        var history = run.File("history.csv", string.Join('\n', lines) + "\n");
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, _, error) = run.Run("tune", "--model", model, "--history", history, "--outcome", "Churn",
            "--profile-column", "Tariff Plan", "--out", tuned);

        Assert.NotEqual(0, code);
        Assert.Contains("'3'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(tuned));
    }
}
