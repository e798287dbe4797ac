namespace HealthScore.Core.Tests;

/// <summary>Keeps an example a document shows the same as the code a test runs: the test's lines between two markers must all appear in the document.</summary>
internal static class DocumentedExample
{
    /// <summary>Asserts every line between <c>// {name} begins</c> and <c>// {name} ends</c> in <paramref name="testFile"/> appears in <paramref name="document"/>.</summary>
    public static void AssertShownIn(string document, string testFile, string name)
    {
        var source = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", testFile));
        var begin = Array.FindIndex(source, l => l.Trim() == $"// {name} begins");
        var end = Array.FindIndex(source, l => l.Trim() == $"// {name} ends");
        Assert.True(begin >= 0 && end > begin + 1, $"{testFile} has no lines between the markers of '{name}'.");
        foreach (var line in source[(begin + 1)..end])
        {
            Assert.Contains(line.Trim(), document, StringComparison.Ordinal);
        }
    }
}
