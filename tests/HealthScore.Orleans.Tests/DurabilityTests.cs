using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans.Tests;

public sealed class DurabilityTests(StoppableCluster fixture) : IClassFixture<StoppableCluster>
{
    [Fact]
    public async Task SiloStoppedMidRun_NoAcknowledgedSnapshotLost_AndItsAccountsComeBackWithTheirHistory()
    {
        var batches = Portfolio.Batches("stop", 150, seed: 5, Portfolio.AsOf);
        var ids = batches.Select(b => b.Account!.Id).ToArray();
        foreach (var batch in batches)
        {
            await fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id).IngestAsync(batch);
        }

        // Stop a silo once a fifth of the run is done; the run goes on.
        var stopping = new TaskCompletionSource();
        var progress = new StopAt(30, stopping);
        var runner = new HealthPortfolio(fixture.Grains);
        var running = runner.EvaluateAsync(ids, Portfolio.AsOf, progress);
        await stopping.Task;
        var victim = fixture.Cluster.SecondarySilos[0];
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [victim.SiloAddress]);
        Assert.Contains(statistics, s => s.GrainId.ToString().Contains("/stop-", StringComparison.Ordinal));
        await fixture.Cluster.StopSiloAsync(victim);
        var run = await running;

        // Every account the run reports as done is in the store, once; the accounts on the stopped silo were tried again elsewhere.
        Assert.Empty(run.Failures);
        using var store = fixture.OpenStore();
        foreach (var id in ids)
        {
            var history = await store.ReadAsync(id);
            var snapshot = Assert.Single(history.Snapshots);
            Assert.Equal(Portfolio.AsOf, snapshot.AsOf);
        }

        // A week later the two remaining silos evaluate every account on top of its stored history.
        var later = Portfolio.AsOf.AddDays(7);
        var second = await runner.EvaluateAsync(ids, later);
        Assert.Empty(second.Failures);
        Assert.Equal(ids.Length, second.Stored);
        var engine = fixture.Engine();
        foreach (var batch in batches.Take(20))
        {
            var grain = fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id);
            var timeline = await grain.GetTimelineAsync();
            Assert.Equal([Portfolio.AsOf, later], timeline.Select(s => s.AsOf));
            var first = Expected.Evaluate(engine, batch, Portfolio.AsOf);
            Assert.Equal(HealthSnapshotJson.Write(Expected.Evaluate(engine, batch, later, first)), HealthSnapshotJson.Write(timeline[1]));
        }
    }

    private sealed class StopAt(int count, TaskCompletionSource reached) : IProgress<PortfolioProgress>
    {
        public void Report(PortfolioProgress value)
        {
            if (value.Done >= count)
            {
                reached.TrySetResult();
            }
        }
    }
}

public sealed class ScheduleTests(ScheduledCluster fixture) : IClassFixture<ScheduledCluster>
{
    [Fact]
    public async Task Ingest_InputsChanged_EvaluatesAfterTheDelay_AndTheReminderEvaluatesAsTheClockMoves()
    {
        var batch = Portfolio.Batches("sched", 1, seed: 6, Portfolio.AsOf)[0];
        var grain = fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id);

        var receipt = await grain.IngestAsync(batch);
        Assert.True(receipt.EvaluationScheduled);
        var first = await Eventually(async () => await grain.GetLatestAsync());
        Assert.Equal(Portfolio.AsOf, first.Snapshot.AsOf);
        Assert.Equal(HealthSnapshotJson.Write(Expected.Evaluate(fixture.Engine(), batch, Portfolio.AsOf)), HealthSnapshotJson.Write(first.Snapshot));

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var timeline = await Eventually(async () => await grain.GetTimelineAsync() is { Count: >= 2 } t ? t : null);
        Assert.Equal(Portfolio.AsOf.AddDays(1), timeline[1].AsOf);
    }

    /// <summary>Polls until the grain has done what a timer or a reminder makes it do; fails after a minute.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The grain did not evaluate within a minute.");
            await Task.Delay(50);
        }
    }
}
