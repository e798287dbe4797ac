using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Benchmarks;

/// <summary>Generated models of any size for the scaling benchmarks: groups of 5 metrics cycling through every function family.</summary>
public static class ScalingModels
{
    /// <summary>A model with <paramref name="metrics"/> metrics and <paramref name="rules"/> action rules drawn from a shared pool of tests.</summary>
    /// <param name="metrics">How many metrics.</param>
    /// <param name="rules">How many action rules.</param>
    /// <returns>The model's builder.</returns>
    public static HealthModelBuilder Builder(int metrics, int rules = 0)
    {
        var builder = new HealthModelBuilder()
            .WithId("scaling", "Scaling model")
            .AddBand("at_risk", "At risk", "#C62828", 0)
            .AddBand("watch", "Watch", "#F9A825", 40)
            .AddBand("healthy", "Healthy", "#2E7D32", 70);
        for (var g = 0; g * 5 < metrics; g++)
        {
            var first = g * 5;
            builder.AddGroup("g" + Text(g), "Group " + Text(g), 1 + (g % 3), group =>
            {
                for (var m = first; m < Math.Min(first + 5, metrics); m++)
                {
                    ScoringFunctionDefinition scoring = (m % 6) switch
                    {
                        0 => new LinearScoring(0, 20),
                        1 => new LogisticScoring(10, 0.4),
                        2 => new PiecewiseLinearScoring([new(0, 0), new(5, 0.5), new(15, 1)]),
                        3 => new TargetRatioScoring(12),
                        4 => new TierScoring([new(0, 0), new(8, 0.6), new(14, 1)]),
                        _ => new BoundedLinearScoring(0, 20),
                    };
                    group.AddMetric("m" + Text(m), "Metric " + Text(m), scoring);
                }
            });
        }

        // Rule k combines two tests of a pool of 3 thresholds on 8 metrics plus band and score tests, so tests repeat across rules.
        for (var k = 0; k < rules; k++)
        {
            var metric = "metrics.m" + Text(k % Math.Min(8, metrics));
            var threshold = Text(4 + (4 * (k / 8 % 3)));
            var second = (k % 3) switch
            {
                0 => "band == \"at_risk\"",
                1 => "score >= " + Text(40 + (10 * (k % 4))),
                _ => "isMissing(metrics.m" + Text((k + 3) % Math.Min(8, metrics)) + ")",
            };
            builder.AddAction(new ActionDefinition { Id = "r" + Text(k), Title = "Rule " + Text(k), When = metric + " < " + threshold + " && " + second, Priority = k });
        }

        return builder;
    }

    /// <summary>Deterministic accounts, column by column; about 5% of values missing.</summary>
    /// <param name="metrics">How many metrics.</param>
    /// <param name="accounts">How many accounts.</param>
    /// <param name="stride">Distance between columns (at least the account count).</param>
    /// <param name="columns">The destination.</param>
    public static void FillColumns(int metrics, long accounts, long stride, double[] columns)
    {
        var x = 2463534242u;
        for (var m = 0; m < metrics; m++)
        {
            var column = columns.AsSpan((int)(m * stride), (int)accounts);
            for (var a = 0; a < column.Length; a++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                column[a] = x % 20 == 0 ? double.NaN : (x % 2000) / 100.0;
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Cost against model size: one account scored, and per account in a columnar batch of 16,384.</summary>
[MemoryDiagnoser]
public class ModelSizeBenchmarks
{
    private const int Batch = 16_384;
    private HealthModel _model = null!;
    private double[] _values = null!;
    private double[] _columns = null!;
    private double[] _scores = null!;

    /// <summary>Gets or sets the number of metrics.</summary>
    [Params(12, 50, 200)]
    public int Metrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ScalingModels.Builder(Metrics).Build();
        _columns = new double[Metrics * Batch];
        ScalingModels.FillColumns(Metrics, Batch, Batch, _columns);
        _values = new double[Metrics];
        for (var m = 0; m < Metrics; m++)
        {
            _values[m] = _columns[(m * Batch) + 1];
        }

        _scores = new double[Batch];
    }

    [Benchmark]
    public double? Score() => _model.Score(_values).Score;

    [Benchmark(OperationsPerInvoke = Batch)]
    public double ScoreColumnsPerAccount()
    {
        _model.ScoreColumns(_columns, Batch, _model.DefaultPhase, _scores);
        return _scores[^1];
    }
}

/// <summary>Cost against portfolio size: the columnar scorer on one core; the input is 8 bytes per metric per account, generated in chunks.</summary>
[MemoryDiagnoser]
public class PortfolioSizeBenchmarks
{
    private const int Metrics = 12;
    private HealthModel _model = null!;
    private double[] _columns = null!;
    private double[] _scores = null!;

    /// <summary>Gets or sets the number of accounts.</summary>
    [Params(10_000, 1_000_000, 10_000_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ScalingModels.Builder(Metrics).Build();
        _columns = new double[(long)Metrics * Accounts];
        ScalingModels.FillColumns(Metrics, Accounts, Accounts, _columns);
        _scores = new double[Accounts];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// input {(long)Metrics * Accounts * 8 / 1e6:F1} MB, scores {Accounts * 8L / 1e6:F1} MB"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// accounts {Accounts}: peak working set {process.PeakWorkingSet64 / 1e6:F0} MB"));
    }

    [Benchmark]
    public double ScoreColumns()
    {
        _model.ScoreColumns(_columns, Accounts, _model.DefaultPhase, _scores);
        return _scores[^1];
    }
}

/// <summary>Compile time of a model of 50 metrics and 100 action rules from its JSON document.</summary>
/// <remarks>20 warm-up iterations whatever the job, as for <see cref="CompileBenchmarks"/>: the figure is the steady state.</remarks>
[MemoryDiagnoser]
[WarmupCount(20)]
public class LargeModelCompileBenchmarks
{
    private string _json = null!;

    [GlobalSetup]
    public void Setup() => _json = HealthModelDocument.Write(ScalingModels.Builder(50, 100).Definition);

    [Benchmark]
    public HealthModel Compile50Metrics100Rules() => HealthModelDocument.Compile(_json);
}

/// <summary>Cost against records per account: the whole pipeline (providers, phase, score, band exceptions, actions) for one account.</summary>
[MemoryDiagnoser]
public class RecordCountBenchmarks
{
    private Core.Pipeline.HealthEngine _engine = null!;
    private Core.Pipeline.HealthWorkspace _workspace = null!;
    private Core.Pipeline.AccountInput _input;

    /// <summary>Gets or sets the number of records (events, tickets, surveys, touches, milestones, goals in the proportions of the pipeline benchmark).</summary>
    [Params(100, 1_000, 10_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var records = PipelineFixture.BenchmarkRecords(Records);
        _engine = PipelineFixture.CreateEngine();
        _workspace = _engine.CreateWorkspace();
        var facts = PipelineFixture.FillFacts(records.Account!, new Core.Pipeline.AccountFacts(_engine.Model.Account));
        _input = new Core.Pipeline.AccountInput { AccountId = records.Account!.Id, AsOf = PipelineFixture.AsOf, Facts = facts, Records = records };
    }

    [Benchmark]
    public Core.Pipeline.AccountHealth Evaluate() => _engine.Evaluate(_input, _workspace);
}

/// <summary>
/// Cost against rule count: the action engine over 256 accounts with 20, 100 and 500 rules that reuse the same
/// conditions (<see cref="ActionRuleSet.CombinedRules"/>), with readings, and Microsoft RulesEngine on the same rules.
/// </summary>
[MemoryDiagnoser]
public class RuleCountBenchmarks
{
    private const int AccountCount = 256;

    private ActionRuleSet _set = null!;
    private RulesEngineInput[] _inputs = null!;
    private MatchedAction[] _fired = null!;
    private Core.Rules.RuleReading[] _readings = null!;

    /// <summary>Gets or sets the number of action rules.</summary>
    [Params(20, 100, 500)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = ActionRuleSet.Create(AccountCount, ActionRuleSet.CombinedRules(Rules));
        _inputs = [.. _set.Accounts.Select(static a => a.ToRulesEngineInput())];
        _fired = new MatchedAction[Rules];
        _readings = new Core.Rules.RuleReading[Rules * _set.Engine.MaxReadingsPerAction];
    }

    /// <summary>Microsoft RulesEngine, <c>ExecuteAllRulesAsync</c> per account.</summary>
    /// <returns>How many rules matched over all accounts.</returns>
    [Benchmark(Baseline = true)]
    public Task<int> RulesEngine() => _set.RunRulesEngineAsync(_inputs);

    /// <summary>The action engine, with readings, into reused buffers.</summary>
    /// <returns>How many rules matched over all accounts.</returns>
    [Benchmark]
    public int ActionEngine() => _set.RunEngine(_fired, _readings);
}
