using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>Every format 1 document the repository had still loads, as the same model as its upgrade.</summary>
public sealed class FormatVersion1Tests
{
    private static readonly string Folder = Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Serialization", "FormatVersion1");

    public static TheoryData<string> Documents() => [.. Directory.GetFiles(Folder, "*.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Compile_FormatVersion1Document_LoadsAsTheSameModelAsItsUpgrade(string name)
    {
        var original = File.ReadAllText(Path.Combine(Folder, name));

        var model = HealthModelDocument.Compile(original);
        var upgraded = HealthModelDocument.Upgrade(original);
        var again = HealthModelDocument.Compile(upgraded);

        Assert.Contains("\"formatVersion\": 1", original, StringComparison.Ordinal);
        Assert.Contains("\"formatVersion\": 2", upgraded, StringComparison.Ordinal);
        Assert.DoesNotContain("\"accounts\":", upgraded, StringComparison.Ordinal);
        Assert.Equal(model.Hash, again.Hash);
        Assert.Equal(model.Texts.All, again.Texts.All);
    }

    // The hashes of docs/models/*.json when they were written in format 1 (the saas samples have since gained
    // a sentiment metric, adjustments, a roll-up and an override policy, so they are no longer the same models).
    [Theory]
    [InlineData("saas.en.json", "2d83b7ab984b9c488be224b4c1c9ab498276215c53f0767e3d0220a300b13e6e")]
    [InlineData("saas.ja.json", "1b6692a0a5faa69323dcc1ffb040dfc70393ba9bfa1535ef80ecf06c95429268")]
    [InlineData("telecom-churn.json", "270b01f403ddff850cadbb2118e0cd3b0d59022f5d1aa8cf85e3d86dbcd9a1e4")]
    public void Compile_FormatVersion1Sample_SameModelAsTheSampleItWas(string name, string hash)
    {
        var old = HealthModelDocument.Compile(File.ReadAllText(Path.Combine(Folder, name)));

        Assert.Equal(hash, old.Hash);
    }

    [Fact]
    public void Compile_FormatVersion1Telecom_SameModelAsTheSampleInDocs()
    {
        var old = HealthModelDocument.Compile(File.ReadAllText(Path.Combine(Folder, "telecom-churn.json")));
        var current = HealthModelDocument.CompileFile(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.json"));

        Assert.Equal(current.Hash, old.Hash);
    }

    [Fact]
    public void Compile_FormatVersion1ReportHeading_ErrorKeepsItsOwnPlace()
    {
        var original = File.ReadAllText(Path.Combine(Folder, "saas.ja.json"));
        var broken = original.Replace("\"accounts\": \"アカウント\"", "\"accounts\": 7", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(broken)).Errors);

        Assert.Equal("$.report.accounts", error.Path);
        Assert.Equal("must be a string, not a number.", error.Message);
        var line = original[..original.IndexOf("\"accounts\": \"アカウント\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Compile_FormatVersion2ReportHeading_IsAnUnknownProperty()
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "saas.en.json"))
            .Replace("\"report\": { ", "\"report\": { \"accounts\": \"clients\", ", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json)).Errors);

        Assert.Equal("$.report.accounts", error.Path);
        Assert.StartsWith("unknown property 'accounts'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownLibraryText_SuggestsTheKeyOrAPrefix()
    {
        var json = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "saas.ja.json"))
            .Replace("\"score\": \"スコア\"", "\"scroe\": \"スコア\"", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json)).Errors);

        Assert.Equal("$.texts.scroe", error.Path);
        Assert.Equal("'scroe' is not one of the library's texts. Did you mean 'score'? A host's own texts take a prefix, e.g. report.scroe.", error.Message);
    }
}
