using System.Numerics;
using BenchmarkDotNet.Attributes;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks;

/// <summary>
/// 1,000,000 accounts of the realistic model (12 metrics, 96 MB of doubles) scored in the default phase: the
/// library's batch API on one core and on all cores, DuckDB's SQL over the same accounts in an in-memory table on
/// one thread and on all, and the physical limit: merely reading the same 96 MB (a vectorised sum).
/// One operation = all 1,000,000 accounts.
/// </summary>
[MemoryDiagnoser]
public class BatchScoringBenchmarks
{
    /// <summary>The number of accounts.</summary>
    public const int Accounts = 1_000_000;

    private HealthModel _model = null!;
    private Phase _phase = null!;
    private double[] _values = null!;
    private HealthResult[] _results = null!;
    private double[] _columns = null!;
    private double[] _scores = null!;
    private DuckDbScorer? _duckDb;
    private HealthModel _linearModel = null!;

    /// <summary>Creates the model and the accounts.</summary>
    [GlobalSetup(Targets = [nameof(ReadInput_OneCore), nameof(ReadInput_AllCores), nameof(ScoreBatch_OneCore), nameof(ScoreBatchParallel_AllCores), nameof(ScoreColumns_OneCore), nameof(ScoreColumnsParallel_AllCores), nameof(ScoreColumns_OneCore_LinearOnly)])]
    public void Setup()
    {
        _model = BenchmarkModels.Realistic();
        _phase = _model.DefaultPhase;
        _values = PortfolioData.Create(_model, Accounts);
        _results = new HealthResult[Accounts];
        var metricCount = _model.Metrics.Count;
        _columns = new double[_values.Length];
        for (var a = 0; a < Accounts; a++)
        {
            for (var m = 0; m < metricCount; m++)
            {
                _columns[(m * Accounts) + a] = _values[(a * metricCount) + m];
            }
        }

        _scores = new double[Accounts];
        _linearModel = BenchmarkModels.RealisticLinearOnly();
    }

    /// <summary>Also loads the accounts into DuckDB, limited to one thread.</summary>
    [GlobalSetup(Target = nameof(DuckDb_OneThread))]
    public void SetupDuckDbOneThread()
    {
        Setup();
        _duckDb = new DuckDbScorer(_model, _values, threads: 1);
    }

    /// <summary>Also loads the accounts into DuckDB, one thread per core.</summary>
    [GlobalSetup(Target = nameof(DuckDb_AllCores))]
    public void SetupDuckDbAllCores()
    {
        Setup();
        _duckDb = new DuckDbScorer(_model, _values, threads: Environment.ProcessorCount);
    }

    /// <summary>Closes DuckDB.</summary>
    [GlobalCleanup]
    public void Cleanup() => _duckDb?.Dispose();

    /// <summary>The physical limit on one core: sums the 12,000,000 input doubles with <see cref="Vector{T}"/>.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public double ReadInput_OneCore() => Sum(_values);

    /// <summary>The physical limit on all cores: each core sums its contiguous share of the input.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    public double ReadInput_AllCores()
    {
        var cores = Environment.ProcessorCount;
        var partial = new double[cores];
        var chunk = (_values.Length + cores - 1) / cores;
        Parallel.For(0, cores, c =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, _values.Length - start);
            partial[c] = Sum(_values.AsSpan(start, count));
        });
        return partial.Sum();
    }

    /// <summary><c>HealthModel.ScoreBatch</c> on one core: a full <see cref="HealthResult"/> per account.</summary>
    /// <returns>The last account's score.</returns>
    [Benchmark(Baseline = true)]
    public double? ScoreBatch_OneCore()
    {
        _model.ScoreBatch(_values, _phase, _results);
        return _results[^1].Score;
    }

    /// <summary><c>HealthModel.ScoreBatchParallel</c> on all cores (default options).</summary>
    /// <returns>The last account's score.</returns>
    [Benchmark]
    public double? ScoreBatchParallel_AllCores()
    {
        _model.ScoreBatchParallel(_values, _phase, _results);
        return _results[^1].Score;
    }

    /// <summary><c>HealthModel.ScoreColumns</c> on one core: the same accounts column-major, one score (double) per account.</summary>
    /// <returns>The last account's score.</returns>
    [Benchmark]
    public double ScoreColumns_OneCore()
    {
        _model.ScoreColumns(_columns, Accounts, _phase, _scores);
        return _scores[^1];
    }

    /// <summary><c>HealthModel.ScoreColumnsParallel</c> on all cores (default options).</summary>
    /// <returns>The last account's score.</returns>
    [Benchmark]
    public double ScoreColumnsParallel_AllCores()
    {
        _model.ScoreColumnsParallel(_columns, Accounts, _phase, _scores);
        return _scores[^1];
    }

    /// <summary>
    /// Diagnostic, not a peer: the same columns scored by the realistic model with its five non-linear scoring
    /// functions replaced by linear ones, so every metric runs on vector lanes (the scores differ).
    /// </summary>
    /// <returns>The last account's score.</returns>
    [Benchmark]
    public double ScoreColumns_OneCore_LinearOnly()
    {
        _linearModel.ScoreColumns(_columns, Accounts, _linearModel.DefaultPhase, _scores);
        return _scores[^1];
    }

    /// <summary>DuckDB, one thread: <c>SELECT SUM(score expression) FROM accounts</c>.</summary>
    /// <returns>The sum of the unrounded scores.</returns>
    [Benchmark]
    public double DuckDb_OneThread() => _duckDb!.SumOfScores();

    /// <summary>DuckDB, one thread per core: <c>SELECT SUM(score expression) FROM accounts</c>.</summary>
    /// <returns>The sum of the unrounded scores.</returns>
    [Benchmark]
    public double DuckDb_AllCores() => _duckDb!.SumOfScores();

    private static double Sum(ReadOnlySpan<double> values)
    {
        var width = Vector<double>.Count;
        Vector<double> a = default, b = default, c = default, d = default;
        var i = 0;
        for (; i <= values.Length - (4 * width); i += 4 * width)
        {
            a += new Vector<double>(values.Slice(i));
            b += new Vector<double>(values.Slice(i + width));
            c += new Vector<double>(values.Slice(i + (2 * width)));
            d += new Vector<double>(values.Slice(i + (3 * width)));
        }

        var sum = Vector.Sum(a + b + c + d);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
