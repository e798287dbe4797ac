using System.Text.Json.Nodes;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using Json.Schema;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>The sample model documents in docs/models compile, validate against the schema, and use every feature they claim.</summary>
public sealed class SampleModelTests
{
    public static TheoryData<string> Samples => new() { "saas.en.json", "saas.ja.json" };

    public static TheoryData<string> AllSamples => new() { "saas.en.json", "saas.ja.json", "members.en.json", "members.ja.json" };

    internal static string SamplePath(string name) => Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", name);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_Compiles_WithPhasesExceptionsAndEveryActionKind(string name)
    {
        var model = HealthModelDocument.CompileFile(SamplePath(name));

        Assert.Equal(["onboarding", "adoption", "renewal", "dormant"], model.Phases.Select(p => p.Id));
        Assert.Equal(("engagement", "satisfaction"), (model.Report.MatrixX.Id, model.Report.MatrixY.Id));
        Assert.Equal(3, model.PhaseRules.Rules.Count);
        Assert.NotEmpty(model.BandExceptions.Rules);
        var kinds = model.Actions.Rules.Select(a => a.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "respond", "recommend", "coach", "automate", "escalate", "celebrate", "survey" }, kinds);
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Sample_ValidatesAgainstTheSchema(string name)
    {
        var schema = JsonSchema.FromText(HealthModelDocument.Schema);

        var result = schema.Evaluate(JsonNode.Parse(File.ReadAllText(SamplePath(name))), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void Samples_EnglishAndJapanese_HaveTheSameStructure()
    {
        var english = HealthModelDocument.CompileFile(SamplePath("saas.en.json"));
        var japanese = HealthModelDocument.CompileFile(SamplePath("saas.ja.json"));

        Assert.Equal(english.Metrics.Select(m => m.Id), japanese.Metrics.Select(m => m.Id));
        Assert.Equal(english.Groups.Select(g => g.Id), japanese.Groups.Select(g => g.Id));
        Assert.Equal(english.Actions.Rules.Select(a => (a.Id, a.Kind, a.Priority)), japanese.Actions.Rules.Select(a => (a.Id, a.Kind, a.Priority)));
        Assert.Equal(["standard", "enterprise"], english.Profiles.Select(p => p.Id));
        Assert.Equal(english.Profiles.Select(p => p.Id), japanese.Profiles.Select(p => p.Id));
        var labels = japanese.Metrics.Select(m => m.Label)
            .Concat(japanese.Groups.Select(g => g.Label))
            .Concat(japanese.Bands.Select(b => b.Label))
            .Concat(japanese.Phases.Select(p => p.Label))
            .Concat(japanese.Profiles.Select(p => p.Label))
            .Concat(japanese.Profiles.SelectMany(p => p.Scorecard.Groups.Select(g => g.Label).Concat(p.Scorecard.Bands.Select(b => b.Label))))
            .Concat(japanese.Actions.Rules.Select(a => a.Title))
            .Append(japanese.InsufficientData.Label)
            .Append(japanese.Texts.HurtsMost)
            .Concat(japanese.Texts.All.Where(t => t.Key.StartsWith("report.", StringComparison.Ordinal)).Select(t => t.Value));
        Assert.Equal(60, japanese.Texts.All.Count(t => t.Key.StartsWith("report.", StringComparison.Ordinal)));
        Assert.All(labels, label => Assert.Contains(label, c => c > '\u3000'));
    }
}
