using System.Diagnostics.Metrics;
using System.Text;
using HealthScore.Core.Actions;
using HealthScore.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HealthScore.Core.Tests.Hosting;

public sealed class HealthScoringMetricsTests
{
    [Fact]
    public void Instruments_ScoringActionsAndReloads_AreCountedUnderOpenTelemetryNames()
    {
        using var metrics = new HealthScoringMetrics();
        using var recorded = new Recorder(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);
        var scorer = new HealthScorer(source, metrics);

        scorer.Score(HostingFixtures.Values(scorer.Model));
        var model = scorer.Model;
        scorer.Score(model, HostingFixtures.Values(model), model.DefaultPhase, [], []);
        metrics.RecordActions(fired: 3, suppressed: 2);
        source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB), "test");
        source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.InvalidDocument), "test");
        source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.InvalidDocument), "test");

        Assert.Equal(
            [
                "healthscore.accounts.scored {account} = 2",
                "healthscore.actions.fired {action} = 3",
                "healthscore.actions.suppressed {action} = 2",
                "healthscore.model.rejected {reload} = 2",
                "healthscore.model.reloads {reload} = 1",
            ],
            recorded.Totals());
        Assert.Equal(HealthScoringMetrics.MeterName, metrics.Meter.Name);
    }

    [Fact]
    public void RecordActions_Evaluation_CountsFiredAndHeldBackIncludingTruncated()
    {
        using var metrics = new HealthScoringMetrics();
        using var recorded = new Recorder(metrics.Meter);

        // 5 matched, 3 written to a too-small buffer, 2 fired: 3 held back.
        metrics.RecordActions(new ActionEvaluation(count: 3, firedCount: 2, readingCount: 0, matchedCount: 5));

        Assert.Equal(["healthscore.actions.fired {action} = 2", "healthscore.actions.suppressed {action} = 3"], recorded.Totals());
    }

    [Fact]
    public void Score_ThroughTheScorer_AllocatesNothing()
    {
        using var metrics = new HealthScoringMetrics();
        using var recorded = new Recorder(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var scorer = new HealthScorer(source, metrics);
        var values = HostingFixtures.Values(scorer.Model);
        scorer.Score(values);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scorer.Score(values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("healthscore.accounts.scored {account} = 1001", recorded.Totals());
    }

    [Fact]
    public void AddHealthScoring_WithMeterFactory_CreatesTheMeterThroughIt()
    {
        using var provider = new ServiceCollection().AddMetrics().AddHealthScoring(b => b.UseModel(HostingFixtures.ModelA)).BuildServiceProvider();
        var metrics = provider.GetRequiredService<HealthScoringMetrics>();
        using var recorded = new Recorder(metrics.Meter);

        provider.GetRequiredService<HealthScorer>().Score(HostingFixtures.Values(HostingFixtures.ModelA));

        Assert.Same(provider.GetRequiredService<IMeterFactory>(), metrics.Meter.Scope);
        Assert.Equal(["healthscore.accounts.scored {account} = 1"], recorded.Totals());
    }

    /// <summary>Sums every measurement of one meter's instruments (only that instance, so parallel tests do not interfere).</summary>
    internal sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<Instrument, long> _totals = [];

        public Recorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_totals)
                {
                    _totals[instrument] = _totals.GetValueOrDefault(instrument) + value; // no allocation: the scorer's test measures it
                }
            });
            _listener.Start();
        }

        public string[] Totals()
        {
            lock (_totals)
            {
                return [.. _totals.Where(t => t.Value != 0).Select(t => $"{t.Key.Name} {t.Key.Unit} = {t.Value}").Order(StringComparer.Ordinal)];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
