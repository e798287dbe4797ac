using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using HealthScore.Core.Hosting;
using HealthScore.Core.Model;

namespace HealthScore.Benchmarks;

/// <summary>
/// What hosting adds to scoring one account: reading the model from a <see cref="HealthModelSource"/> and counting
/// the account in <see cref="HealthScoringMetrics"/>, with no listener and with a <see cref="MeterListener"/>
/// collecting the counter (as an OpenTelemetry exporter would).
/// </summary>
[MemoryDiagnoser]
public class HostingBenchmarks
{
    private HealthModel _model = null!;
    private double[] _values = null!;
    private HealthModelSource _source = null!;
    private HealthScoringMetrics _metrics = null!;
    private HealthScorer _scorer = null!;
    private HealthScoringMetrics _listenedMetrics = null!;
    private HealthScorer _listenedScorer = null!;
    private MeterListener _listener = null!;
    private long _total;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchmarkModels.Realistic();
        _values = BenchmarkModels.Account(_model, seed: 7);
        _source = new HealthModelSource(_model);
        _metrics = new HealthScoringMetrics();
        _scorer = new HealthScorer(_source, _metrics);
        _listenedMetrics = new HealthScoringMetrics();
        _listenedScorer = new HealthScorer(_source, _listenedMetrics);
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _listenedMetrics.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _listener.Dispose();
        _listenedMetrics.Dispose();
        _metrics.Dispose();
        _source.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double? ModelScore() => _model.Score(_values).Score;

    [Benchmark]
    public double? SourceCurrentScore() => _source.Current.Score(_values).Score;

    [Benchmark]
    public double? ScorerScore() => _scorer.Score(_values).Score;

    [Benchmark]
    public double? ScorerScoreWithListener() => _listenedScorer.Score(_values).Score;
}
