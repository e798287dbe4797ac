using BenchmarkDotNet.Attributes;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Benchmarks;

/// <summary>One account through the scorer: plain, with contributions and group scores, and with a trend against previous values.</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private HealthModel _model = null!;
    private Phase _phase = null!;
    private double[] _values = null!;
    private double[] _previous = null!;
    private MetricContribution[] _contributions = null!;
    private GroupScore[] _groups = null!;
    private MetricChange[] _changes = null!;
    private HandWrittenScorer _handWritten = null!;
    private Dictionary<string, double?> _dictionary = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchmarkModels.Realistic();
        _phase = _model.GetPhase("adoption");
        _values = BenchmarkModels.Account(_model, seed: 7);
        _previous = BenchmarkModels.Account(_model, seed: 8);
        _contributions = new MetricContribution[_model.Metrics.Count];
        _groups = new GroupScore[_model.Groups.Count];
        _changes = new MetricChange[_model.Metrics.Count];
        _handWritten = new HandWrittenScorer();
        _dictionary = _model.Metrics.ToDictionary(m => m.Id, m => double.IsFinite(_values[m.Index]) ? _values[m.Index] : (double?)null);
    }

    /// <summary>The hand-written peer: dictionary of values, LINQ, a class per result.</summary>
    /// <returns>The score.</returns>
    [Benchmark(Baseline = true)]
    public double? HandWritten() => _handWritten.Score(_dictionary).Score;

    [Benchmark]
    public double? Score() => _model.Score(_values, _phase).Score;

    [Benchmark]
    public double? ScoreWithContributions() => _model.Score(_values, _phase, _contributions, _groups).Score;

    [Benchmark]
    public int ScoreWithTrend() => _model.Trend(_previous, _phase, _values, _phase, _changes).ChangeCount;
}
