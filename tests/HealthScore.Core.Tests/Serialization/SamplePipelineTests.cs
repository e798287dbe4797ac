using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>One account through the English sample model: phase rules, score, band exception, actions and messages.</summary>
public sealed class SamplePipelineTests
{
    [Fact]
    public void SampleModel_NewAccountWithCriticalTickets_OnboardingAtRiskRespondAndCoach()
    {
        var model = HealthModelDocument.CompileFile(SampleModelTests.SamplePath("saas.en.json"));
        var values = model.CreateValues();
        void Set(string id, double value) => values[model.GetMetric(id).Index] = value;
        Set("logins_per_week", 1.5);
        Set("active_days", 9);
        Set("feature_breadth", 0.3);
        Set("days_since_last_activity", 2);
        Set("open_high_severity_tickets", 2);
        Set("escalations", 1);
        Set("touches", 4);
        Set("onboarding_completion", 0.4);
        var numbers = model.Account.CreateNumbers();
        var texts = new string?[model.Account.TextCount];
        Assert.True(model.Account.TryGetField("name", out var name));
        texts[name.Index] = "Acme";
        var consents = new bool[model.Account.Consents.Count];
        consents[0] = true; // email

        var facts = new RuleContext { MetricValues = values, TenureDays = 40, DaysToRenewal = 325, Numbers = numbers, Texts = texts, Consents = consents };
        var phase = model.PhaseRules.Resolve(facts);
        var contributions = new MetricContribution[model.Metrics.Count];
        var scored = model.Score(values, phase, contributions, []);
        var context = facts with { Result = scored };
        var result = scored.WithBand(model.BandExceptions.Apply(context));
        context = context with { Result = result };
        var fired = new MatchedAction[model.Actions.Rules.Count];
        var readings = new RuleReading[fired.Length * model.Actions.MaxReadingsPerAction];
        var outcome = model.Actions.Evaluate(context, new ActionHistory { AsOf = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero) }, fired, readings);

        Assert.Equal("onboarding", phase.Id);
        Assert.True(result.IsBandForced);
        Assert.Equal("at_risk", result.Band.Id);
        Assert.Equal(["answer_escalations", "coach_setup"], fired[..outcome.Count].Select(f => f.RuleId));
        Assert.All(fired[..outcome.Count], f => Assert.Equal(ActionStatus.Fired, f.Status));
        Assert.Equal(
            "Acme logs in 1.5 times a week and has completed 0.4 of onboarding: offer a setup session.",
            model.Actions.Render(fired[1], context));
    }
}
