using System.Text;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>The content hash: pinned for each sample, changed by what changes a model, kept by what does not.</summary>
public sealed class ContentHashTests
{
    private static readonly string Models = Path.Combine(TestPaths.RepositoryRoot(), "docs", "models");

    // A change here means every stored result's model hash changes: docs/model-format.md says when that is expected.
    [Theory]
    [InlineData("saas.en.json", "ad4db4e678eb96283b04fd373ae6d20eeb59601c92dbc13e0375887de989e82e")]
    [InlineData("saas.ja.json", "e1700fb7cf934c96b8c23f28320ad6d9170043a65d333dd32cbf5ff869a17a4c")]
    [InlineData("members.en.json", "86f510d23a8ab36bfa66220468282b48975fb2de73994640fb317cfd1d7f60d3")]
    [InlineData("members.ja.json", "72316912cb1332f05fd58fd1a68e485f274ee67d269d27a34e0a7da97cdf4bb8")]
    [InlineData("telecom-churn.json", "270b01f403ddff850cadbb2118e0cd3b0d59022f5d1aa8cf85e3d86dbcd9a1e4")]
    [InlineData("telecom-churn.tuned.json", "3a130eeed5f909314832cc5c42d1d5eedfaac0d5b55de1696d4e3f224cba3839")]
    public void Hash_SampleModel_IsPinned(string name, string hash)
    {
        var actual = HealthModelDocument.CompileFile(Path.Combine(Models, name)).Hash;
        Assert.True(hash == actual, $"{name}: the hash is now {actual} (pinned {hash})");
    }

    [Fact]
    public void Hash_FormattingOrderSchemaAndWrittenDefaults_DoNotChangeIt()
    {
        var json = File.ReadAllText(Path.Combine(Models, "saas.en.json"));
        var original = HealthModelDocument.Compile(json).Hash;

        var rewritten = HealthModelDocument.Write(HealthModelDocument.Parse(json));
        var reordered = json.Replace("\"id\": \"saas_health\",", "// the id moves below\n", StringComparison.Ordinal)
            .Replace("\"minimumCoverage\": 0.5,", "\"minimumCoverage\": 0.5, \"id\": \"saas_health\",", StringComparison.Ordinal);
        var noSchema = json.Replace("\"$schema\": \"../model.schema.json\",", string.Empty, StringComparison.Ordinal);

        Assert.Equal(original, HealthModelDocument.Compile(rewritten).Hash);
        Assert.Equal(original, HealthModelDocument.Compile(reordered).Hash);
        Assert.Equal(original, HealthModelDocument.Compile(noSchema).Hash);
        Assert.Equal(original, HealthModelDocument.Compile(Encoding.UTF8.GetBytes(json.ReplaceLineEndings("\r\n"))).Hash);
    }

    [Theory]
    [InlineData("\"weight\": 20", "\"weight\": 21")]
    [InlineData("\"label\": \"Logins per week\"", "\"label\": \"Weekly logins\"")]
    [InlineData("\"lowerBound\": 40", "\"lowerBound\": 41")]
    [InlineData("tenure_days < 90", "tenure_days < 91")]
    [InlineData("\"id\": \"saas_health\",", "\"id\": \"saas_health\", \"texts\": { \"score\": \"Health\" },")]
    public void Hash_ChangeThatAltersAResultOrAText_ChangesIt(string find, string replace)
    {
        var json = File.ReadAllText(Path.Combine(Models, "saas.en.json"));
        Assert.Contains(find, json, StringComparison.Ordinal);

        var changed = json.Replace(find, replace, StringComparison.Ordinal);

        Assert.NotEqual(HealthModelDocument.Compile(json).Hash, HealthModelDocument.Compile(changed).Hash);
    }
}
