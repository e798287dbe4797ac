using HealthScore.Core.Actions;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;
using static HealthScore.Storage.Sqlite.Tests.Snapshots;

namespace HealthScore.Storage.Sqlite.Tests;

/// <summary>What every <see cref="IHealthHistoryStore"/> must do, run against each implementation.</summary>
public abstract class HistoryStoreContract : IDisposable
{
    private IHealthHistoryStore? _store;

    protected IHealthHistoryStore Store => _store ??= Create();

    protected abstract IHealthHistoryStore Create();

    public virtual void Dispose()
    {
        (_store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Append_SameAccountAsOfAndModel_ChangesNothing()
    {
        Assert.True(await Store.AppendAsync(Of("acme", 0, 50, actions: ("coach_setup", ActionStatus.Fired))));
        Assert.False(await Store.AppendAsync(Of("acme", 0, 20, actions: ("escalate", ActionStatus.Fired))));

        var history = await Store.ReadAsync("acme");
        var snapshot = Assert.Single(history.Snapshots);
        Assert.Equal(50, snapshot.Score);
        Assert.Equal("coach_setup", Assert.Single(history.Actions).ActionId);
    }

    [Fact]
    public async Task Append_SameAsOfAnotherModel_KeepsBothInTheOrderWritten()
    {
        await Store.AppendAsync(Of("acme", 0, 50, "old"));
        await Store.AppendAsync(Of("acme", 0, 60, "new"));

        var history = await Store.ReadAsync("acme");
        Assert.Equal(["old", "new"], history.Snapshots.Select(static s => s.ModelHash));
        Assert.Equal(60, history.Latest!.Score);
    }

    [Fact]
    public async Task Append_RoundTrip_ReadsBackTheSnapshotAndARecordPerMatchedAction()
    {
        var snapshot = Of("acme", 3, 42, actions: [("answer_escalations", ActionStatus.Fired), ("coach_setup", ActionStatus.SuppressedByConsent)]) with { Overrides = [Band("healthy", 1)], Profile = "smb" };
        await Store.AppendAsync(snapshot);

        var history = await Store.ReadAsync("acme");
        var read = Assert.Single(history.Snapshots);
        Assert.Equal(HealthSnapshotJson.Write(snapshot), HealthSnapshotJson.Write(read));
        Assert.Collection(
            history.Actions,
            a => Assert.Equal(("answer_escalations", ActionStatus.Fired, true, snapshot.AsOf), (a.ActionId, a.Status, a.IsOpen, a.AsOf)),
            a => Assert.Equal(("coach_setup", ActionStatus.SuppressedByConsent, false), (a.ActionId, a.Status, a.IsOpen)));
        Assert.Equal(["answer_escalations"], history.OpenActions);
    }

    [Fact]
    public async Task Append_NoAccountIdOrIncomplete_RefusedAndNothingWritten()
    {
        Assert.Throws<ArgumentException>(() => Store.AppendAsync(Of("acme", 0) with { AccountId = null }).AsTask().GetAwaiter().GetResult());
        var broken = Assert.Throws<AccountDataException>(() => Store.AppendAsync(Of("acme", 0) with { Score = double.NaN }).AsTask().GetAwaiter().GetResult());
        Assert.Contains("$.score", broken.Message, StringComparison.Ordinal);
        Assert.True((await Store.ReadAsync("acme")).IsEmpty);
    }

    [Fact]
    public async Task Read_Before_SeesOnlyWhatCameBeforeIt()
    {
        await Store.AppendAsync(Of("acme", 0, 50, actions: ("coach_setup", ActionStatus.Fired)));
        await Store.AppendAsync(Of("acme", 10, 40, actions: ("answer_escalations", ActionStatus.Fired)));
        await Store.CloseActionAsync("acme", "coach_setup", new ActionClosure(ActionClosureKind.Resolved, Day0.AddDays(12), "ken"));
        await Store.SetOverridesAsync("acme", [Band("healthy", 3), Band("at_risk", 11)]);
        await Store.AddManualInputAsync("acme", new ManualInput("csm_sentiment", "green", Day0.AddDays(2)));
        await Store.AddManualInputAsync("acme", new ManualInput("csm_sentiment", "red", Day0.AddDays(10)));

        var early = await Store.ReadAsync("acme", Day0.AddDays(10));
        Assert.Equal([50.0], early.Snapshots.Select(static s => s.Score!.Value));
        var record = Assert.Single(early.Actions);
        Assert.Null(record.Closure); // closed on day 12: still open on day 10
        Assert.Equal(["coach_setup"], early.OpenActions);
        Assert.Equal(["healthy"], early.Overrides.Select(static o => o.Band));
        Assert.Equal(["green", "red"], early.ManualInputs.Select(static i => i.Category));

        var late = await Store.ReadAsync("acme", Day0.AddDays(12));
        Assert.Equal(2, late.Snapshots.Count);
        Assert.Equal(["answer_escalations"], late.OpenActions);
        Assert.Equal(new ActionClosure(ActionClosureKind.Resolved, Day0.AddDays(12), "ken"), late.Actions[0].Closure);
        Assert.Equal(["healthy", "at_risk"], late.Overrides.Select(static o => o.Band));

        var all = await Store.ReadAsync("acme");
        Assert.Equal(2, all.Snapshots.Count);
    }

    [Fact]
    public async Task CloseAction_OnlyOpenRecordsDatedByTheClosure()
    {
        await Store.AppendAsync(Of("acme", 0, actions: ("coach_setup", ActionStatus.Fired)));
        await Store.AppendAsync(Of("acme", 5, actions: ("coach_setup", ActionStatus.SuppressedAsDuplicate)));
        await Store.AppendAsync(Of("acme", 20, actions: ("coach_setup", ActionStatus.Fired)));

        Assert.Equal(1, await Store.CloseActionAsync("acme", "coach_setup", new ActionClosure(ActionClosureKind.Closed, Day0.AddDays(7))));
        Assert.Equal(0, await Store.CloseActionAsync("acme", "coach_setup", new ActionClosure(ActionClosureKind.Closed, Day0.AddDays(8))));
        Assert.Equal(0, await Store.CloseActionAsync("acme", "unknown", new ActionClosure(ActionClosureKind.Closed, Day0.AddDays(30))));
        Assert.Equal(0, await Store.CloseActionAsync("nobody", "coach_setup", new ActionClosure(ActionClosureKind.Closed, Day0.AddDays(30))));

        var history = await Store.ReadAsync("acme");
        Assert.Equal([true, false, false], history.Actions.Select(static a => a.Closure is not null));
        Assert.Equal(["coach_setup"], history.OpenActions); // the day-20 firing
    }

    [Fact]
    public async Task Forget_ErasesEverythingOfTheAccountAndNothingElse()
    {
        await Store.AppendAsync(Of("acme", 0, actions: ("coach_setup", ActionStatus.Fired)));
        await Store.SetOverridesAsync("acme", [Band("healthy", 0)]);
        await Store.AddManualInputAsync("acme", new ManualInput("nps", 30, Day0));
        await Store.AppendAsync(Of("globex", 0));

        Assert.True(await Store.ForgetAsync("acme"));
        Assert.False(await Store.ForgetAsync("acme"));

        Assert.True((await Store.ReadAsync("acme")).IsEmpty);
        Assert.Equal(["globex"], await Ids());
        Assert.Single((await Store.ReadAsync("globex")).Snapshots);
    }

    [Fact]
    public async Task DropSnapshotsBefore_DropsOlderSnapshotsAndTheirClosedRecordsKeepsOpenActions()
    {
        await Store.AppendAsync(Of("acme", 0, actions: [("coach_setup", ActionStatus.Fired), ("ask_for_feedback", ActionStatus.SuppressedByConsent)]));
        await Store.AppendAsync(Of("acme", 1, actions: ("thank_champion", ActionStatus.Fired)));
        await Store.AppendAsync(Of("acme", 40));
        await Store.AppendAsync(Of("globex", 2));
        await Store.CloseActionAsync("acme", "thank_champion", new ActionClosure(ActionClosureKind.Closed, Day0.AddDays(3)));
        await Store.SetOverridesAsync("globex", [Band("healthy", 0)]);

        Assert.Equal(3, await Store.DropSnapshotsBeforeAsync(DateOnly.FromDateTime(Day0.AddDays(30).DateTime)));

        var acme = await Store.ReadAsync("acme");
        Assert.Equal([Day0.AddDays(40)], acme.Snapshots.Select(static s => s.AsOf));
        Assert.Equal(["coach_setup"], acme.Actions.Select(static a => a.ActionId)); // still open: kept
        Assert.Empty((await Store.ReadAsync("globex")).Snapshots);
        Assert.Single((await Store.ReadAsync("globex")).Overrides);
        Assert.Equal(0, await Store.DropSnapshotsBeforeAsync(DateOnly.FromDateTime(Day0.AddDays(30).DateTime)));
    }

    [Fact]
    public async Task SetOverrides_ReplacesTheAccountsOverrides()
    {
        await Store.SetOverridesAsync("acme", [Band("healthy", 0), HealthOverride.ForScore(65, "ken", Day0, comment: null), HealthOverride.ForMetric("nps", 40, "ken", Day0, Day0.AddDays(5))]);
        Assert.Equal([OverrideTarget.Band, OverrideTarget.Score, OverrideTarget.Metric], (await Store.ReadAsync("acme")).Overrides.Select(static o => o.Target));
        Assert.Equal(HealthOverride.ForMetric("nps", 40, "ken", Day0, Day0.AddDays(5)), (await Store.ReadAsync("acme")).Overrides[2]);

        await Store.SetOverridesAsync("acme", []);
        Assert.True((await Store.ReadAsync("acme")).IsEmpty);
        Assert.Throws<ArgumentException>(() => Store.SetOverridesAsync("acme", [Band("healthy", 0, author: " ")]).AsTask().GetAwaiter().GetResult());
    }

    [Fact]
    public async Task ReadAccountIds_EveryAccountWithData_InOrdinalOrder()
    {
        await Store.AppendAsync(Of("b", 0));
        await Store.AppendAsync(Of("B", 0));
        await Store.AddManualInputAsync("a", new ManualInput("nps", 10, Day0));
        await Store.SetOverridesAsync("c", [Band("healthy", 0)]);

        Assert.Equal(["B", "a", "b", "c"], await Ids());
    }

    [Fact]
    public async Task Read_UnknownAccount_EmptyHistory()
    {
        var history = await Store.ReadAsync("nobody", Day0);
        Assert.True(history.IsEmpty);
        Assert.Null(history.History);
        Assert.Null(history.Latest);
    }

    private async Task<List<string>> Ids()
    {
        var ids = new List<string>();
        await foreach (var id in Store.ReadAccountIdsAsync())
        {
            ids.Add(id);
        }

        return ids;
    }
}

public sealed class InMemoryHealthHistoryStoreTests : HistoryStoreContract
{
    protected override IHealthHistoryStore Create() => new InMemoryHealthHistoryStore();
}

public sealed class SqliteHealthHistoryStoreContractTests : HistoryStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override IHealthHistoryStore Create() => new SqliteHealthHistoryStore(_directory.File("health.db"));

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
