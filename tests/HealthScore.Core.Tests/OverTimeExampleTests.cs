using System.Text.RegularExpressions;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests;

/// <summary>Keeps the "Health over time" example of docs/concepts.md true: its model, its code and what it prints.</summary>
public sealed partial class OverTimeExampleTests
{
    private static string Concepts() => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "concepts.md")).ReplaceLineEndings("\n");

    [GeneratedRegex("<!-- over-time model -->\n```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ModelBlock();

    [Fact]
    public void OverTimeExample_StaleSentimentAdjustmentAndOverride_PrintWhatTheDocumentShows()
    {
        var document = Concepts();
        var match = ModelBlock().Match(document);
        Assert.True(match.Success, "docs/concepts.md has no over-time model block.");
        var model = HealthModelDocument.Compile(match.Groups[1].Value);
        var output = new StringWriter();
        Run(model, output);

        DocumentedExample.AssertShownIn(document, "OverTimeExampleTests.cs", "over-time example");
        var printed = output.ToString().ReplaceLineEndings("\n").Trim();
        Assert.Contains("```text\n" + printed + "\n```", document, StringComparison.Ordinal);

        // The numbers the document works out by hand.
        Assert.Contains("Score 9 · Watch", printed, StringComparison.Ordinal);
        Assert.Contains("computed 9 · At risk", printed, StringComparison.Ordinal);
        Assert.Contains("coverage 75%", printed, StringComparison.Ordinal);
    }

    private static void Run(HealthModel model, TextWriter console)
    {
        // over-time example begins
        var asOf = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var usage = model.GetMetric("usage");
        var sentiment = model.GetMetric("sentiment");
        var values = model.CreateValues();
        values[usage.Index] = 1.9;
        values[sentiment.Index] = sentiment.CategoryValue("green");
        var observed = new DateTimeOffset[model.Metrics.Count];
        observed[sentiment.Index] = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var overrides = new[]
        {
            HealthOverride.ForBand("watch", "aiko.sato", asOf.AddDays(-4), asOf.AddDays(26), "Renewal call went well"),
        };

        var health = new HealthEngine(model).Evaluate(new AccountInput
        {
            AccountId = "acme", AsOf = asOf, MetricValues = values, ObservedAt = observed, Overrides = overrides,
        });

        console.WriteLine(health.Explain());
        console.WriteLine($"computed: {health.ComputedResult.Score} {health.ComputedResult.Band.Id}; stale since {health.GetStaleSince(sentiment):yyyy-MM-dd}");
        foreach (var adjustment in health.Adjustments)
        {
            console.WriteLine($"{adjustment.Adjustment.Id}: {adjustment.Points}");
        }
        // over-time example ends
    }
}
