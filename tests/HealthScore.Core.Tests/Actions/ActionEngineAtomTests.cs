using HealthScore.Core.Actions;
using HealthScore.Core.Rules;
using HealthScore.Core.Tests.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Actions;

/// <summary>
/// The action engine evaluates conjunctions of simple tests through a shared table of tests; these tests compare
/// what it matches with each condition evaluated on its own, over seeded random accounts.
/// </summary>
public class ActionEngineAtomTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_ManyConditionsInOneEngine_MatchesEachConditionOnItsOwn(int seed)
    {
        var random = new Random(seed);
        var conditions = new List<string>();
        conditions.AddRange(RuleSamples.OtherShapes);
        for (var i = 0; i < 120; i++)
        {
            conditions.Add(i % 4 == 3 ? RuleSamples.Mixed(random) : RuleSamples.Conjunction(random));
        }

        AssertEngineMatchesConditions(conditions, RuleSamples.Accounts(seed, 300));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Evaluate_SmallEngines_MatchEachConditionOnItsOwn(int seed)
    {
        var random = new Random(seed);
        var accounts = RuleSamples.Accounts(seed, 60);
        for (var engine = 0; engine < 150; engine++)
        {
            var conditions = new List<string>();
            var count = random.Next(1, 7);
            for (var i = 0; i < count; i++)
            {
                conditions.Add(random.Next(6) == 0 ? RuleSamples.Mixed(random) : random.Next(3) == 0 ? RuleSamples.Term(random) : RuleSamples.Conjunction(random));
            }

            AssertEngineMatchesConditions(conditions, accounts);
        }
    }

    [Fact]
    public void Evaluate_ConditionsDifferingInOneDetail_AreNotConfused()
    {
        string[] conditions =
        [
            "metrics.logins < 3", "account.seats < 3", "metrics.features < 3", "metrics.logins <= 3", "metrics.logins < 2",
            "metrics.logins between 0 and 3", "metrics.logins between 0 and 5", "metrics.logins between 2 and 5",
            "consent.email", "!consent.email", "consent.usage_data", "account.strategic",
            "metrics.logins in [0, 3]", "metrics.logins in [0, 5]", "metrics.logins in [0]", "metrics.features in [0, 3]",
            "account.segment == \"smb\"", "account.segment == \"enterprise\"", "account.name == \"smb\"", "account.segment != \"smb\"",
            "account.segment in [\"smb\"]", "account.segment in [\"smb\", \"enterprise\"]", "isMissing(account.segment)", "isMissing(account.name)",
            "band == \"watch\"", "previous_band == \"watch\"", "phase == \"renewal\"", "band != \"watch\"",
            "isMissing(metrics.logins)", "isMissing(metrics.nps)", "band_changed", "phase_changed",
        ];
        var combined = conditions.Concat(conditions.Zip(conditions.Skip(1), (a, b) => a + " && " + b)).ToList();
        AssertEngineMatchesConditions(combined, RuleSamples.Accounts(21, 400));
    }

    [Fact]
    public void Evaluate_MoreDistinctTestsThanTheTableHolds_RulesBeyondItStillMatchExactly()
    {
        var conditions = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            conditions.Add($"metrics.logins >= {i % 11} && score < {40 + i} && !consent.email");
        }

        AssertEngineMatchesConditions(conditions, RuleSamples.Accounts(31, 200));
    }

    private static void AssertEngineMatchesConditions(List<string> conditions, List<RuleSamples.Sample> accounts)
    {
        var definitions = conditions.Select((when, i) => new ActionDefinition { Id = "a" + i, Title = "A" + i, When = when }).ToArray();
        var engine = ActionEngine.Compile(TestModel, definitions, Schema);
        var fired = new MatchedAction[definitions.Length];
        var readings = new RuleReading[definitions.Length * Math.Max(1, engine.MaxReadingsPerAction)];
        foreach (var account in accounts)
        {
            var context = account.Context();
            var outcome = engine.Evaluate(context, default, fired, readings);
            var matched = fired.Take(outcome.Count).Select(a => a.RuleId).ToList();
            var expected = new List<string>();
            foreach (var rule in engine.Rules)
            {
                if (rule.Condition.Evaluate(context))
                {
                    expected.Add(rule.Id);
                }
            }

            if (!matched.SequenceEqual(expected))
            {
                var wrong = expected.Except(matched).Concat(matched.Except(expected)).Select(id => engine.Rules.First(r => r.Id == id).Condition.Text);
                Assert.Fail($"For {account} the engine got these wrong: {string.Join(" | ", wrong)}");
            }

            Assert.Equal(expected.Count, outcome.MatchedCount);
        }
    }
}
