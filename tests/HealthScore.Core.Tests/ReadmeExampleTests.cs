using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests;

/// <summary>Keeps the README's example compiling and its printed line true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_RunsAndPrintsTheLineShown()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // README example begins
            var model = new HealthModelBuilder()
                .AddBand("at_risk", "At risk", "#C62828", 0).AddBand("watch", "Watch", "#F9A825", 40).AddBand("healthy", "Healthy", "#2E7D32", 70)
                .AddGroup("usage", "Usage", 60, g => g.AddMetric("logins_per_week", "Logins per week", new LinearScoring(worst: 0, best: 5)))
                .AddGroup("satisfaction", "Satisfaction", 40, g => g.AddMetric("nps", "NPS", new LinearScoring(worst: -100, best: 100)))
                .Build();
            var values = model.CreateValues();                       // one slot per metric, NaN = missing
            values[model.GetMetric("logins_per_week").Index] = 2;     // NPS stays missing: its weight is redistributed
            var contributions = new MetricContribution[model.Metrics.Count];
            var result = model.Score(values, model.DefaultPhase, contributions, []);
            Console.WriteLine(model.Explain(result, contributions));
            // README example ends
        }
        finally
        {
            Console.SetOut(console);
        }

        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "README.md"));
        var source = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "ReadmeExampleTests.cs"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README example begins");
        var end = Array.FindIndex(source, l => l.Trim() == "// README example ends");
        foreach (var line in source[(begin + 1)..end])
        {
            Assert.Contains(line.Trim(), readme, StringComparison.Ordinal);
        }

        Assert.Contains("// " + output.ToString().Trim(), readme, StringComparison.Ordinal);
    }
}
