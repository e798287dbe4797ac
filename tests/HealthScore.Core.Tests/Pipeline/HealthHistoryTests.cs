using HealthScore.Core.Pipeline;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>An account's snapshots read as a history: windows of calendar days, days in band, consecutive declines.</summary>
public sealed class HealthHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 9, 30, 0, TimeSpan.FromHours(9));

    private static HealthSnapshot At(int day, double? score, string band, string hash = "h1") => new()
    {
        AccountId = "acme", AsOf = Start.AddDays(day), ModelId = "m", ModelVersion = "1", ModelHash = hash, Phase = "adoption",
        Score = score, Band = band,
    };

    [Fact]
    public void Window_ThirtyDays_ChangeFromTheLastSnapshotOnOrBeforeTheFirstDay()
    {
        var history = new HealthHistory([At(60, 48, "watch"), At(0, 80, "healthy"), At(20, 75, "healthy"), At(30, 70, "healthy"), At(45, 55, "watch")]);

        var month = history.Window(30);

        Assert.Equal(At(30, 70, "healthy").AsOf, month.Baseline?.AsOf);
        Assert.Equal(-22, month.Change);
        Assert.Equal(48, month.Lowest);
        Assert.Equal(55, month.Highest);
        Assert.Equal(DateOnly.FromDateTime(Start.AddDays(60).DateTime), month.To);
        Assert.Equal(month.To.AddDays(-30), month.From);
        Assert.True(month.IsCovered);
        Assert.False(month.SpansModelVersions);
    }

    [Theory]
    [InlineData(3, -7.0)]
    [InlineData(15, -7.0)]
    [InlineData(16, -32.0)]
    [InlineData(60, -32.0)]
    [InlineData(61, null)]
    public void Window_AnyLength_BaselineIsTheScoreInEffectOnTheFirstDay(int days, double? change)
    {
        var history = new HealthHistory([At(0, 80, "healthy"), At(45, 55, "watch"), At(60, 48, "watch")]);

        var window = history.Window(days);

        Assert.Equal(change, window.Change);
        Assert.Equal(change is not null, window.IsCovered);
    }

    [Fact]
    public void Window_CalendarDates_TimeOfDayDoesNotMoveTheBaseline()
    {
        // 23:59 on day 0 and 00:01 on day 7: seven calendar days apart, though not a whole seven days.
        var late = At(0, 60, "watch") with { AsOf = new DateTimeOffset(2026, 9, 1, 23, 59, 0, TimeSpan.Zero) };
        var early = At(7, 50, "watch") with { AsOf = new DateTimeOffset(2026, 9, 8, 0, 1, 0, TimeSpan.Zero) };

        Assert.Equal(-10, new HealthHistory([late, early]).Window(7).Change);
    }

    [Fact]
    public void Window_DecimalScores_ChangeHasNoBinaryNoise()
    {
        Assert.Equal(-10, new HealthHistory([At(0, 16.1, "watch"), At(30, 6.1, "at_risk")]).Window(30).Change);
        Assert.Equal(-7.2, new HealthHistory([At(0, 72.3, "healthy"), At(30, 65.1, "watch")]).Window(30).Change);
    }

    [Fact]
    public void DaysInBandAndConsecutiveDeclines_CountTheRunUpToTheLatest()
    {
        var history = new HealthHistory([At(0, 80, "healthy"), At(10, 45, "watch"), At(20, 42, "watch"), At(25, 41, "watch"), At(30, 39, "watch")]);

        Assert.Equal(20, history.DaysInBand);
        Assert.Equal(4, history.ConsecutiveDeclines);
        Assert.Equal(0, new HealthHistory([At(0, 40, "watch"), At(5, 41, "watch")]).ConsecutiveDeclines);
        Assert.Equal(0, new HealthHistory([At(0, 40, "watch"), At(5, null, "insufficient_data")]).DaysInBand);
    }

    [Fact]
    public void Window_SnapshotsOfAnotherModelVersion_Flagged()
    {
        var history = new HealthHistory([At(0, 80, "healthy"), At(10, 70, "healthy", hash: "h2"), At(20, 60, "watch", hash: "h2")]);

        Assert.True(history.Window(15).SpansModelVersions);
        Assert.False(history.Window(5).SpansModelVersions);
        Assert.Equal(-20, history.Window(20).Change);
    }

    [Fact]
    public void Constructor_BadSnapshots_ClearErrors()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => new HealthHistory([])).Message, StringComparison.Ordinal);
        Assert.Contains("more than one account", Assert.Throws<ArgumentException>(() => new HealthHistory([At(0, 1, "a"), At(1, 1, "a") with { AccountId = "other" }])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthHistory([At(0, 1, "a")]).Window(0));
    }

    [Fact]
    public void History_FromTheEngine_FollowsTheAccountsEvaluations()
    {
        var engine = new HealthEngine(PipelineSamples.SampleModel);
        var snapshots = new List<HealthSnapshot>();
        HealthSnapshot? previous = null;
        for (var week = 0; week < 6; week++)
        {
            var values = PipelineSamples.Thriving(engine.Model);
            values[engine.Model.GetMetric("logins_per_week").Index] = 5 - week;
            values[engine.Model.GetMetric("nps").Index] = 60 - (week * 25);
            previous = engine.Evaluate(new AccountInput { AccountId = "acme", AsOf = PipelineSamples.AsOf.AddDays(week * 7), MetricValues = values, Facts = PipelineSamples.Facts(engine.Model, 200 + (week * 7)), Previous = previous }).ToSnapshot();
            snapshots.Add(previous);
        }

        var history = new HealthHistory(snapshots);

        Assert.Equal(5, history.ConsecutiveDeclines);
        Assert.Equal(snapshots[^1].Score - snapshots[1].Score, history.Window(28).Change);
        Assert.True(history.Window(28).Change < 0);
    }
}
