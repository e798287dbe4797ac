using HealthScore.Core.Actions;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Serialization;
using static HealthScore.Core.Tests.Pipeline.PipelineSamples;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>One account through <see cref="HealthEngine"/>: the documented order, and the history a snapshot carries.</summary>
public sealed class HealthEngineTests
{
    [Fact]
    public void Evaluate_NewAccountWithCriticalTickets_PhaseRuleBandExceptionAndActionsTakeEffect()
    {
        var engine = new HealthEngine(SampleModel);

        var health = engine.Evaluate(new AccountInput { AccountId = "acme", AsOf = AsOf, MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 40, "Acme", "email") });

        Assert.Equal("onboarding", health.Phase.Id);
        Assert.Equal(PhaseSource.Rule, health.PhaseSource);
        Assert.Equal("tenure_days < 90", health.PhaseRule?.Text);
        Assert.Equal("at_risk", health.Result.Band.Id);
        Assert.True(health.Result.IsBandForced);
        Assert.Equal("critical_tickets", health.BandException?.Id);
        Assert.Equal(["answer_escalations", "coach_setup"], health.Actions.ToArray().Select(a => a.RuleId));
        Assert.Equal(2, health.FiredCount);
        Assert.Equal(
            "Acme: logins per week 1.5, onboarding completed 0.4. Offer a setup session.",
            health.Render(health.Actions[1]));
        Assert.Contains(health.GetReadings(health.Actions[0]).ToArray(), r => r.ToString() == "metrics.escalations = 1");
        Assert.Null(health.Trend);
    }

    [Fact]
    public void Evaluate_HostGivesThePhase_PhaseRulesAreSkipped()
    {
        var engine = new HealthEngine(SampleModel);

        var health = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 40), Phase = SampleModel.GetPhase("renewal") });

        Assert.Equal("renewal", health.Phase.Id);
        Assert.Equal(PhaseSource.Given, health.PhaseSource);
        Assert.Null(health.PhaseRule);
        Assert.Contains(health.Actions.ToArray(), a => a.RuleId == "escalate_renewal_risk");
    }

    [Fact]
    public void Evaluate_NoRuleMatches_DefaultPhase()
    {
        var engine = new HealthEngine(SampleModel);

        var health = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Thriving(SampleModel), Facts = Facts(SampleModel, 200) });

        Assert.Equal(SampleModel.DefaultPhase.Id, health.Phase.Id);
        Assert.Same(health.Profile!.Scorecard.DefaultPhase, health.Phase);
        Assert.Equal(PhaseSource.Default, health.PhaseSource);
        Assert.Equal("healthy", health.Result.Band.Id);
        Assert.False(health.Result.IsBandForced);
        Assert.Null(health.BandException);
    }

    [Fact]
    public void Evaluate_CooldownCarriedBySnapshots_HeldBackInsideTheWindowAndFiresAfter()
    {
        var engine = new HealthEngine(SampleModel);
        var facts = Facts(SampleModel, 200);
        var values = Struggling(SampleModel);

        var first = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf, MetricValues = values, Facts = facts }).ToSnapshot();
        var second = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf.AddDays(3), MetricValues = values, Facts = facts, Previous = first }).ToSnapshot();
        var third = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf.AddDays(8), MetricValues = values, Facts = facts, Previous = second }).ToSnapshot();

        Assert.Equal(ActionStatus.Fired, Status(first, "answer_escalations"));
        Assert.Equal(ActionStatus.SuppressedByCooldown, Status(second, "answer_escalations"));
        Assert.Equal(ActionStatus.Fired, Status(third, "answer_escalations"));
        Assert.Equal([AsOf.AddDays(8)], third.Fired.Where(f => f.Id == "answer_escalations").Select(f => f.At));
    }

    [Fact]
    public void Evaluate_OpenActionInTheHostsSystem_HeldBackAsDuplicate()
    {
        var engine = new HealthEngine(SampleModel);

        var health = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 200), OpenActions = ["answer_escalations", "no_such_action"] });

        Assert.Equal(ActionStatus.SuppressedAsDuplicate, health.Actions.ToArray().Single(a => a.RuleId == "answer_escalations").Status);
    }

    [Fact]
    public void Evaluate_ConsecutiveMatchesCarriedBySnapshots_FiresOnTheThirdMatch()
    {
        var engine = new HealthEngine(SampleModel);
        var facts = Facts(SampleModel, 200, "Acme", "email");
        HealthSnapshot? previous = null;
        var statuses = new List<ActionStatus?>();
        for (var day = 0; day < 5; day++)
        {
            var health = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(day * 100), MetricValues = Thriving(SampleModel), Facts = facts, Previous = previous });
            previous = health.ToSnapshot();
            statuses.Add(previous.Actions.FirstOrDefault(a => a.Id == "thank_champion")?.Status);
        }

        // The first evaluation has no previous band; then the condition holds on the 2nd, 3rd and 4th (fires) and 5th (cooldown of 90 days is over).
        Assert.Equal([null, ActionStatus.WaitingForConsecutiveMatches, ActionStatus.WaitingForConsecutiveMatches, ActionStatus.Fired, ActionStatus.Fired], statuses);
        Assert.Equal(4, previous!.Actions.Single(a => a.Id == "thank_champion").ConsecutiveMatches);
    }

    [Fact]
    public void Evaluate_PhaseStays_PhaseSinceCarriedAndDaysInPhaseCount()
    {
        var engine = new HealthEngine(SampleModel);
        var values = Struggling(SampleModel);
        var first = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Facts = Facts(SampleModel, 40) }).ToSnapshot();

        var later = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(20), MetricValues = values, Facts = Facts(SampleModel, 60), Previous = first });
        var moved = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(60), MetricValues = values, Facts = Facts(SampleModel, 100), Previous = later.ToSnapshot() });

        Assert.Equal(AsOf, first.PhaseSince);
        Assert.Equal("onboarding", later.Phase.Id);
        Assert.Equal(AsOf, later.PhaseSince);
        Assert.Equal("adoption", moved.Phase.Id);
        Assert.Equal(AsOf.AddDays(60), moved.PhaseSince);
        Assert.True(moved.Trend?.PhaseChanged);
    }

    [Fact]
    public void Evaluate_WithPreviousSnapshot_TrendAgainstItMatchesTheModelsTrend()
    {
        var engine = new HealthEngine(SampleModel);
        var before = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 200) });
        var snapshot = before.ToSnapshot();
        var beforeContributions = before.Contributions.ToArray();
        var beforeResult = before.Result;

        var now = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(30), MetricValues = Thriving(SampleModel), Facts = Facts(SampleModel, 230), Previous = snapshot });
        var changes = new Core.Trend.MetricChange[SampleModel.Metrics.Count];
        var expected = SampleModel.Trend(beforeResult, beforeContributions, now.Result, now.Contributions, changes);

        Assert.NotNull(now.Trend);
        var trend = now.Trend.Value;
        Assert.False(trend.ModelChanged);
        Assert.Equal(expected.Delta, trend.Delta);
        Assert.Equal(expected.Direction, trend.Direction);
        Assert.Equal("at_risk", trend.PreviousBand.Id);
        Assert.Equal(changes[..expected.ChangeCount].Select(c => (c.MetricIndex, c.Points)), now.Changes.ToArray().Select(c => (c.MetricIndex, c.Points)));
        Assert.Equal(SampleModel.Explain(expected, changes.AsSpan(0, expected.ChangeCount)), now.ExplainTrend());
    }

    [Theory]
    [InlineData("reversed")]
    [InlineData("one missing")]
    [InlineData("one extra")]
    [InlineData("read-only")]
    public void Evaluate_PreviousMetricsInAnotherOrderOrShape_TrendEqualsTheOneFromTheSnapshotAsWritten(string shape)
    {
        var engine = new HealthEngine(SampleModel);
        var snapshot = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 200) }).ToSnapshot();
        var entries = snapshot.Metrics.ToList();
        IReadOnlyDictionary<string, double?> metrics = shape switch
        {
            "reversed" => new Dictionary<string, double?>(entries.AsEnumerable().Reverse(), StringComparer.Ordinal),
            "one missing" => new Dictionary<string, double?>(entries.Skip(1), StringComparer.Ordinal),
            "one extra" => new Dictionary<string, double?>(entries.Append(new("retired_metric", 3)), StringComparer.Ordinal),
            _ => new System.Collections.ObjectModel.ReadOnlyDictionary<string, double?>(new Dictionary<string, double?>(entries, StringComparer.Ordinal)),
        };
        var reshaped = snapshot with { Metrics = metrics };
        var expected = SlowTrend(reshaped);

        var health = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(30), MetricValues = Thriving(SampleModel), Facts = Facts(SampleModel, 230), Previous = reshaped });

        Assert.Equal(expected.Delta, health.Trend!.Value.Delta);
        Assert.Equal(expected.Changes, health.Changes.ToArray().Select(c => (c.MetricIndex, c.Points)));
        Assert.Equal(expected.Explained, health.ExplainTrend());

        // The same snapshot with its metrics behind an interface the engine cannot take apart: looked up one by one.
        (double? Delta, (int, double)[] Changes, string? Explained) SlowTrend(HealthSnapshot previous)
        {
            var opaque = previous with { Metrics = new System.Collections.ObjectModel.ReadOnlyDictionary<string, double?>(previous.Metrics.ToDictionary(StringComparer.Ordinal)) };
            var h = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(30), MetricValues = Thriving(SampleModel), Facts = Facts(SampleModel, 230), Previous = opaque });
            return (h.Trend!.Value.Delta, [.. h.Changes.ToArray().Select(c => (c.MetricIndex, c.Points))], h.ExplainTrend());
        }
    }

    [Fact]
    public void Evaluate_PreviousSnapshotFromAnotherModelVersion_TrendSaysSoAndExplainsOnlySharedMetrics()
    {
        var text = File.ReadAllText(SampleModelTests.SamplePath("saas.en.json"));
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        document["version"] = "next";
        document["groups"]![0]!["metrics"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "api_calls", "label": "API calls", "scoring": { "type": "linear", "worst": 0, "best": 100 } }"""));
        var next = HealthModelDocument.Compile(document.ToJsonString());
        var old = engineFor(SampleModel).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Thriving(SampleModel), Facts = Facts(SampleModel, 200) }).ToSnapshot();

        var values = next.CreateValues();
        foreach (var metric in SampleModel.Metrics)
        {
            values[next.GetMetric(metric.Id).Index] = old.Metrics[metric.Id] ?? double.NaN;
        }

        values[next.GetMetric("logins_per_week").Index] = 1;
        values[next.GetMetric("api_calls").Index] = 100;
        var health = engineFor(next).Evaluate(new AccountInput { AsOf = AsOf.AddDays(30), MetricValues = values, Facts = new AccountFacts(next.Account) { TenureDays = 230 }, Previous = old });

        var trend = health.Trend!.Value;
        Assert.True(trend.ModelChanged);
        Assert.Equal("healthy", trend.PreviousBand.Id);
        Assert.Equal(old.Score, health.Result.Score - trend.Delta);
        Assert.DoesNotContain(health.Changes.ToArray(), c => next.Metrics[c.MetricIndex].Id == "api_calls");
        Assert.Contains(health.Changes.ToArray(), c => next.Metrics[c.MetricIndex].Id == "logins_per_week");
        Assert.Contains("model changed", health.ExplainTrend(), StringComparison.Ordinal);

        static HealthEngine engineFor(Core.Model.HealthModel model) => new(model);
    }

    [Fact]
    public void Evaluate_FactsFromTheRecordsAccount_ReadByTheSchema()
    {
        var engine = new HealthEngine(SampleModel, Core.Metrics.MetricProviderSet.Create(SampleModel,
        [
            new Core.Metrics.UsageProvider(new Core.Metrics.UsageProviderOptions { AvailableFeatures = ["reports", "alerts"] }), new Core.Metrics.SupportProvider(),
            new Core.Metrics.SatisfactionProvider(), new Core.Metrics.EngagementProvider(), new Core.Metrics.OnboardingProvider(), new Core.Metrics.ValueProvider(),
            new EnteredSentimentProvider(),
        ]));
        var account = new Core.Metrics.Account
        {
            Id = "acme", Name = "Acme", ContractStart = AsOf.AddDays(-30), Consents = ["email", "not-declared"],
            Fields = new Dictionary<string, string> { ["seats"] = "12", ["crm_owner"] = "kim" },
        };

        var health = engine.Evaluate(new AccountInput { AsOf = AsOf, Records = new Core.Metrics.AccountRecords { Account = account }, MetricValues = Struggling(SampleModel) });

        Assert.Equal("onboarding", health.Phase.Id);
        Assert.Equal(ActionStatus.Fired, health.Actions.ToArray().Single(a => a.RuleId == "coach_setup").Status);
        Assert.StartsWith("Acme: ", health.Render(health.Actions.ToArray().Single(a => a.RuleId == "coach_setup")), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BadInputs_ClearArgumentErrors()
    {
        var engine = new HealthEngine(SampleModel);
        var other = new HealthEngine(TestModels.Saas());
        var values = Struggling(SampleModel);
        var snapshot = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf, MetricValues = values }).ToSnapshot();

        Assert.Contains("another engine", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values }, other.CreateWorkspace())).Message, StringComparison.Ordinal);
        Assert.Contains("metrics", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = new double[3] })).Message, StringComparison.Ordinal);
        Assert.Contains("after the as-of date", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf.AddDays(-1), MetricValues = values, Previous = snapshot })).Message, StringComparison.Ordinal);
        Assert.Contains("account 'a'", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AccountId = "b", AsOf = AsOf, MetricValues = values, Previous = snapshot })).Message, StringComparison.Ordinal);
        Assert.Contains("no providers", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AsOf = AsOf, Records = new Core.Metrics.AccountRecords() })).Message, StringComparison.Ordinal);
        Assert.Contains("another model", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Phase = other.Model.DefaultPhase })).Message, StringComparison.Ordinal);
        Assert.Contains("account schema", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Facts = new AccountFacts(other.Model.Account) })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ImplicitDefaultPhaseGiven_Accepted()
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(SampleModelTests.SamplePath("saas.en.json")));
        definition.DefaultPhase = null;
        var model = Core.Model.HealthModel.Compile(definition);

        var health = new HealthEngine(model).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Thriving(model), Phase = model.DefaultPhase });

        Assert.Equal(PhaseSource.Given, health.PhaseSource);
        Assert.Same(health.Profile!.Scorecard.DefaultPhase, health.Phase);
        Assert.Equal(model.DefaultPhase.Id, health.Phase.Id);
    }

    [Fact]
    public void Evaluate_PreviousWithoutPhaseOrBand_ClearError()
    {
        var engine = new HealthEngine(SampleModel);
        var snapshot = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Thriving(SampleModel) }).ToSnapshot();

        Assert.Contains("no phase, band", Assert.Throws<ArgumentException>(() => engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Thriving(SampleModel), Previous = snapshot with { Band = null! } })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConsecutiveMatchesAtTheLimit_DoesNotOverflow()
    {
        var engine = new HealthEngine(SampleModel);
        var facts = Facts(SampleModel, 200, "Acme", "email");
        var first = engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Thriving(SampleModel), Facts = facts }).ToSnapshot();
        var second = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(1), MetricValues = Thriving(SampleModel), Facts = facts, Previous = first }).ToSnapshot();
        var saturated = second with { Actions = [.. second.Actions.Select(a => a with { ConsecutiveMatches = int.MaxValue })] };

        var next = engine.Evaluate(new AccountInput { AsOf = AsOf.AddDays(2), MetricValues = Thriving(SampleModel), Facts = facts, Previous = saturated }).ToSnapshot();

        Assert.Equal(ActionStatus.Fired, Status(next, "thank_champion"));
        Assert.Equal(int.MaxValue, next.Actions.Single(a => a.Id == "thank_champion").ConsecutiveMatches);
    }

    private static ActionStatus? Status(HealthSnapshot snapshot, string id) => snapshot.Actions.FirstOrDefault(a => a.Id == id)?.Status;
}
