namespace HealthScore.Core.Tests.Profiles;

/// <summary>Keeps the model shown in docs/concepts.md, "Profiles", the one <see cref="ProfileScoringTests"/> works by hand.</summary>
public sealed class ProfileDocsTests
{
    [Fact]
    public void ConceptsProfilesSection_ShowsTheTestedModel()
    {
        var document = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "concepts.md"));
        var source = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Profiles", "ProfileModels.cs"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// profiles example begins");
        var end = Array.FindIndex(source, l => l.Trim() == "// profiles example ends");
        Assert.True(begin >= 0 && end > begin + 3);
        foreach (var line in source[(begin + 2)..(end - 1)])
        {
            Assert.Contains(line.Trim(), document, StringComparison.Ordinal);
        }

        Assert.Contains("**71.67 → 72**", document, StringComparison.Ordinal);
        Assert.Contains("(3 × 0.8 + 0.6) / 4 | **75** | Healthy", document, StringComparison.Ordinal);
        Assert.Contains("(0.5 + 2 × 0.8) / 3 | **70** | Watch", document, StringComparison.Ordinal);
    }
}
