using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

public sealed class BatchScoringTests
{
    private static double[] Portfolio(HealthModel model, int accounts)
    {
        var values = new double[accounts * model.Metrics.Count];
        var x = 12345u;
        for (var i = 0; i < values.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values[i] = x % 11 == 0 ? double.NaN : (x % 1000) / 100.0;
        }

        return values;
    }

    [Fact]
    public void ScoreBatch_SamePhase_EqualsScoringOneByOne()
    {
        var model = TestModels.Saas();
        var values = Portfolio(model, 500);
        var results = new HealthResult[500];
        var phase = model.GetPhase("renewal");

        model.ScoreBatch(values, phase, results);

        for (var i = 0; i < results.Length; i++)
        {
            var single = model.Score(values.AsSpan(i * model.Metrics.Count, model.Metrics.Count), phase);
            Assert.Equal(single.UnroundedScore, results[i].UnroundedScore);
            Assert.Same(single.Band, results[i].Band);
            Assert.Equal(single.Coverage, results[i].Coverage);
        }
    }

    [Fact]
    public void ScoreBatch_PhasePerAccount_UsesEachPhase()
    {
        var model = TestModels.Saas();
        var values = Portfolio(model, 30);
        var phases = Enumerable.Range(0, 30).Select(i => model.Phases[i % model.Phases.Count]).ToArray();
        var results = new HealthResult[30];

        model.ScoreBatch(values, phases, results);

        Assert.Equal(phases, results.Select(r => r.Phase));
        Assert.Equal(model.Score(values.AsSpan(model.Metrics.Count, model.Metrics.Count), phases[1]).UnroundedScore, results[1].UnroundedScore);
    }

    [Fact]
    public void ScoreBatchParallel_ManyChunks_SameAsSequentialAndReportsProgress()
    {
        var model = TestModels.Saas();
        const int Accounts = 10_000;
        var values = Portfolio(model, Accounts);
        var sequential = new HealthResult[Accounts];
        var parallel = new HealthResult[Accounts];
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports);

        model.ScoreBatch(values, model.DefaultPhase, sequential);
        model.ScoreBatchParallel(values, model.DefaultPhase, parallel, new BatchOptions { ChunkSize = 1_000, MaxDegreeOfParallelism = 2, Progress = progress });

        Assert.Equal(sequential.Select(r => r.UnroundedScore), parallel.Select(r => r.UnroundedScore));
        Assert.Equal(10, reports.Count);
        Assert.Equal(Accounts, reports.Max());
    }

    [Fact]
    public void ScoreBatch_ValuesNotWholeRows_Throws()
    {
        var model = TestModels.Saas();

        var error = Assert.Throws<ArgumentException>(() => model.ScoreBatch(new double[20], model.DefaultPhase, new HealthResult[3]));

        Assert.Equal("Expected 3 accounts × 7 metrics = 21 values (one row per result); got 20. (Parameter 'values')", error.Message);
    }

    [Fact]
    public void ScoreBatch_ManyAccounts_AllocatesNothing()
    {
        var model = TestModels.Saas();
        var values = Portfolio(model, 2_000);
        var results = new HealthResult[2_000];
        model.ScoreBatch(values, model.DefaultPhase, results);

        var before = GC.GetAllocatedBytesForCurrentThread();
        model.ScoreBatch(values, model.DefaultPhase, results);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
