using HealthScore.Core.Actions;
using HealthScore.Core.Rules;
using RulesEngine.Models;

namespace HealthScore.Benchmarks.Tests;

public class ActionRuleSetTests
{
    [Fact]
    public async Task Evaluate_BenchmarkRuleSet_FiresTheSameRulesAsRulesEngine()
    {
        var set = ActionRuleSet.Create(600, seed: 7);
        var fired = new MatchedAction[ActionRuleSet.Rules.Length];
        var firedPerRule = new int[ActionRuleSet.Rules.Length];
        foreach (var account in set.Accounts)
        {
            var outcome = set.Engine.Evaluate(account.Context(), default, fired, []);
            var ours = fired[..outcome.Count].Select(a => a.RuleId).Order(StringComparer.Ordinal).ToArray();
            var results = await set.RulesEngine.ExecuteAllRulesAsync("actions", new RuleParameter("a", account.ToRulesEngineInput()));
            Assert.All(results, r => Assert.True(string.IsNullOrEmpty(r.ExceptionMessage), r.ExceptionMessage));
            var theirs = results.Where(r => r.IsSuccess).Select(r => r.Rule.RuleName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(theirs, ours);
            foreach (var action in fired[..outcome.Count])
            {
                firedPerRule[action.Action.Index]++;
            }
        }

        // Every rule fires for some accounts and not for all, so the comparison means something.
        Assert.All(firedPerRule, count => Assert.InRange(count, 1, set.Accounts.Count - 1));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(500)]
    public async Task Evaluate_CombinedRules_FiresTheSameRulesAsRulesEngine(int count)
    {
        var rules = ActionRuleSet.CombinedRules(count);
        Assert.Equal(ActionRuleSet.Rules, rules[..ActionRuleSet.Rules.Length]);
        var set = ActionRuleSet.Create(120, rules, seed: 11);
        var fired = new MatchedAction[count];
        var total = 0;
        foreach (var account in set.Accounts)
        {
            var outcome = set.Engine.Evaluate(account.Context(), default, fired, []);
            var ours = fired[..outcome.Count].Select(a => a.RuleId).Order(StringComparer.Ordinal).ToArray();
            var results = await set.RulesEngine.ExecuteAllRulesAsync("actions", new RuleParameter("a", account.ToRulesEngineInput()));
            Assert.All(results, r => Assert.True(string.IsNullOrEmpty(r.ExceptionMessage), r.ExceptionMessage));
            Assert.Equal(results.Where(r => r.IsSuccess).Select(r => r.Rule.RuleName).Order(StringComparer.Ordinal).ToArray(), ours);
            total += outcome.Count;
        }

        // Both joins occur, and the rules fire often enough that the comparison means something.
        Assert.Contains(rules, r => r.Condition.Contains(") && (", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Condition.Contains(") || (", StringComparison.Ordinal));
        Assert.InRange(total, set.Accounts.Count, set.Accounts.Count * (count - 1));
    }
}
