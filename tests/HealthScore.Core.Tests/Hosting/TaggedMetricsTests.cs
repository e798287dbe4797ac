using System.Diagnostics.Metrics;
using System.Text;
using HealthScore.Core.Hosting;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.Tests.Hosting;

public sealed class TaggedMetricsTests
{
    [Fact]
    public void Evaluate_ThroughTheScorer_TagsModelPhaseAndBand()
    {
        using var metrics = new HealthScoringMetrics();
        using var recorded = new TagRecorder(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);
        var scorer = new HealthScorer(source, metrics);
        var workspace = scorer.CreateWorkspace();
        var model = workspace.Engine.Model;

        scorer.Evaluate(new AccountInput { AccountId = "acme", AsOf = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), MetricValues = HostingFixtures.Values(model) }, workspace);
        scorer.Evaluate(new AccountInput { AccountId = "globex", AsOf = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), MetricValues = model.CreateValues() }, workspace);
        scorer.Score(HostingFixtures.Values(model));

        Assert.Equal(
            [
                "healthscore.accounts.scored healthscore.band=insufficient_data healthscore.model.id=hosted healthscore.phase=default = 1",
                "healthscore.accounts.scored healthscore.band=watch healthscore.model.id=hosted healthscore.phase=default = 2",
            ],
            recorded.Totals());
    }

    [Fact]
    public void Reloads_AndRejections_AreTaggedWithTheModelId()
    {
        using var metrics = new HealthScoringMetrics();
        using var recorded = new TagRecorder(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA, metrics: metrics);

        source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB), "test");
        source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.InvalidDocument), "test");
        metrics.RecordActions(HostingFixtures.ModelA, fired: 2, suppressed: 1);

        Assert.Equal(
            [
                "healthscore.actions.fired healthscore.model.id=hosted = 2",
                "healthscore.actions.suppressed healthscore.model.id=hosted = 1",
                "healthscore.model.rejected healthscore.model.id=hosted = 1",
                "healthscore.model.reloads healthscore.model.id=hosted = 1",
            ],
            recorded.Totals());
    }

    [Fact]
    public void Evaluate_ThroughTheScorerWithTags_AllocatesNothing()
    {
        using var metrics = new HealthScoringMetrics();
        using var recorded = new HealthScoringMetricsTests.Recorder(metrics.Meter);
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var scorer = new HealthScorer(source, metrics);
        var workspace = scorer.CreateWorkspace();
        var input = new AccountInput { AccountId = "acme", AsOf = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), MetricValues = HostingFixtures.Values(workspace.Engine.Model) };
        scorer.Evaluate(input, workspace);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            scorer.Evaluate(input, workspace);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("healthscore.accounts.scored {account} = 1001", recorded.Totals());
    }

    /// <summary>Sums the measurements of one meter's instruments by instrument and tags.</summary>
    private sealed class TagRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);

        public TagRecorder(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var key = instrument.Name + string.Concat(tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $" {t.Key}={t.Value}"));
                lock (_totals)
                {
                    _totals[key] = _totals.GetValueOrDefault(key) + value;
                }
            });
            _listener.Start();
        }

        public string[] Totals()
        {
            lock (_totals)
            {
                return [.. _totals.Select(t => $"{t.Key} = {t.Value}").Order(StringComparer.Ordinal)];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
