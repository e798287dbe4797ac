using HealthScore.Core.Hosting;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rollups;
using Microsoft.Extensions.DependencyInjection;

namespace HealthScore.Orleans.Tests;

[Collection(ThreeSilos.Name)]
public sealed class ClusterTests(ThreeSiloCluster fixture)
{
    [Fact]
    public async Task Portfolio_SameInputs_GrainsGiveThePipelinesResultsAndSpreadOverTheSilos()
    {
        var batches = Portfolio.Batches("eq", 60, seed: 1, Portfolio.AsOf);
        foreach (var batch in batches)
        {
            var receipt = await fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id).IngestAsync(batch);
            Assert.False(receipt.Duplicate);
        }

        var progress = new List<PortfolioProgress>();
        var run = await new HealthPortfolio(fixture.Grains).EvaluateAsync(batches.Select(b => b.Account!.Id), Portfolio.AsOf, new SynchronousProgress(progress));

        Assert.Equal(60, run.Total);
        Assert.Equal(60, run.Stored);
        Assert.Empty(run.Failures);
        Assert.Equal(60, progress.Max(p => p.Done));

        var engine = fixture.Engine();
        var expected = new Dictionary<string, HealthSnapshot>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            var id = batch.Account!.Id;
            expected[id] = Expected.Evaluate(engine, batch, Portfolio.AsOf);
            var timeline = await fixture.Grains.GetGrain<IAccountHealthGrain>(id).GetTimelineAsync();
            var stored = Assert.Single(timeline);
            Assert.Equal(HealthSnapshotJson.Write(expected[id]), HealthSnapshotJson.Write(stored));
        }

        // Every silo hosts some of the accounts.
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var hosts = statistics.Where(s => s.GrainId.ToString().Contains("/eq-", StringComparison.Ordinal)).Select(s => s.SiloAddress).Distinct().Count();
        Assert.True(hosts == 3, $"The accounts live on {hosts} silos; grain ids seen: {string.Join(", ", statistics.Take(5).Select(s => s.GrainId.ToString()))}");

        // The parents' grains roll up their children as the core's roll-up does over the same snapshots.
        var model = engine.Model;
        var hierarchy = new AccountHierarchy(batches.Select(b => (b.Account!.Id, b.Account.ParentId)));
        var weights = batches.ToDictionary(b => b.Account!.Id, b => b.Account!.Value ?? double.NaN, StringComparer.Ordinal);
        var rollups = model.Rollup!.ComputeAll(hierarchy, expected, id => weights[id]);
        Assert.NotEmpty(rollups);
        foreach (var (parent, want) in rollups)
        {
            var got = await fixture.Grains.GetGrain<IAccountHealthGrain>(parent).GetRollupAsync();
            Assert.NotNull(got);
            Assert.Equal(want.Score, got.Score);
            Assert.Equal(want.Band.Id, got.Band);
            Assert.Equal(want.DrivingChild, got.DrivingChild);
            Assert.Equal(hierarchy.GetChildren(parent).Order(StringComparer.Ordinal), got.Children);
        }

        // Running the same as-of again stores nothing new.
        var again = await new HealthPortfolio(fixture.Grains).EvaluateAsync(batches.Select(b => b.Account!.Id), Portfolio.AsOf);
        Assert.Equal(0, again.Stored);
    }

    [Fact]
    public async Task Ingest_SameBatchDeliveredTwice_CountedOnce()
    {
        var batch = Portfolio.Batches("dup", 1, seed: 2, Portfolio.AsOf)[0];
        var grain = fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id);

        var first = await grain.IngestAsync(batch);
        var second = await grain.IngestAsync(batch);
        var view = await grain.EvaluateAsync(Portfolio.AsOf);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(0, second.Records);
        Assert.Equal(HealthSnapshotJson.Write(Expected.Evaluate(fixture.Engine(), batch, Portfolio.AsOf)), HealthSnapshotJson.Write(view.Snapshot));
        Assert.False(string.IsNullOrEmpty(view.Explanation));
    }

    [Fact]
    public async Task Ingest_SameEventsUnderANewBatchId_CountedAgain()
    {
        var batch = Portfolio.Batches("again", 1, seed: 3, Portfolio.AsOf)[0];
        var grain = fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id);

        await grain.IngestAsync(batch);
        var repeat = await grain.IngestAsync(new AccountBatch { BatchId = batch.BatchId + "-b", Events = batch.Events });
        var view = await grain.EvaluateAsync(Portfolio.AsOf);

        Assert.False(repeat.Duplicate);
        Assert.Equal(batch.Events.Count, repeat.Records);
        var doubled = new AccountBatch
        {
            BatchId = "doubled", Account = batch.Account, Events = [.. batch.Events, .. batch.Events], Tickets = batch.Tickets, Surveys = batch.Surveys,
            Touches = batch.Touches, Milestones = batch.Milestones, Goals = batch.Goals, Sources = batch.Sources, ManualInputs = batch.ManualInputs,
        };
        Assert.Equal(HealthSnapshotJson.Write(Expected.Evaluate(fixture.Engine(), doubled, Portfolio.AsOf)), HealthSnapshotJson.Write(view.Snapshot));
    }

    [Fact]
    public async Task Ingest_BatchWithoutId_ClearError()
    {
        var grain = fixture.Grains.GetGrain<IAccountHealthGrain>("no-id");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.IngestAsync(new AccountBatch { BatchId = "" }));

        Assert.Contains("no BatchId", error.Message, StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(List<PortfolioProgress> seen) : IProgress<PortfolioProgress>
    {
        public void Report(PortfolioProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}

/// <summary>On a cluster of its own: changing the model file must not change the model other tests compare with.</summary>
public sealed class ReloadTests(ReloadableCluster fixture) : IClassFixture<ReloadableCluster>
{
    [Fact]
    public async Task ModelFileChanged_EverySiloServesTheNewModel_AndSnapshotsNameItsHash()
    {
        var before = fixture.Engine().Model.Hash;
        var document = await File.ReadAllTextAsync(fixture.ModelPath);
        await File.WriteAllTextAsync(fixture.ModelPath + ".tmp", document.Replace("\"version\": \"2026.4\"", "\"version\": \"2026.4-reloaded\"", StringComparison.Ordinal));
        File.Move(fixture.ModelPath + ".tmp", fixture.ModelPath, overwrite: true);
        var after = fixture.Engine().Model.Hash;
        Assert.NotEqual(before, after);

        // Each silo's model source watches the file; wait (bounded) until every one of them serves the new model.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (fixture.Cluster.Silos.Any(s => Served(s) != after) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.All(fixture.Cluster.Silos, s => Assert.Equal(after, Served(s)));

        var batches = Portfolio.Batches("reload", 30, seed: 4, Portfolio.AsOf);
        foreach (var batch in batches)
        {
            await fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id).IngestAsync(batch);
        }

        await new HealthPortfolio(fixture.Grains).EvaluateAsync(batches.Select(b => b.Account!.Id), Portfolio.AsOf);
        foreach (var batch in batches)
        {
            var latest = await fixture.Grains.GetGrain<IAccountHealthGrain>(batch.Account!.Id).GetLatestAsync();
            Assert.Equal(after, latest!.Snapshot.ModelHash);
            Assert.Equal("2026.4-reloaded", latest.Snapshot.ModelVersion);
        }
    }

    private string Served(global::Orleans.TestingHost.SiloHandle silo) =>
        fixture.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<HealthModelSource>().Current.Hash;
}
