using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rollups;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Serialization;

namespace HealthScore.Core.Tests.Rollups;

/// <summary>Keeps the roll-up example of docs/concepts.md compiling, what it prints true, and its hand-worked figures right.</summary>
public sealed class RollupConceptsExampleTests
{
    private static readonly string SamplePath = SampleModelTests.SamplePath("saas.en.json");

    [Fact]
    public void RollupExample_ValueWeighted_AsTheDocumentShows()
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(SamplePath));
        var output = new StringWriter();
        Run(definition, output);

        var document = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "concepts.md")).ReplaceLineEndings("\n");
        DocumentedExample.AssertShownIn(document, Path.Combine("Rollups", "RollupConceptsExampleTests.cs"), "concepts.md roll-up example");

        var printed = output.ToString().ReplaceLineEndings("\n").Trim();
        Assert.Contains("globex_eu: 73 Healthy", printed, StringComparison.Ordinal);
        Assert.Contains("```text\n" + printed + "\n```", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RollupMethod.Average, 65.0, "globex_fr", 62.0, "globex_us")]
    [InlineData(RollupMethod.WorstChild, 47.0, "globex_fr", 47.0, "globex_eu")]
    public void RollupExample_OtherScoreMethods_GiveTheFiguresTheDocumentWorksOut(RollupMethod method, double europe, string europeDriver, double globex, string globexDriver)
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(SamplePath));
        definition.Rollup = new RollupDefinition { Method = method };
        var model = HealthModel.Compile(definition);

        var rollups = model.Rollup!.ComputeAll(Hierarchy(), Snapshots());

        Assert.Equal((europe, europeDriver), (rollups["globex_eu"].Score, rollups["globex_eu"].DrivingChild));
        Assert.Equal((globex, globexDriver), (rollups["globex"].Score, rollups["globex"].DrivingChild));
    }

    [Fact]
    public void RollupExample_ShareInBand_GivesTheFiguresTheDocumentWorksOut()
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(SamplePath));
        definition.Rollup = new RollupDefinition { Method = RollupMethod.ShareInBand, Band = "watch" };
        var model = HealthModel.Compile(definition);

        var rollups = model.Rollup!.ComputeAll(Hierarchy(), Snapshots());

        Assert.Equal((0.5, 1, 2, "globex_fr"), (rollups["globex_eu"].Share, rollups["globex_eu"].InBand, rollups["globex_eu"].Counted, rollups["globex_eu"].DrivingChild));
        Assert.Equal((2.0 / 3, 2, 3, "globex_eu"), (rollups["globex"].Share, rollups["globex"].InBand, rollups["globex"].Counted, rollups["globex"].DrivingChild));
    }

    private static AccountHierarchy Hierarchy() => new(
        [("globex", null), ("globex_eu", "globex"), ("globex_de", "globex_eu"), ("globex_fr", "globex_eu"), ("globex_uk", "globex_eu"), ("globex_us", "globex")]);

    private static Dictionary<string, HealthSnapshot> Snapshots() => new()
    {
        ["globex_de"] = Stored(82, "healthy"),
        ["globex_fr"] = Stored(47, "watch"),
        ["globex_uk"] = Stored(null, "insufficient_data"),
        ["globex_us"] = Stored(58, "watch"),
    };

    /// <summary>What the example's host stored for an account: its latest snapshot.</summary>
    private static HealthSnapshot Stored(double? score, string band) => new()
    {
        AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), ModelId = "saas_health", ModelVersion = "1", ModelHash = "stored",
        Phase = "adoption", Score = score, Band = band,
    };

    private static void Run(HealthModelDefinition definition, TextWriter console)
    {
        // concepts.md roll-up example begins
        definition.Rollup = new RollupDefinition { Method = RollupMethod.ValueWeighted, WeightField = "annual_value" };
        var model = HealthModel.Compile(definition);
        var hierarchy = new AccountHierarchy([("globex", null), ("globex_eu", "globex"), ("globex_de", "globex_eu"), ("globex_fr", "globex_eu"), ("globex_uk", "globex_eu"), ("globex_us", "globex")]);
        var snapshots = new Dictionary<string, HealthSnapshot> // each account's latest stored snapshot
        {
            ["globex_de"] = Stored(82, "healthy"),
            ["globex_fr"] = Stored(47, "watch"),
            ["globex_uk"] = Stored(null, "insufficient_data"),
            ["globex_us"] = Stored(58, "watch"),
        };
        var annualValue = new Dictionary<string, double> { ["globex_eu"] = 160_000, ["globex_de"] = 120_000, ["globex_fr"] = 40_000, ["globex_uk"] = 60_000, ["globex_us"] = 200_000 };

        foreach (var (id, rollup) in model.Rollup!.ComputeAll(hierarchy, snapshots, id => annualValue.GetValueOrDefault(id, double.NaN)))
        {
            console.WriteLine($"{id}: {rollup.Score} {rollup.Band.Label}, {rollup.Counted} counted, skipped [{string.Join(", ", rollup.Skipped)}], driven by {rollup.DrivingChild}");
        }
        // concepts.md roll-up example ends
    }
}
