using System.Globalization;
using HealthScore.Core.Actions;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Trend;

namespace HealthScore.Benchmarks.Tests;

/// <summary>The pipeline benchmark's hand-written peer evaluates generated accounts exactly as the engine does.</summary>
public sealed class PipelinePeerTests
{
    private const int Accounts = 1_200;

    [Fact]
    public void HandWrittenPipeline_GeneratedAccounts_EqualsHealthEngine()
    {
        var engine = PipelineFixture.CreateEngine();
        var workspace = engine.CreateWorkspace();
        var facts = new AccountFacts(engine.Model.Account);
        var peer = new HandWrittenPipeline();
        var mismatches = new List<string>();
        var phases = new Dictionary<string, int>(StringComparer.Ordinal);
        var exceptions = new Dictionary<string, int>(StringComparer.Ordinal);
        var firedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        int insufficient = 0, cooledDown = 0, trends = 0, changes = 0;

        foreach (var account in PipelineFixture.CreateAccounts(Accounts, seed: 11))
        {
            var records = account.Records;
            var id = records.Account!.Id;
            PipelineFixture.FillFacts(records.Account, facts);
            var handWrittenAccount = HandWrittenAccount.From(records);

            // Each side keeps its own history: the engine's snapshot for the engine, the peer's for the peer.
            HealthSnapshot? previous = null;
            HandWrittenSnapshot? peerPrevious = null;
            if (account.PreviousAsOf is { } then)
            {
                previous = engine.Evaluate(new AccountInput { AccountId = id, AsOf = then, Facts = facts, Records = records }, workspace).ToSnapshot();
                peerPrevious = peer.Evaluate(handWrittenAccount, then, null).ToSnapshot();
            }

            var health = engine.Evaluate(new AccountInput { AccountId = id, AsOf = account.AsOf, Facts = facts, Records = records, Previous = previous }, workspace);
            var expected = peer.Evaluate(handWrittenAccount, account.AsOf, peerPrevious);

            var engineFired = new List<string>();
            foreach (var action in health.Actions)
            {
                if (action.IsFired)
                {
                    engineFired.Add(action.RuleId);
                }
                else if (action.Status == ActionStatus.SuppressedByCooldown)
                {
                    cooledDown++;
                }
            }

            var peerFired = expected.Actions.Where(a => a.Fired).Select(a => a.Id).ToList();
            void Check(bool same, string what, object? engineValue, object? peerValue)
            {
                if (!same)
                {
                    mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: {what}: engine {engineValue}, hand-written {peerValue}"));
                }
            }

            Check(health.Phase.Id == expected.Phase, "phase", health.Phase.Id, expected.Phase);
            Check(health.Result.Score == expected.Score, "score", health.Result.Score, expected.Score);
            Check(Close(health.Result.UnroundedScore, expected.UnroundedScore), "unrounded score", health.Result.UnroundedScore, expected.UnroundedScore);
            Check(health.Result.Band.Id == expected.Band, "band", health.Result.Band.Id, expected.Band);
            Check(health.BandException?.Id == expected.BandForcedBy, "band exception", health.BandException?.Id, expected.BandForcedBy);
            Check(Math.Abs(health.Result.Coverage - expected.Coverage) <= 1e-12, "coverage", health.Result.Coverage, expected.Coverage);
            Check(engineFired.Order(StringComparer.Ordinal).SequenceEqual(peerFired.Order(StringComparer.Ordinal)), "fired actions", string.Join(' ', engineFired), string.Join(' ', peerFired));
            Check(health.Actions.Length == expected.Actions.Count, "matched actions", health.Actions.Length, expected.Actions.Count);
            Check(health.Trend.HasValue == expected.Trend is not null, "trend", health.Trend.HasValue, expected.Trend is not null);
            if (health.Trend is { } trend && expected.Trend is { } peerTrend)
            {
                trends++;
                changes += trend.ChangeCount;
                Check(trend.Delta == peerTrend.Delta, "delta", trend.Delta, peerTrend.Delta);
                Check(Direction(trend.Direction) == peerTrend.Direction, "direction", trend.Direction, peerTrend.Direction);
                Check(trend.BandChanged == peerTrend.BandChanged, "band changed", trend.BandChanged, peerTrend.BandChanged);
                Check(trend.ChangeCount == peerTrend.Changes.Count, "metric changes", trend.ChangeCount, peerTrend.Changes.Count);
                if (trend.ChangeCount > 0 && peerTrend.Changes.Count > 0)
                {
                    var top = engine.Model.Metrics[health.Changes[0].MetricIndex].Id;
                    Check(top == peerTrend.Changes[0].MetricId, "largest change", top, peerTrend.Changes[0].MetricId);
                    Check(Math.Abs(health.Changes[0].Points - peerTrend.Changes[0].Points) <= 1e-9, "largest change's points", health.Changes[0].Points, peerTrend.Changes[0].Points);
                }
            }

            Count(phases, expected.Phase);
            if (expected.BandForcedBy is { } forcedBy)
            {
                Count(exceptions, forcedBy);
            }

            foreach (var fired in peerFired)
            {
                Count(firedIds, fired);
            }

            insufficient += expected.Score is null ? 1 : 0;
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches, the first:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches.Take(20))}");

        // The accounts exercise every part of the pipeline, so the agreement means something.
        Assert.Equal(4, phases.Count);
        Assert.All(phases.Values, count => Assert.InRange(count, Accounts / 50, Accounts - 1));
        Assert.Equal(2, exceptions.Count);
        Assert.All(exceptions.Values, count => Assert.InRange(count, 10, Accounts - 1));
        Assert.True(firedIds.Count >= 15, $"only {firedIds.Count} different actions fired: {string.Join(", ", firedIds.Keys)}");
        Assert.InRange(insufficient, 10, Accounts / 2);
        Assert.True(cooledDown >= 10, $"only {cooledDown} actions were held back by a cooldown");
        Assert.InRange(trends, Accounts / 2, Accounts - 10);
        Assert.True(changes > trends, "the trends must explain score changes metric by metric");
    }

    private static bool Close(double? a, double? b) => a is { } x && b is { } y ? Math.Abs(x - y) <= 1e-9 : a is null && b is null;

    private static string Direction(TrendDirection direction) => direction switch
    {
        TrendDirection.Up => "up",
        TrendDirection.Down => "down",
        TrendDirection.Flat => "flat",
        _ => "unknown",
    };

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
