using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using Workflow = RulesEngine.Models.Workflow;
using RulesEngineRule = RulesEngine.Models.Rule;

namespace HealthScore.Benchmarks;

/// <summary>
/// The same 20 action rules written for HealthScore's engine and for Microsoft RulesEngine, over the same generated
/// accounts. Shared by the benchmark and by the test that checks both engines fire the same rules.
/// </summary>
public sealed class ActionRuleSet
{
    /// <summary>Each rule: id, condition in HealthScore's language, the same condition as a RulesEngine lambda expression.</summary>
    public static readonly (string Id, string Condition, string RulesEngineExpression)[] Rules =
    [
        ("at_risk_call", "band == \"at_risk\" && days_to_renewal < 120", "a.Band == \"at_risk\" && a.DaysToRenewal < 120"),
        ("onboarding_low_usage", "phase == \"onboarding\" && metrics.logins < 2", "a.Phase == \"onboarding\" && a.Logins < 2"),
        ("score_drop", "delta <= -10", "a.Delta <= -10"),
        ("nps_detractor", "metrics.nps < 0", "a.Nps < 0"),
        ("nps_unanswered", "isMissing(metrics.nps) && tenure_days > 90", "a.Nps != a.Nps && a.TenureDays > 90"),
        ("critical_ticket", "metrics.critical_tickets >= 1", "a.CriticalTickets >= 1"),
        ("celebrate", "band == \"healthy\" && score >= 85", "a.Band == \"healthy\" && a.Score >= 85"),
        ("expansion", "band == \"healthy\" && account.seats >= 50 && metrics.features >= 15", "a.Band == \"healthy\" && a.Seats >= 50 && a.Features >= 15"),
        ("renewal_prep", "phase == \"renewal\" && days_to_renewal between 30 and 90", "a.Phase == \"renewal\" && a.DaysToRenewal >= 30 && a.DaysToRenewal <= 90"),
        ("enterprise_watch", "account.segment == \"enterprise\" && band == \"watch\"", "a.Segment == \"enterprise\" && a.Band == \"watch\""),
        ("smb_coach", "account.segment in [\"smb\", \"mid\"] && metrics.features < 5", "(a.Segment == \"smb\" || a.Segment == \"mid\") && a.Features < 5"),
        ("low_coverage", "coverage < 0.6", "a.Coverage < 0.6"),
        ("inactive", "metrics.logins == 0 && tenure_days > 30", "a.Logins == 0 && a.TenureDays > 30"),
        ("feature_tip", "metrics.features between 3 and 8 && consent.email", "a.Features >= 3 && a.Features <= 8 && a.EmailConsent"),
        ("ticket_and_detractor", "metrics.critical_tickets >= 1 && metrics.nps < 20", "a.CriticalTickets >= 1 && a.Nps < 20"),
        ("big_swing", "abs(delta) >= 15", "Math.Abs(a.Delta) >= 15"),
        ("barely_used", "min(metrics.logins, metrics.features) < 1", "Math.Min(a.Logins, a.Features) < 1"),
        ("fast_starter", "tenure_days < 90 && metrics.logins >= 8", "a.TenureDays < 90 && a.Logins >= 8"),
        ("adoption_stall", "phase == \"adoption\" && score between 40 and 60 && delta < 0", "a.Phase == \"adoption\" && a.Score >= 40 && a.Score <= 60 && a.Delta < 0"),
        ("automated_report", "!(band == \"at_risk\") && consent.email && score > 70", "!(a.Band == \"at_risk\") && a.EmailConsent && a.Score > 70"),
    ];

    /// <summary>The model the 20 rules read: three groups (usage, satisfaction, support), three bands, three phases.</summary>
    /// <param name="id">The model's id.</param>
    /// <param name="label">The model's name.</param>
    /// <returns>The compiled model.</returns>
    public static HealthModel CreateModel(string id, string label) => CreateBuilder(id, label).Build();

    private static HealthModelBuilder CreateBuilder(string id, string label) => new HealthModelBuilder()
        .WithId(id, label)
        .WithMinimumCoverage(0.3)
        .AddBand("at_risk", "At risk", "#C62828", 0)
        .AddBand("watch", "Watch", "#F9A825", 40)
        .AddBand("healthy", "Healthy", "#2E7D32", 70)
        .AddGroup("usage", "Usage", 50, g => g
            .AddMetric("logins", "Logins per week", new LinearScoring(worst: 0, best: 10))
            .AddMetric("features", "Features used", new LinearScoring(worst: 0, best: 20)))
        .AddGroup("satisfaction", "Satisfaction", 30, g => g
            .AddMetric("nps", "NPS", new LinearScoring(worst: -100, best: 100)))
        .AddGroup("support", "Support", 20, g => g
            .AddMetric("critical_tickets", "Open critical tickets", new LinearScoring(worst: 5, best: 0)))
        .AddPhase("onboarding", "Onboarding")
        .AddPhase("adoption", "Adoption")
        .AddPhase("renewal", "Renewal")
        .WithDefaultPhase("adoption");

    /// <summary>
    /// <paramref name="count"/> rules for the rule-count benchmarks: the 20 rules of <see cref="Rules"/>, then rules that
    /// join two of them with <c>&amp;&amp;</c> or <c>||</c> (chosen from a fixed seed), as real rule sets reuse the same
    /// conditions; so the elementary tests stay the 20 rules' tests whatever the count.
    /// </summary>
    /// <param name="count">How many rules, at least 1.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The rules: id, condition, the same condition for RulesEngine.</returns>
    public static (string Id, string Condition, string RulesEngineExpression)[] CombinedRules(int count, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        var rules = new (string Id, string Condition, string RulesEngineExpression)[count];
        for (var k = 0; k < count; k++)
        {
            if (k < Rules.Length)
            {
                rules[k] = Rules[k];
                continue;
            }

            var a = Rules[random.Next(Rules.Length)];
            var b = Rules[random.Next(Rules.Length)];
            var join = k % 2 == 0 ? "&&" : "||";
            rules[k] = ($"combined_{k}", $"({a.Condition}) {join} ({b.Condition})", $"({a.RulesEngineExpression}) {join} ({b.RulesEngineExpression})");
        }

        return rules;
    }

    private ActionRuleSet(int accountCount, int seed, (string Id, string Condition, string RulesEngineExpression)[] definitions)
    {
        Definitions = definitions;
        var builder = CreateBuilder("bench", "Benchmark").WithAccount(static a =>
        {
            a.Texts.Add("segment");
            a.Numbers.Add("seats");
            a.Consents.Add("email");
        });
        for (var i = 0; i < definitions.Length; i++)
        {
            builder.AddAction(new ActionDefinition { Id = definitions[i].Id, Title = definitions[i].Id, When = definitions[i].Condition, Priority = i });
        }

        Model = builder.Build();
        Schema = Model.Account;
        Engine = Model.Actions;

        var rules = new RulesEngineRule[definitions.Length];
        for (var i = 0; i < definitions.Length; i++)
        {
            rules[i] = new RulesEngineRule { RuleName = definitions[i].Id, Expression = definitions[i].RulesEngineExpression, RuleExpressionType = global::RulesEngine.Models.RuleExpressionType.LambdaExpression };
        }

        RulesEngine = new global::RulesEngine.RulesEngine([new Workflow { WorkflowName = "actions", Rules = rules }]);

        var random = new Random(seed);
        string[] segments = ["smb", "mid", "enterprise"];
        var accounts = new AccountData[accountCount];
        for (var a = 0; a < accountCount; a++)
        {
            var values = Model.CreateValues();
            values[0] = Maybe(random, random.Next(0, 12));
            values[1] = Maybe(random, random.Next(0, 21));
            values[2] = random.Next(3) == 0 ? double.NaN : random.Next(-100, 101);
            values[3] = Maybe(random, random.Next(0, 4) == 0 ? random.Next(1, 4) : 0);
            var previousValues = (double[])values.Clone();
            previousValues[0] = Maybe(random, random.Next(0, 12));
            previousValues[2] = random.Next(2) == 0 ? double.NaN : random.Next(-100, 101);
            var phase = Model.Phases[random.Next(Model.Phases.Count)];
            var groups = new GroupScore[Model.Groups.Count];
            var result = Model.Score(values, phase, new MetricContribution[Model.Metrics.Count], groups);
            var previous = Model.Score(previousValues, phase);
            accounts[a] = new AccountData(
                values,
                groups,
                result,
                random.Next(5) == 0 ? null : previous,
                random.Next(0, 1500),
                random.Next(10) == 0 ? null : random.Next(-30, 365),
                [random.Next(0, 120)],
                [segments[random.Next(segments.Length)]],
                [random.Next(2) == 0]);
        }

        Accounts = accounts;
    }

    /// <summary>Gets the model the rules are checked against.</summary>
    public HealthModel Model { get; }

    /// <summary>Gets the account schema: segment (text), seats (number), consent email.</summary>
    public AccountSchema Schema { get; }

    /// <summary>Gets HealthScore's compiled engine.</summary>
    public ActionEngine Engine { get; }

    /// <summary>Gets RulesEngine with the same rules in the workflow <c>actions</c>.</summary>
    public global::RulesEngine.RulesEngine RulesEngine { get; }

    /// <summary>Gets the generated accounts.</summary>
    public IReadOnlyList<AccountData> Accounts { get; }

    /// <summary>Creates the rule set and <paramref name="accountCount"/> accounts from a fixed seed.</summary>
    /// <param name="accountCount">How many accounts to generate.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The rule set.</returns>
    public static ActionRuleSet Create(int accountCount, int seed = 42) => new(accountCount, seed, Rules);

    /// <summary>Creates a rule set with the given rules and <paramref name="accountCount"/> accounts from a fixed seed.</summary>
    /// <param name="accountCount">How many accounts to generate.</param>
    /// <param name="rules">The rules, for example from <see cref="CombinedRules"/>.</param>
    /// <param name="seed">The random seed of the accounts.</param>
    /// <returns>The rule set.</returns>
    public static ActionRuleSet Create(int accountCount, (string Id, string Condition, string RulesEngineExpression)[] rules, int seed = 42) => new(accountCount, seed, rules);

    /// <summary>Runs Microsoft RulesEngine's <c>ExecuteAllRulesAsync</c> per input, counting the rules that matched.</summary>
    /// <param name="inputs">The accounts as RulesEngine reads them.</param>
    /// <returns>How many rules matched over all inputs.</returns>
    public async Task<int> RunRulesEngineAsync(RulesEngineInput[] inputs)
    {
        var matched = 0;
        foreach (var input in inputs)
        {
            var results = await RulesEngine.ExecuteAllRulesAsync("actions", new global::RulesEngine.Models.RuleParameter("a", input)).ConfigureAwait(false);
            foreach (var result in results)
            {
                matched += result.IsSuccess ? 1 : 0;
            }
        }

        return matched;
    }

    /// <summary>Runs the action engine for every account into reused buffers, counting the rules that matched.</summary>
    /// <param name="fired">The matched-actions buffer, one slot per rule.</param>
    /// <param name="readings">The readings buffer; empty for no readings.</param>
    /// <returns>How many rules matched over all accounts.</returns>
    public int RunEngine(MatchedAction[] fired, RuleReading[] readings)
    {
        var matched = 0;
        for (var i = 0; i < Accounts.Count; i++)
        {
            matched += Engine.Evaluate(Accounts[i].Context(), default, fired, readings).MatchedCount;
        }

        return matched;
    }

    /// <summary>Gets the rules of this set: id, condition, the same condition for RulesEngine.</summary>
    public IReadOnlyList<(string Id, string Condition, string RulesEngineExpression)> Definitions { get; }

    private static double Maybe(Random random, double value) => random.Next(12) == 0 ? double.NaN : value;

    /// <summary>One account's data, as HealthScore reads it.</summary>
    /// <param name="Values">Metric values.</param>
    /// <param name="Groups">Group scores.</param>
    /// <param name="Result">Current result.</param>
    /// <param name="Previous">Previous result, if any.</param>
    /// <param name="TenureDays">Days since the contract started.</param>
    /// <param name="DaysToRenewal">Days to renewal, if known.</param>
    /// <param name="Numbers">Numeric attributes (seats).</param>
    /// <param name="Texts">Text attributes (segment).</param>
    /// <param name="Consents">Consents (email).</param>
    public sealed record AccountData(
        double[] Values,
        GroupScore[] Groups,
        HealthResult Result,
        HealthResult? Previous,
        double TenureDays,
        double? DaysToRenewal,
        double[] Numbers,
        string?[] Texts,
        bool[] Consents)
    {
        /// <summary>Gets the context HealthScore's engine reads.</summary>
        /// <returns>The context.</returns>
        public RuleContext Context() => new()
        {
            Result = Result,
            Previous = Previous,
            MetricValues = Values,
            GroupScores = Groups,
            TenureDays = TenureDays,
            DaysToRenewal = DaysToRenewal,
            Numbers = Numbers,
            Texts = Texts,
            Consents = Consents,
        };

        /// <summary>Gets the same facts as a flat object for RulesEngine (missing numbers are NaN, as a .NET team would write it).</summary>
        /// <returns>The input.</returns>
        public RulesEngineInput ToRulesEngineInput() => new()
        {
            Score = Result.Score ?? double.NaN,
            Band = Result.Band.Id,
            Phase = Result.Phase.Id,
            Coverage = Result.Coverage,
            Delta = Result.Score is { } now && Previous is { Score: { } before } ? now - before : double.NaN,
            Logins = Values[0],
            Features = Values[1],
            Nps = Values[2],
            CriticalTickets = Values[3],
            TenureDays = TenureDays,
            DaysToRenewal = DaysToRenewal ?? double.NaN,
            Seats = Numbers[0],
            Segment = Texts[0],
            EmailConsent = Consents[0],
        };
    }
}
