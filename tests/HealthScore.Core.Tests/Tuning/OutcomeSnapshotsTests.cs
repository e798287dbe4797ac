using HealthScore.Core.Pipeline;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

public sealed class OutcomeSnapshotsTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void Select_Churned_LastSnapshotAtLeastTheLeadDaysBeforeTheOutcome()
    {
        // Churned on day 100: day 70 is exactly 30 days before and counts; day 80 is too close, day 60 older.
        var selection = OutcomeSnapshots.Select([Snap("a", 60, 55), Snap("a", 80, 20), Snap("a", 70, 40)], [Outcome("a", OutcomeKind.Churned, 100)]);

        var chosen = Assert.Single(selection.Snapshots);
        Assert.Equal((40.0, true, OutcomeKind.Churned, Start.AddDays(100)), (chosen.Snapshot.Score!.Value, chosen.Churned, chosen.Outcome!.Value, chosen.OutcomeDate));
        Assert.Empty(selection.Skipped);
        Assert.Equal(30, selection.LeadDays);
    }

    [Fact]
    public void Select_LeadDays_MovesTheCutOff()
    {
        var snapshots = new[] { Snap("a", 60, 55), Snap("a", 70, 40), Snap("a", 80, 20), Snap("a", 100, 5) };
        Assert.Equal(55, OutcomeSnapshots.Select(snapshots, [Outcome("a", OutcomeKind.Churned, 100)], leadDays: 31).Snapshots[0].Snapshot.Score);
        Assert.Equal(20, OutcomeSnapshots.Select(snapshots, [Outcome("a", OutcomeKind.Churned, 100)], leadDays: 20).Snapshots[0].Snapshot.Score);
        Assert.Equal(5, OutcomeSnapshots.Select(snapshots, [Outcome("a", OutcomeKind.Churned, 100)], leadDays: 0).Snapshots[0].Snapshot.Score);
    }

    [Fact]
    public void Select_RenewedAndStayers_LabelledAsNotChurned_StayersOnlyWithAReviewDate()
    {
        HealthSnapshot[] snapshots = [Snap("renewed", 10, 80), Snap("stayer", 50, 70), Snap("stayer", 95, 10), Snap("churner", 5, 30)];
        RecordedOutcome[] outcomes = [Outcome("renewed", OutcomeKind.Renewed, 60), Outcome("churner", OutcomeKind.Churned, 40)];

        var without = OutcomeSnapshots.Select(snapshots, outcomes);
        Assert.Equal(["churner", "renewed"], without.Snapshots.Select(static s => s.Snapshot.AccountId));
        Assert.Equal([true, false], without.Churned());
        Assert.Null(without.ReviewDate);

        var review = OutcomeSnapshots.Select(snapshots, outcomes, reviewDate: Start.AddDays(100));
        Assert.Equal(["churner", "renewed", "stayer"], review.Snapshots.Select(static s => s.Snapshot.AccountId));
        var stayer = review.Snapshots[2];
        Assert.Equal((70.0, (OutcomeKind?)null, false, Start.AddDays(100)), (stayer.Snapshot.Score!.Value, stayer.Outcome, stayer.Churned, stayer.OutcomeDate)); // day 95 is too close to the review
    }

    [Fact]
    public void Select_NoSnapshotOrNoneEarlyEnough_SkippedWithWhy()
    {
        var selection = OutcomeSnapshots.Select(
            [Snap("late", 90, 50), Snap("kept", 10, 50), Snap("recent", 99, 50)],
            [Outcome("late", OutcomeKind.Churned, 100), Outcome("absent", OutcomeKind.Renewed, 100), Outcome("kept", OutcomeKind.Renewed, 100)],
            reviewDate: Start.AddDays(100));

        Assert.Equal(["kept"], selection.Snapshots.Select(static s => s.Snapshot.AccountId));
        Assert.Equal(
            [new SkippedOutcome("absent", SkipReason.NoSnapshot, Start.AddDays(100)), new SkippedOutcome("late", SkipReason.NoSnapshotBeforeLead, Start.AddDays(100)), new SkippedOutcome("recent", SkipReason.NoSnapshotBeforeLead, Start.AddDays(100))],
            selection.Skipped);
    }

    [Fact]
    public void Select_AnyOrder_SameSelection_LastGivenWinsOnOneDay()
    {
        var first = Snap("a", 10, 50);
        var second = Snap("a", 10, 60) with { ModelHash = "h2" };
        var outcomes = new[] { Outcome("a", OutcomeKind.Churned, 50) };
        Assert.Equal("h2", OutcomeSnapshots.Select([Snap("a", 5, 1), first, second], outcomes).Snapshots[0].Snapshot.ModelHash);
        Assert.Equal("h", OutcomeSnapshots.Select([second, first, Snap("a", 5, 1)], outcomes).Snapshots[0].Snapshot.ModelHash);
        Assert.Equal(1, OutcomeSnapshots.Select([Snap("a", 11, 9), Snap("a", 5, 1)], outcomes, leadDays: 40).Snapshots[0].Snapshot.Score);
    }

    [Fact]
    public void Select_BadInput_ArgumentErrors()
    {
        var twice = Assert.Throws<ArgumentException>(() => OutcomeSnapshots.Select([], [Outcome("a", OutcomeKind.Churned, 5), Outcome("a", OutcomeKind.Renewed, 9)]));
        Assert.StartsWith("Account 'a' has two outcomes (Churned on 2026-01-06 and Renewed on 2026-01-10); keep the one that counts.", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OutcomeSnapshots.Select([], [Outcome("", OutcomeKind.Churned, 5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomeSnapshots.Select([], [], leadDays: -1));
    }

    [Fact]
    public void ValuesAndPhases_ByMetricIdAndPhaseId_ForTheModelGiven()
    {
        var model = TestModels.Saas();
        var snapshot = Snap("a", 0, 50) with
        {
            Phase = "renewal",
            Metrics = new Dictionary<string, double?>(StringComparer.Ordinal) { ["nps"] = 30, ["logins_per_week"] = null, ["retired_metric"] = 9 },
        };
        var selection = OutcomeSnapshots.Select([snapshot, Snap("b", 0, 50) with { Phase = "gone" }], [Outcome("a", OutcomeKind.Churned, 40), Outcome("b", OutcomeKind.Renewed, 40)]);

        var values = selection.Values(model);
        Assert.Equal(2 * model.Metrics.Count, values.Length);
        Assert.Equal(30, values[model.GetMetric("nps").Index]);
        Assert.True(double.IsNaN(values[model.GetMetric("logins_per_week").Index]));
        Assert.Equal(["renewal", model.DefaultPhase.Id], selection.Phases(model).Select(static p => p.Id));
    }

    private static RecordedOutcome Outcome(string account, OutcomeKind kind, int day) => new(account, kind, Start.AddDays(day));

    private static HealthSnapshot Snap(string account, int day, double score) => new()
    {
        AccountId = account, AsOf = new DateTimeOffset(Start.AddDays(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        ModelId = "m", ModelVersion = "1", ModelHash = "h", Phase = "adoption", Band = "watch", Score = score,
    };
}
