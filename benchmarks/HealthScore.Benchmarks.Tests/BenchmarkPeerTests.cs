using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks.Tests;

/// <summary>The benchmarks' peers compute the same scores as the library on the same accounts.</summary>
public sealed class BenchmarkPeerTests
{
    private const int Accounts = 3_000;

    [Fact]
    public void HandWrittenScorer_SampleAccounts_EqualsLibrary()
    {
        var model = BenchmarkModels.Realistic();
        var values = PortfolioData.Create(model, Accounts, seed: 5);
        var scorer = new HandWrittenScorer();
        var metricCount = model.Metrics.Count;
        var missing = 0;
        for (var a = 0; a < Accounts; a++)
        {
            var row = values.AsSpan(a * metricCount, metricCount);
            var dictionary = new Dictionary<string, double?>();
            foreach (var metric in model.Metrics)
            {
                var v = row[metric.Index];
                dictionary[metric.Id] = double.IsFinite(v) ? v : null;
                missing += double.IsFinite(v) ? 0 : 1;
            }

            var expected = model.Score(row, model.DefaultPhase);
            var actual = scorer.Score(dictionary);

            Assert.NotNull(expected.UnroundedScore);
            Assert.Equal(expected.UnroundedScore!.Value, actual.UnroundedScore!.Value, 1e-9);
            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(expected.Band.Id, actual.Band);
        }

        Assert.True(missing > Accounts / 5, "the sample must exercise missing values");
    }

    [Fact]
    public void DuckDbScorer_SampleAccounts_EqualsLibrary()
    {
        var model = BenchmarkModels.Realistic();
        var values = PortfolioData.Create(model, Accounts, seed: 6);
        var results = new HealthResult[Accounts];
        model.ScoreBatch(values, model.DefaultPhase, results);
        using var duckDb = new DuckDbScorer(model, values, threads: 2);

        var scores = duckDb.Scores();

        Assert.Equal(Accounts, scores.Length);
        var sum = 0.0;
        for (var a = 0; a < Accounts; a++)
        {
            Assert.NotNull(results[a].UnroundedScore);
            Assert.Equal(results[a].UnroundedScore!.Value, scores[a], 1e-9);
            sum += results[a].UnroundedScore!.Value;
        }

        Assert.Equal(sum, duckDb.SumOfScores(), 1e-6);
    }
}

/// <summary>The pipeline benchmark's operations: the engine allocates nothing once warmed up, and agrees with the hand-written peer.</summary>
public sealed class PipelineBenchmarkTests
{
    [Fact]
    public void HealthEngineEvaluate_WarmedUp_AllocatesNothingAndAgreesWithTheHandWrittenPeer()
    {
        var benchmark = new PipelineBenchmarks();
        benchmark.Setup();
        var peer = benchmark.HandWritten();
        var health = benchmark.HealthEngineEvaluate();

        var before = GC.GetAllocatedBytesForCurrentThread();
        benchmark.HealthEngineEvaluate();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotNull(health.Trend);
        Assert.NotNull(health.BandException);
        Assert.InRange(health.FiredCount, 1, 19);
        Assert.Equal(peer.Phase, health.Phase.Id);
        Assert.Equal(peer.UnroundedScore!.Value, health.Result.UnroundedScore!.Value, 1e-9);
        Assert.Equal(peer.Band, health.Result.Band.Id);
        Assert.Equal(peer.BandForcedBy, health.BandException.Id);
        Assert.Equal(peer.Trend!.Delta, health.Trend.Value.Delta);
        var fired = new List<string>();
        foreach (var action in health.Actions)
        {
            if (action.IsFired)
            {
                fired.Add(action.RuleId);
            }
        }

        Assert.Equal(peer.Actions.Where(a => a.Fired).Select(a => a.Id), fired);
        Assert.True(peer.Actions.Count > peer.FiredCount, "a cooldown holds back an action that fired 14 days earlier");
    }
}
