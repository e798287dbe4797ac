using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
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
                .AddGroup("support", "Support", 40, g => g.AddMetric("open_critical_tickets", "Open critical tickets", new LinearScoring(worst: 3, best: 0)))
                .AddPhase("onboarding", "Onboarding").AddPhase("adoption", "Adoption").WithDefaultPhase("adoption")
                .AddPhaseRule("new_account", "tenure_days < 90", "onboarding")                         // new accounts are judged as onboarding
                .AddBandException("critical_tickets", "metrics.open_critical_tickets >= 2", "at_risk") // at risk, whatever the score
                .AddAction(new ActionDefinition { Id = "call_about_tickets", Title = "Call about the open tickets", When = "metrics.open_critical_tickets >= 1" })
                .Build();
            var values = model.CreateValues();                        // one slot per metric, NaN = missing
            values[model.GetMetric("logins_per_week").Index] = 4;
            values[model.GetMetric("open_critical_tickets").Index] = 2;
            var facts = new AccountFacts(model.Account) { TenureDays = 40 };
            var health = new HealthEngine(model).Evaluate(new AccountInput { AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), MetricValues = values, Facts = facts });
            Console.WriteLine($"{health.Phase.Label} · {health.Result.Score} · {health.Result.Band.Label} (forced by {health.BandException?.Id}) · {health.Render(health.Actions[0])}");
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
