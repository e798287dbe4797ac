using System.Diagnostics.Metrics;
using HealthScore.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HealthScore.Core.Tests.Hosting;

public sealed class HealthModelSourceWatchTests
{
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(30);

    [Fact]
    public void Watch_TruncatedThenCompletedBeforeTheSecondDebounce_IsAcceptedWithoutRejection()
    {
        using var watched = new WatchedModel();

        File.WriteAllText(watched.Path, HostingFixtures.DocumentB[..(HostingFixtures.DocumentB.Length / 2)]);
        watched.AdvanceUntilRereadIsScheduled();
        File.WriteAllText(watched.Path, HostingFixtures.DocumentB);

        Assert.True(HostingFixtures.Eventually(() =>
        {
            watched.Time.Advance(Debounce);
            return watched.Source.Current.Hash == HostingFixtures.ModelB.Hash;
        }));
        Assert.Empty(watched.Rejections);
        Assert.Equal(1, watched.Changes);
        Assert.Equal(0, watched.Counts.Rejected);
        Assert.Equal(1, watched.Counts.Reloads);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("{\n  \"formatVersion\": 1,\n  \"id\": \"hos")]
    public void Watch_LeftIncomplete_IsRejectedOnceAfterOneMoreDebounce(string written)
    {
        using var watched = new WatchedModel();

        File.WriteAllText(watched.Path, written);
        watched.AdvanceUntilRereadIsScheduled();

        Assert.Empty(watched.Rejections);
        Assert.Equal(0, watched.Counts.Rejected);

        watched.Time.Advance(Debounce); // the timer fires on this thread, so the re-read is done when Advance returns

        var rejection = Assert.Single(watched.Rejections);
        Assert.Equal(watched.Path, rejection.Origin);
        Assert.NotEmpty(rejection.Errors);
        Assert.Equal(1, watched.Counts.Rejected);
        Assert.Equal(HostingFixtures.ModelA.Hash, watched.Source.Current.Hash);
        Assert.Single(watched.Logs.Entries, e => e.Message.Contains("ends before its JSON is complete", StringComparison.Ordinal));
    }

    [Fact]
    public void Watch_CompleteButInvalid_IsRejectedAtTheFirstRead()
    {
        using var watched = new WatchedModel();

        File.WriteAllText(watched.Path, HostingFixtures.InvalidDocument);

        Assert.True(HostingFixtures.Eventually(() =>
        {
            watched.Time.Advance(Debounce);
            return !watched.Rejections.IsEmpty;
        }));
        var rejection = Assert.Single(watched.Rejections);
        Assert.Equal("$.groups[0].weight", Assert.Single(rejection.Errors).Path);
        Assert.Equal(1, watched.Counts.Rejected);
        Assert.DoesNotContain(watched.Logs.Entries, e => e.Message.Contains("ends before its JSON is complete", StringComparison.Ordinal));
    }

    [Fact]
    public void Watch_FileDeleted_IsRejectedNotThrown()
    {
        using var watched = new WatchedModel();

        File.Delete(watched.Path);

        Assert.True(HostingFixtures.Eventually(() =>
        {
            watched.Time.Advance(Debounce);
            return !watched.Rejections.IsEmpty;
        }));
        var error = Assert.Single(Assert.Single(watched.Rejections).Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains(watched.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, watched.Counts.Rejected);
        Assert.DoesNotContain(watched.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("failed", StringComparison.Ordinal));
        Assert.Equal(HostingFixtures.ModelA.Hash, watched.Source.Current.Hash);
    }

    /// <summary>A source watching a file that holds document A, its debounce on a fake clock, with its events, log and counters captured.</summary>
    private sealed class WatchedModel : IDisposable
    {
        private readonly ServiceProvider _provider;
        private int _changes;

        public WatchedModel()
        {
            Path = System.IO.Path.Combine(HostingFixtures.TempDirectory(), "model.json");
            File.WriteAllText(Path, HostingFixtures.DocumentA);
            _provider = new ServiceCollection()
                .AddSingleton<TimeProvider>(Time)
                .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
                .AddHealthScoring(b => b.UseModelFile(Path).Configure(o => o.ReloadDebounce = Debounce))
                .BuildServiceProvider();
            Counts = new ReloadCounts(_provider.GetRequiredService<HealthScoringMetrics>().Meter);
            Source = _provider.GetRequiredService<HealthModelSource>();
            Source.ModelRejected += (_, e) => Rejections.Enqueue(e);
            Source.ModelChanged += (_, _) => Interlocked.Increment(ref _changes);
        }

        public string Path { get; }

        public FakeTimeProvider Time { get; } = new();

        public ListLoggerProvider Logs { get; } = new();

        public ReloadCounts Counts { get; }

        public HealthModelSource Source { get; }

        public System.Collections.Concurrent.ConcurrentQueue<HealthModelRejectedEventArgs> Rejections { get; } = new();

        public int Changes => Volatile.Read(ref _changes);

        /// <summary>Advances the fake clock a debounce at a time until the watcher has read the file once and put off judging it.</summary>
        public void AdvanceUntilRereadIsScheduled() =>
            Assert.True(
                HostingFixtures.Eventually(() =>
                {
                    Time.Advance(Debounce);
                    return Logs.Entries.Any(e => e.Message.Contains("ends before its JSON is complete", StringComparison.Ordinal));
                }),
                "the incomplete document was not read");

        public void Dispose()
        {
            Counts.Dispose();
            _provider.Dispose();
            Logs.Dispose();
        }
    }
}

/// <summary>Counts one meter's <c>healthscore.model.reloads</c> and <c>healthscore.model.rejected</c> (only that instance, so parallel tests do not interfere).</summary>
internal sealed class ReloadCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _reloads;
    private long _rejected;

    public ReloadCounts(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name is "healthscore.model.reloads" or "healthscore.model.rejected")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            Interlocked.Add(ref instrument.Name == "healthscore.model.rejected" ? ref _rejected : ref _reloads, value));
        _listener.Start();
    }

    public long Reloads => Interlocked.Read(ref _reloads);

    public long Rejected => Interlocked.Read(ref _rejected);

    public void Dispose() => _listener.Dispose();
}
