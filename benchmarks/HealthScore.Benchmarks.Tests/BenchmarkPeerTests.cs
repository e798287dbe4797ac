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

/// <summary>The pipeline benchmark's operation: records to actions with nothing allocated.</summary>
public sealed class PipelineBenchmarkTests
{
    [Fact]
    public void RecordsToActions_WarmedUp_MatchesActionsAndAllocatesNothing()
    {
        var benchmark = new PipelineBenchmarks();
        benchmark.Setup();
        var matched = benchmark.RecordsToActions();

        var before = GC.GetAllocatedBytesForCurrentThread();
        benchmark.RecordsToActions();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(matched, 1, 19);
        Assert.Equal(0, allocated);
    }
}
