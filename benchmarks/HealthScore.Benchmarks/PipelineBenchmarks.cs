using System.Globalization;
using BenchmarkDotNet.Attributes;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks;

/// <summary>
/// One account end to end, in the documented order: about 1,000 raw records (<see cref="PipelineFixture.BenchmarkRecords"/>)
/// and the account's facts, with its previous evaluation 14 days earlier → 12 metric values → phase (3 phase rules,
/// 4 phases) → score with contributions and group scores → band (5 bands, phase thresholds, 2 band exceptions) →
/// trend against the previous evaluation → the 20 action rules of <see cref="ActionRuleSet"/> with cooldowns.
/// Baseline: <see cref="HandWrittenPipeline"/>, the same pipeline written by hand; peers: <c>HealthEngine.Evaluate</c>
/// in a reused workspace, and <c>HealthModel.Score</c> alone (the values given, nothing else) for scale.
/// One operation = one account.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly DateTimeOffset PreviousAsOf = PipelineFixture.AsOf.AddDays(-14);

    private HealthEngine _engine = null!;
    private HealthWorkspace _workspace = null!;
    private AccountInput _input;
    private HandWrittenPipeline _handWritten = null!;
    private HandWrittenAccount _account = null!;
    private HandWrittenSnapshot _previous = null!;
    private HealthModel _model = null!;
    private Phase _phase = null!;
    private double[] _values = null!;
    private MetricContribution[] _contributions = null!;
    private GroupScore[] _groups = null!;

    /// <summary>Builds the engine, the account's input and previous snapshot, and the hand-written pipeline's.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var records = PipelineFixture.BenchmarkRecords();
        _engine = PipelineFixture.CreateEngine();
        _model = _engine.Model;
        _workspace = _engine.CreateWorkspace();
        var facts = PipelineFixture.FillFacts(records.Account!, new AccountFacts(_model.Account));
        var first = new AccountInput { AccountId = records.Account!.Id, AsOf = PreviousAsOf, Facts = facts, Records = records };
        var previous = _engine.Evaluate(first).ToSnapshot();
        _input = first with { AsOf = PipelineFixture.AsOf, Previous = previous };

        _handWritten = new HandWrittenPipeline();
        _account = HandWrittenAccount.From(records);
        _previous = _handWritten.Evaluate(_account, PreviousAsOf, null).ToSnapshot();

        var health = _engine.Evaluate(_input, _workspace);
        _phase = health.Phase;
        _values = health.MetricValues.ToArray();
        _contributions = new MetricContribution[_model.Metrics.Count];
        _groups = new GroupScore[_model.Groups.Count];
        var recordCount = records.Events.Length + records.Tickets.Length + records.Surveys.Length + records.Touches.Length + records.Milestones.Length + records.Goals.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// records: {recordCount}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// engine:       {health.Phase.Id} ({health.PhaseSource}), score {health.Result.Score}, band {health.Result.Band.Id} (forced by {health.BandException?.Id ?? "none"}), delta {health.Trend?.Delta}, fired {health.FiredCount} of {health.Actions.Length} matched"));
        var peer = HandWritten();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// hand-written: {peer.Phase}, score {peer.Score}, band {peer.Band} (forced by {peer.BandForcedBy ?? "none"}), delta {peer.Trend?.Delta}, fired {peer.FiredCount} of {peer.Actions.Count} matched"));
    }

    /// <summary>The hand-written pipeline: LINQ over the records, dictionaries by metric id, lambdas for the rules.</summary>
    /// <returns>The account's health.</returns>
    [Benchmark(Baseline = true, Description = "hand-written: LINQ, dictionaries, lambdas")]
    public HandWrittenHealth HandWritten() => _handWritten.Evaluate(_account, PipelineFixture.AsOf, _previous);

    /// <summary><c>HealthEngine.Evaluate</c> in a reused workspace: records to phase, score, band, trend and actions.</summary>
    /// <returns>The account's health (it lives in the workspace).</returns>
    [Benchmark(Description = "HealthEngine.Evaluate, reused workspace")]
    public AccountHealth HealthEngineEvaluate() => _engine.Evaluate(_input, _workspace);

    /// <summary><c>HealthModel.Score</c> alone on the account's metric values in its phase, with contributions and group scores.</summary>
    /// <returns>The result.</returns>
    [Benchmark(Description = "HealthModel.Score only (values given)")]
    public HealthResult HealthModelScore() => _model.Score(_values, _phase, _contributions, _groups);
}
