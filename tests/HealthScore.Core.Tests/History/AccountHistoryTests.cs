using HealthScore.Core.Actions;
using HealthScore.Core.History;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Serialization;

namespace HealthScore.Core.Tests.History;

public sealed class AccountHistoryTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly HealthModel Model = HealthModelDocument.CompileFile(SampleModelTests.SamplePath("saas.en.json"));

    [Fact]
    public async Task ApplyTo_EvaluationsThroughAStore_TrendCooldownDeduplicationAndConsecutiveMatchesFromThePast()
    {
        var store = new InMemoryHealthHistoryStore();
        var engine = new HealthEngine(Model);

        var first = await Evaluate(store, engine, 0, logins: 4.5);
        Assert.Equal("healthy", first.Band);
        Assert.Equal(ActionStatus.Fired, Status(first, "answer_escalations"));
        Assert.DoesNotContain(first.Actions, static a => a.Id == "thank_champion"); // no previous band yet

        // Still open in the host's system: not fired again, and the trend is against day 0.
        var second = await Evaluate(store, engine, 7, logins: 4);
        Assert.Equal(ActionStatus.SuppressedAsDuplicate, Status(second, "answer_escalations"));
        Assert.Equal((ActionStatus.WaitingForConsecutiveMatches, 1), Match(second, "thank_champion"));
        Assert.True(second.Score < first.Score);

        // Resolved on day 8: no longer open, but its cooldown (once in 7 days) runs from the day-0 firing, so day 9 may fire.
        Assert.Equal(1, await store.CloseActionAsync("acme", "answer_escalations", new ActionClosure(ActionClosureKind.Resolved, Day0.AddDays(8), "support")));
        var third = await Evaluate(store, engine, 9, logins: 4);
        Assert.Equal(ActionStatus.Fired, Status(third, "answer_escalations"));
        Assert.Equal((ActionStatus.WaitingForConsecutiveMatches, 2), Match(third, "thank_champion"));

        Assert.Equal(1, await store.CloseActionAsync("acme", "answer_escalations", new ActionClosure(ActionClosureKind.Closed, Day0.AddDays(10))));
        var fourth = await Evaluate(store, engine, 12, logins: 4);
        Assert.Equal(ActionStatus.SuppressedByCooldown, Status(fourth, "answer_escalations")); // fired on day 9
        Assert.Equal((ActionStatus.Fired, 3), Match(fourth, "thank_champion"));

        // An earlier as-of evaluated afterwards sees only what came before it: the same as day 7 evaluated then.
        var again = await Evaluate(store, engine, 7, logins: 4, append: false);
        Assert.Equal(HealthSnapshotJson.Write(second), HealthSnapshotJson.Write(again));
    }

    [Fact]
    public async Task DocumentedExample_OneEvaluationThroughAStore_ReadsEvaluatesAndAppends()
    {
        var store = new InMemoryHealthHistoryStore();
        await store.AddManualInputAsync("acme", new ManualInput("csm_sentiment", "red", Day0.AddDays(-3), "ken"));
        var model = Model;
        var engine = new HealthEngine(model);
        var ct = CancellationToken.None;
        AccountHealth? last = null;
        foreach (var asOf in (DateTimeOffset[])[Day0, Day0.AddDays(7)])
        {
            // history-store example begins
            var stored = await store.ReadAsync("acme", asOf, ct);
            var values = model.CreateValues();          // your metric values (NaN = missing) …
            var observedAt = new DateTimeOffset[values.Length];
            stored.WriteManualInputs(model, values, observedAt);   // … and the latest manual input of each metric
            var health = engine.Evaluate(stored.ApplyTo(new AccountInput { AccountId = "acme", AsOf = asOf, MetricValues = values, ObservedAt = observedAt }));
            await store.AppendAsync(health.ToSnapshot(), ct);
            // history-store example ends
            last = health;
        }

        DocumentedExample.AssertShownIn(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "history-store.md")), "History/AccountHistoryTests.cs", "history-store example");
        Assert.Equal(Day0, last!.Previous!.AsOf);
        Assert.Equal(Model.GetMetric("csm_sentiment").CategoryValue("red"), last.MetricValues[Model.GetMetric("csm_sentiment").Index]);
        Assert.Equal(2, (await store.ReadAsync("acme")).Snapshots.Count);
    }

    [Fact]
    public void ApplyTo_StoredOverridesAndOpenActions_ReplaceTheInputs()
    {
        var previous = new HealthSnapshot
        {
            AccountId = "acme", AsOf = Day0, ModelId = "m", ModelVersion = "1", ModelHash = "h", Phase = "adoption", Band = "watch",
            Overrides = [HealthOverride.ForScore(90, "old", Day0)],
        };
        var history = new AccountHistory("acme", [previous], [new ActionRecord { AccountId = "acme", ActionId = "coach_setup", AsOf = Day0, ModelHash = "h", Status = ActionStatus.Fired }], [], [], Day0.AddDays(1));

        var input = history.ApplyTo(new AccountInput { AsOf = Day0.AddDays(1), Overrides = [HealthOverride.ForBand("healthy", "x", Day0)], OpenActions = ["other"] });

        Assert.Equal("acme", input.AccountId);
        Assert.Empty(input.Overrides!); // the store holds none: the snapshot's carried-over override ends too
        Assert.Equal(["coach_setup"], input.OpenActions!);
        Assert.Same(previous, input.History!.Latest);
        Assert.Throws<ArgumentException>(() => history.ApplyTo(new AccountInput { AccountId = "globex", AsOf = Day0.AddDays(1) }));
        Assert.Throws<ArgumentException>(() => history.ApplyTo(new AccountInput { AsOf = Day0.AddDays(-1) }));
        Assert.Throws<ArgumentException>(() => new AccountHistory("acme", [previous with { AccountId = "globex" }], [], [], []));
    }

    [Fact]
    public void WriteManualInputs_LatestReadableInputPerMetric_SkipsWhatTheModelCannotRead()
    {
        ManualInput[] inputs =
        [
            new("csm_sentiment", "green", Day0),
            new("csm_sentiment", "red", Day0.AddDays(3), "ken"),
            new("csm_sentiment", "purple", Day0.AddDays(5)), // not a category: the red one stays
            new("nps", 20, Day0.AddDays(1)),
            new("nps", 35, Day0.AddDays(2)),
            new("retired_metric", 3, Day0.AddDays(2)),
            new("nps", 99, Day0.AddDays(30)), // observed after the as-of date
        ];
        var history = new AccountHistory("acme", [], [], [], inputs, Day0.AddDays(10));
        var values = Model.CreateValues();
        var observed = new DateTimeOffset[Model.Metrics.Count];

        Assert.Equal(2, history.WriteManualInputs(Model, values, observed));

        var sentiment = Model.GetMetric("csm_sentiment");
        Assert.Equal(sentiment.CategoryValue("red"), values[sentiment.Index]);
        Assert.Equal(Day0.AddDays(3), observed[sentiment.Index]);
        Assert.Equal(35, values[Model.GetMetric("nps").Index]);
        Assert.Equal(2, values.Count(double.IsFinite));
        Assert.Throws<ArgumentException>(() => history.WriteManualInputs(Model, new double[2], []));
        Assert.Throws<ArgumentException>(() => new ManualInput("nps", double.NaN, Day0));
    }

    private static async Task<HealthSnapshot> Evaluate(InMemoryHealthHistoryStore store, HealthEngine engine, int day, double logins, bool append = true)
    {
        var asOf = Day0.AddDays(day);
        var stored = await store.ReadAsync("acme", asOf);
        var facts = new AccountFacts(Model.Account) { TenureDays = 400 + day, DaysToRenewal = 300 - day };
        facts.SetText("name", "Acme");
        facts.SetConsent("email");
        var values = Model.CreateValues();
        values[Model.GetMetric("logins_per_week").Index] = logins;
        values[Model.GetMetric("active_days").Index] = 18;
        values[Model.GetMetric("feature_breadth").Index] = 0.6;
        values[Model.GetMetric("days_since_last_activity").Index] = 1;
        values[Model.GetMetric("escalations").Index] = 1;
        values[Model.GetMetric("open_high_severity_tickets").Index] = 0;
        values[Model.GetMetric("nps").Index] = 60;
        values[Model.GetMetric("touches").Index] = 12;
        values[Model.GetMetric("onboarding_completion").Index] = 1;
        var health = engine.Evaluate(stored.ApplyTo(new AccountInput { AccountId = "acme", AsOf = asOf, Facts = facts, MetricValues = values }));
        var snapshot = health.ToSnapshot();
        if (append)
        {
            Assert.True(await store.AppendAsync(snapshot));
        }

        return snapshot;
    }

    private static ActionStatus? Status(HealthSnapshot snapshot, string id) => snapshot.Actions.FirstOrDefault(a => a.Id == id)?.Status;

    private static (ActionStatus, int) Match(HealthSnapshot snapshot, string id) => snapshot.Actions.Where(a => a.Id == id).Select(static a => (a.Status, a.ConsecutiveMatches)).Single();
}
