using BenchmarkDotNet.Attributes;
using HealthScore.Core.Actions;
using HealthScore.Core.Rules;
using RulesEngine.Models;

namespace HealthScore.Benchmarks;

/// <summary>
/// The same 20 action rules per account, evaluated by HealthScore's action engine and by Microsoft RulesEngine
/// 6.0.1, over the same 256 accounts. One operation evaluates all accounts.
/// </summary>
[MemoryDiagnoser]
public class ActionRulesBenchmark
{
    private const int AccountCount = 256;

    private ActionRuleSet _set = null!;
    private RulesEngineInput[] _inputs = null!;
    private MatchedAction[] _fired = null!;
    private RuleReading[] _readings = null!;

    /// <summary>Builds both engines and the accounts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _set = ActionRuleSet.Create(AccountCount);
        _inputs = new RulesEngineInput[AccountCount];
        for (var i = 0; i < AccountCount; i++)
        {
            _inputs[i] = _set.Accounts[i].ToRulesEngineInput();
        }

        _fired = new MatchedAction[ActionRuleSet.Rules.Length];
        _readings = new RuleReading[ActionRuleSet.Rules.Length * _set.Engine.MaxReadingsPerAction];
    }

    /// <summary>Microsoft RulesEngine: <c>ExecuteAllRulesAsync</c> per account, counting successful rules.</summary>
    /// <returns>How many rules matched over all accounts.</returns>
    [Benchmark(Baseline = true)]
    public Task<int> RulesEngine() => _set.RunRulesEngineAsync(_inputs);

    /// <summary>HealthScore's action engine: <c>Evaluate</c> per account, with readings, into reused buffers.</summary>
    /// <returns>How many rules matched over all accounts.</returns>
    [Benchmark]
    public int HealthScoreActionEngine() => _set.RunEngine(_fired, _readings);

    /// <summary>HealthScore's action engine without readings (an empty readings buffer): conditions, statuses and order only.</summary>
    /// <returns>How many rules matched over all accounts.</returns>
    [Benchmark]
    public int HealthScoreActionEngineWithoutReadings() => _set.RunEngine(_fired, []);
}
