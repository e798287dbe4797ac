using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Serialization;

namespace HealthScore.Core.Tests;

/// <summary>Keeps the pipeline example that opens docs/concepts.md compiling, and what it prints true.</summary>
public sealed class ConceptsExampleTests
{
    [Fact]
    public void PipelineExample_PhaseRuleBandExceptionAndActionsTakeEffect_AsTheDocumentShows()
    {
        var model = HealthModelDocument.CompileFile(SampleModelTests.SamplePath("saas.en.json"));
        var output = new StringWriter();
        Run(model, output);

        var document = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "concepts.md"));
        DocumentedExample.AssertShownIn(document, "ConceptsExampleTests.cs", "concepts.md example");

        var printed = output.ToString().ReplaceLineEndings("\n").Trim();
        Assert.Contains("Onboarding (tenure_days < 90)", printed, StringComparison.Ordinal);
        Assert.Contains("At risk", printed, StringComparison.Ordinal);
        Assert.Contains("```text\n" + printed + "\n```", document.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static void Run(HealthModel model, TextWriter console)
    {
        // concepts.md example begins
        var engine = new HealthEngine(model);
        var facts = new AccountFacts(model.Account) { TenureDays = 40, DaysToRenewal = 325 };
        facts.SetText("name", "Acme");
        facts.SetConsent("email");
        var values = model.CreateValues(); // one slot per metric of model.Metrics, NaN = missing
        values[model.GetMetric("logins_per_week").Index] = 1.5;
        values[model.GetMetric("active_days").Index] = 9;
        values[model.GetMetric("feature_breadth").Index] = 0.3;
        values[model.GetMetric("days_since_last_activity").Index] = 2;
        values[model.GetMetric("open_high_severity_tickets").Index] = 2;
        values[model.GetMetric("escalations").Index] = 1;
        values[model.GetMetric("touches").Index] = 4;
        values[model.GetMetric("onboarding_completion").Index] = 0.4;

        var health = engine.Evaluate(new AccountInput { AccountId = "acme", AsOf = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), MetricValues = values, Facts = facts });

        console.WriteLine($"{health.Phase.Label} ({health.PhaseRule})");
        console.WriteLine(health.Explain());
        console.WriteLine($"band forced by: {health.BandException?.Id}");
        foreach (var action in health.Actions)
        {
            console.WriteLine($"{action.Status} {action.RuleId}: {health.Render(action)}");
        }
        // concepts.md example ends
    }
}
