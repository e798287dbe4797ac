using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Tests.Trend;

public sealed class TrendTests
{
    [Fact]
    public void Trend_PreviousValues_ExplainsDeltaLargestFirst()
    {
        var model = TestModels.Saas();
        var phase = model.GetPhase("adoption");
        var previous = TestModels.Values(model, ("logins_per_week", 4), ("feature_breadth", 0.45), ("open_critical_tickets", 0), ("days_to_resolve", 3), ("csat", 4), ("milestones_done", 0.8));
        var current = (double[])previous.Clone();
        current[model.GetMetric("logins_per_week").Index] = 1;
        current[model.GetMetric("open_critical_tickets").Index] = 1;
        var changes = new MetricChange[model.Metrics.Count];

        var trend = model.Trend(previous, phase, current, phase, changes);

        // logins 0.8 → 0.2 at effective weight 4/15: −16 pts; tickets 1 → 0.4 at 0.1: −6 pts
        Assert.Equal(TrendDirection.Down, trend.Direction);
        Assert.Equal(2, trend.ChangeCount);
        Assert.Equal(model.GetMetric("logins_per_week").Index, changes[0].MetricIndex);
        Assert.Equal(-16, changes[0].Points, 10);
        Assert.Equal(-6, changes[1].Points, 10);
        Assert.Equal(-22, trend.Delta);
        Assert.True(trend.BandChanged);
        Assert.Equal("healthy", trend.PreviousBand.Id);
        Assert.Equal("watch", trend.CurrentBand.Id);
    }

    [Fact]
    public void Trend_ChangeWithinDeadBand_IsFlat()
    {
        var model = TestModels.SaasBuilder().WithTrendDeadBand(2).Build();
        var a = model.Score(TestModels.Values(model, ("logins_per_week", 2), ("feature_breadth", 0.3), ("csat", 3), ("milestones_done", 1)));
        var b = model.Score(TestModels.Values(model, ("logins_per_week", 2.2), ("feature_breadth", 0.3), ("csat", 3), ("milestones_done", 1)));

        var trend = model.Trend(a, b);

        Assert.Equal(TrendDirection.Flat, trend.Direction);
        Assert.Equal(b.Score - a.Score, trend.Delta);
        Assert.Equal(0, trend.ChangeCount);
    }

    [Fact]
    public void Trend_InsufficientData_DirectionUnknown()
    {
        var model = TestModels.Saas();
        var scored = model.Score(TestModels.Values(model, ("logins_per_week", 2), ("feature_breadth", 0.3), ("csat", 3), ("milestones_done", 1)));
        var insufficient = model.Score(model.CreateValues());

        var trend = model.Trend(scored, insufficient);

        Assert.Equal(TrendDirection.Unknown, trend.Direction);
        Assert.Null(trend.Delta);
        Assert.True(trend.BandChanged);
        Assert.StartsWith("change unknown (no score to compare) · ", model.Explain(trend, []), StringComparison.Ordinal);
        Assert.DoesNotContain("change −", model.Explain(trend, []), StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_ResultsOfAnotherModel_Throws()
    {
        var model = TestModels.Saas();
        var other = TestModels.SaasBuilder().WithTrendDeadBand(5).Build();
        var a = model.Score(model.CreateValues());
        var b = other.Score(other.CreateValues());

        var error = Assert.Throws<ArgumentException>(() => model.Trend(a, b));

        Assert.StartsWith("The result was produced by another model", error.Message);
    }

    [Fact]
    public void Trend_SmallBuffer_KeepsLargestChanges()
    {
        var model = TestModels.Saas();
        var phase = model.DefaultPhase;
        var previous = TestModels.Values(model, ("logins_per_week", 4), ("feature_breadth", 0.45), ("open_critical_tickets", 0), ("csat", 4));
        var current = TestModels.Values(model, ("logins_per_week", 3), ("feature_breadth", 0.05), ("open_critical_tickets", 3), ("csat", 4.5));
        var changes = new MetricChange[1];

        var trend = model.Trend(previous, phase, current, phase, changes);

        Assert.Equal(1, trend.ChangeCount);
        Assert.Equal(model.GetMetric("open_critical_tickets").Index, changes[0].MetricIndex); // −10 pts, the largest move
    }

    [Fact]
    public void Trend_ManyCalls_AllocateNothing()
    {
        var model = TestModels.Saas();
        var phase = model.DefaultPhase;
        var previous = TestModels.Values(model, ("logins_per_week", 4), ("feature_breadth", 0.45), ("csat", 4));
        var current = TestModels.Values(model, ("logins_per_week", 2), ("feature_breadth", 0.45), ("csat", 3));
        var changes = new MetricChange[model.Metrics.Count];
        var previousContributions = new MetricContribution[model.Metrics.Count];
        var currentContributions = new MetricContribution[model.Metrics.Count];
        model.Trend(previous, phase, current, phase, changes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        for (var i = 0; i < 5_000; i++)
        {
            count += model.Trend(previous, phase, current, phase, changes).ChangeCount;
            var a = model.Score(previous, phase, previousContributions, []);
            var b = model.Score(current, phase, currentContributions, []);
            count += model.Trend(a, previousContributions, b, currentContributions, changes).ChangeCount;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20_000, count);
    }
}
