using System.Text;
using HealthScore.Core.Hosting;
using HealthScore.Core.Model;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HealthScore.Core.Tests.Hosting;

public sealed class HealthModelSourceTests(ITestOutputHelper output)
{
    [Fact]
    public void TryReload_ValidDocument_SwapsAndRaisesModelChanged()
    {
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        HealthModelChangedEventArgs? changed = null;
        source.ModelChanged += (_, e) => changed = e;

        Assert.True(source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB), "test"));

        Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
        Assert.NotNull(changed);
        Assert.Equal(HostingFixtures.ModelA.Hash, changed.Previous.Hash);
        Assert.Same(source.Current, changed.Current);
        Assert.Equal("test", changed.Origin);
    }

    [Fact]
    public void TryReload_InvalidDocument_KeepsLastGoodModelAndReportsErrors()
    {
        using var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var source = new HealthModelSource(HostingFixtures.ModelA, factory.CreateLogger<HealthModelSource>());
        HealthModelRejectedEventArgs? rejected = null;
        var changes = 0;
        source.ModelRejected += (_, e) => rejected = e;
        source.ModelChanged += (_, _) => changes++;

        Assert.False(source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.InvalidDocument), "models/next.json"));

        Assert.Same(HostingFixtures.ModelA, source.Current);
        Assert.Equal(0, changes);
        Assert.NotNull(rejected);
        Assert.Same(HostingFixtures.ModelA, rejected.Current);
        Assert.Equal("models/next.json", rejected.Origin);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("$.groups[0].weight", error.Path);
        var entry = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("models/next.json was rejected", entry.Message, StringComparison.Ordinal);
        Assert.Contains(error.ToString(), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReload_SameHash_ChangesNothing()
    {
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var changes = 0;
        source.ModelChanged += (_, _) => changes++;

        Assert.True(source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.DocumentA), "test"));

        Assert.Same(HostingFixtures.ModelA, source.Current);
        Assert.Equal(0, changes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"formatVersion\": 1, \"id\": \"hos")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"formatVersion\": 99}")]
    public void TryReload_BadDocument_ReturnsFalseRaisesModelRejectedAndCountsOnce(string document)
    {
        using var metrics = new HealthScoringMetrics();
        using var counts = new ReloadCounts(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);
        var rejected = new List<HealthModelRejectedEventArgs>();
        source.ModelRejected += (_, e) => rejected.Add(e);

        Assert.False(source.TryReload(Encoding.UTF8.GetBytes(document), "test"));

        Assert.Same(HostingFixtures.ModelA, source.Current);
        Assert.NotEmpty(Assert.Single(rejected).Errors);
        Assert.Equal(1, counts.Rejected);
        Assert.Equal(0, counts.Reloads);
    }

    [Fact]
    public void TryReload_InvalidDefinition_ReturnsFalseRaisesModelRejectedAndCountsOnce()
    {
        using var metrics = new HealthScoringMetrics();
        using var counts = new ReloadCounts(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);
        var rejected = new List<HealthModelRejectedEventArgs>();
        source.ModelRejected += (_, e) => rejected.Add(e);

        Assert.False(source.TryReload(new HealthModelDefinition(), "code"));

        Assert.Same(HostingFixtures.ModelA, source.Current);
        Assert.Equal("code", Assert.Single(rejected).Origin);
        Assert.NotEmpty(rejected[0].Errors);
        Assert.Equal(1, counts.Rejected);
    }

    [Fact]
    public void TryReload_DefinitionSwappedButModelChangedHandlerThrows_PropagatesAndIsNotRejected()
    {
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var rejections = 0;
        source.ModelRejected += (_, _) => rejections++;
        source.ModelChanged += (_, _) => throw new HealthModelException("thrown by the handler");

        Assert.Throws<HealthModelException>(() => source.TryReload(Core.Serialization.HealthModelDocument.Parse(HostingFixtures.DocumentB), "code"));

        Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
        Assert.Equal(0, rejections);
    }

    [Fact]
    public void TryReloadFile_MissingFile_IsRejectedNamingTheFile()
    {
        using var metrics = new HealthScoringMetrics();
        using var counts = new ReloadCounts(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);
        HealthModelRejectedEventArgs? rejected = null;
        source.ModelRejected += (_, e) => rejected = e;
        var path = Path.Combine(HostingFixtures.TempDirectory(), "absent.json");

        Assert.False(source.TryReloadFile(path));

        Assert.Same(HostingFixtures.ModelA, source.Current);
        Assert.NotNull(rejected);
        Assert.Equal(path, rejected.Origin);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("$", error.Path);
        Assert.Equal($"file '{path}' does not exist (resolved to '{path}'); create it, or point the source at the model document.", error.Message);
        Assert.Equal(1, counts.Rejected);
    }

    [Fact]
    public void TryReloadFile_MissingDirectory_IsRejected()
    {
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        HealthModelRejectedEventArgs? rejected = null;
        source.ModelRejected += (_, e) => rejected = e;
        var path = Path.Combine(HostingFixtures.TempDirectory(), "absent", "model.json");

        Assert.False(source.TryReloadFile(path));

        Assert.NotNull(rejected);
        Assert.Contains("does not exist", Assert.Single(rejected.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReloadFile_UnreadablePath_IsRejectedNotThrown()
    {
        using var metrics = new HealthScoringMetrics();
        using var counts = new ReloadCounts(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);
        HealthModelRejectedEventArgs? rejected = null;
        source.ModelRejected += (_, e) => rejected = e;
        var directory = HostingFixtures.TempDirectory(); // a directory cannot be read as a file: access is denied

        Assert.False(source.TryReloadFile(directory));

        Assert.Same(HostingFixtures.ModelA, source.Current);
        Assert.NotNull(rejected);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith($"file '{directory}' could not be read: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Check that it is a file and that this process may read it, then save it again.", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, counts.Rejected);
    }

    [Fact]
    public void TryReloadFile_TruncatedDocument_IsRejectedAtOnce()
    {
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var rejections = 0;
        source.ModelRejected += (_, _) => rejections++;
        var path = Path.Combine(HostingFixtures.TempDirectory(), "model.json");
        File.WriteAllText(path, HostingFixtures.DocumentB[..(HostingFixtures.DocumentB.Length / 2)]);

        Assert.False(source.TryReloadFile(path));

        Assert.Equal(1, rejections);
    }

    [Fact]
    public void Current_ScoredWhileSwappedHundredsOfTimes_EveryResultMatchesExactlyOneModel()
    {
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var documents = new[] { Encoding.UTF8.GetBytes(HostingFixtures.DocumentA), Encoding.UTF8.GetBytes(HostingFixtures.DocumentB) };
        var invalid = Encoding.UTF8.GetBytes(HostingFixtures.InvalidDocument);
        var expected = new Dictionary<string, double>
        {
            [HostingFixtures.ModelA.Hash] = HostingFixtures.ExpectedScoreA,
            [HostingFixtures.ModelB.Hash] = HostingFixtures.ExpectedScoreB,
        };
        var swaps = 0;
        var rejections = 0;
        source.ModelChanged += (_, _) => Interlocked.Increment(ref swaps);
        source.ModelRejected += (_, _) => Interlocked.Increment(ref rejections);
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        long scored = 0;

        var scorers = Enumerable.Range(0, 3).Select(_ => new Thread(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var model = source.Current; // one snapshot per account: values, phase and score from the same model
                    var result = model.Score(HostingFixtures.Values(model));
                    seen.AddOrUpdate(result.ModelHash, 1, static (_, n) => n + 1);
                    if (!expected.TryGetValue(result.ModelHash, out var score) || result.Score != score)
                    {
                        failures.Enqueue($"{result.ModelHash}: {result.Score}");
                    }

                    Interlocked.Increment(ref scored);
                }
            })).ToArray();
        foreach (var thread in scorers)
        {
            thread.Start();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 400; i++)
        {
            Assert.True(source.TryReload(documents[(i + 1) % 2], "swap"));

            // Let the scorers score under each model before the next swap (bounded, so a stalled scorer fails the assertions, not the run).
            var target = Interlocked.Read(ref scored) + 3;
            var spin = System.Diagnostics.Stopwatch.StartNew();
            while (Interlocked.Read(ref scored) < target && spin.ElapsedMilliseconds < 1000)
            {
                Thread.Yield();
            }

            if (i % 10 == 0)
            {
                Assert.False(source.TryReload(invalid, "invalid"));
            }
        }

        stop.Cancel();
        foreach (var thread in scorers)
        {
            thread.Join();
        }

        output.WriteLine($"{swaps} swaps, {rejections} rejections, {scored} accounts scored in {clock.ElapsedMilliseconds} ms; per model: {string.Join(", ", seen.Select(p => $"{p.Key[..8]}={p.Value}"))}");
        Assert.Empty(failures);
        Assert.Equal(400, swaps);
        Assert.Equal(2, seen.Count);
        Assert.Equal(40, rejections);
        Assert.True(scored > 0);
        Assert.All(seen.Keys, hash => Assert.Contains(hash, expected.Keys));
    }
}
