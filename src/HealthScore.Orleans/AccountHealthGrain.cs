using System.Globalization;
using HealthScore.Core.History;
using HealthScore.Core.Hosting;
using HealthScore.Core.Metrics;
using HealthScore.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthScore.Orleans;

/// <summary>The grain behind <see cref="IAccountHealthGrain"/>: one activation per account id, anywhere in the cluster.</summary>
internal sealed partial class AccountHealthGrain : Grain, IAccountHealthGrain, IRemindable
{
    internal const string ReminderName = "healthscore-evaluate";

    private readonly IPersistentState<AccountGrainState> _state;
    private readonly HealthScorer _scorer;
    private readonly IHealthHistoryStore _store;
    private readonly TimeProvider _time;
    private readonly HealthGrainOptions _options;
    private readonly ILogger<AccountHealthGrain> _logger;
    private IGrainTimer? _pending;
    private AccountHealthView? _latest;

    public AccountHealthGrain(
        [PersistentState("account", HealthGrainStorage.Name)] IPersistentState<AccountGrainState> state,
        HealthScorer scorer,
        IHealthHistoryStore store,
        TimeProvider time,
        IOptions<HealthGrainOptions> options,
        ILogger<AccountHealthGrain> logger)
    {
        _state = state;
        _scorer = scorer;
        _store = store;
        _options = options.Value;
        _time = _options.Clock ?? time;
        _logger = logger;
    }

    private string Id => this.GetPrimaryKeyString();

    public async Task<IngestReceipt> IngestAsync(AccountBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (string.IsNullOrEmpty(batch.BatchId))
        {
            throw new ArgumentException($"A batch for account '{Id}' has no BatchId; give every batch the sender's id (for example the queue message id) so a repeated delivery is recognised.", nameof(batch));
        }

        var state = _state.State;
        if (state.Batches.Contains(batch.BatchId, StringComparer.Ordinal))
        {
            return new IngestReceipt { BatchId = batch.BatchId, Duplicate = true };
        }

        if (batch.Account is { } account && account.Id != Id)
        {
            throw new ArgumentException($"The batch '{batch.BatchId}' carries account '{account.Id}' but was sent to the grain of '{Id}'.", nameof(batch));
        }

        // The history store first: its writes are replacements (overrides) or dated inputs whose repetition changes no
        // score, so a batch retried after a failure between the two writes loses nothing and counts nothing twice.
        foreach (var input in batch.ManualInputs)
        {
            await _store.AddManualInputAsync(Id, input);
        }

        if (batch.Overrides is { } overrides)
        {
            await _store.SetOverridesAsync(Id, overrides);
        }

        var records = Apply(state, batch);
        state.Batches.Add(batch.BatchId);
        if (state.Batches.Count > _options.RememberedBatches)
        {
            state.Batches.RemoveRange(0, state.Batches.Count - _options.RememberedBatches);
        }

        Prune(state, _options.RecordRetentionDays);
        var scheduleNow = _options.EvaluationInterval is not null && !state.Scheduled;
        state.Scheduled |= scheduleNow;
        await _state.WriteStateAsync();

        if (scheduleNow)
        {
            var period = _options.EvaluationInterval!.Value;
            await this.RegisterOrUpdateReminder(ReminderName, period, period);
        }

        var changed = records > 0 || batch.Account is not null || batch.ManualInputs.Count > 0 || batch.Overrides is not null || batch.Sources != RecordSources.None;
        var scheduled = changed && _options.EvaluationDelay > TimeSpan.Zero;
        if (scheduled)
        {
            Debounce();
        }

        return new IngestReceipt { BatchId = batch.BatchId, Records = records, EvaluationScheduled = scheduled };
    }

    public Task<AccountHealthView> EvaluateAsync(DateTimeOffset asOf) => Evaluate(asOf);

    public async Task<AccountHealthView?> GetLatestAsync()
    {
        if (_latest is not null)
        {
            return _latest;
        }

        var history = await _store.ReadAsync(Id);
        return history.Latest is { } latest ? new AccountHealthView { Snapshot = latest, Explanation = string.Empty, Stored = true } : null;
    }

    public async Task<IReadOnlyList<HealthSnapshot>> GetTimelineAsync() => (await _store.ReadAsync(Id)).Snapshots;

    public async Task<int> CloseActionAsync(string actionId, ActionClosure closure) =>
        await _store.CloseActionAsync(Id, actionId, closure);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await EvaluateIfNewer(_time.GetUtcNow());
        }
    }

    private void Debounce()
    {
        _pending?.Dispose();
        _pending = this.RegisterGrainTimer(
            static async (grain, _) => await grain.EvaluateIfNewer(grain._time.GetUtcNow()),
            this,
            new GrainTimerCreationOptions { DueTime = _options.EvaluationDelay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
    }

    /// <summary>An evaluation the grain starts itself: skipped when the store already holds a later snapshot (a portfolio run went ahead).</summary>
    private async Task EvaluateIfNewer(DateTimeOffset asOf)
    {
        var history = await _store.ReadAsync(Id);
        if (history.Latest is { } latest && latest.AsOf > asOf)
        {
            return;
        }

        try
        {
            await Evaluate(asOf);
        }
        catch (Exception e) when (e is ArgumentException or AccountDataException)
        {
            LogEvaluationFailed(_logger, e, Id, asOf);
        }
    }

    private async Task<AccountHealthView> Evaluate(DateTimeOffset asOf)
    {
        var id = Id;
        var history = await _store.ReadAsync(id, asOf);
        var workspace = _scorer.CreateWorkspace();
        var model = workspace.Engine.Model;
        var values = new double[model.Metrics.Count];
        var observed = new DateTimeOffset[values.Length];
        Array.Fill(values, double.NaN);
        history.WriteManualInputs(model, values, observed);

        var state = _state.State;
        var input = history.ApplyTo(new AccountInput
        {
            AccountId = id,
            AsOf = asOf,
            Records = Records(state, id),
            MetricValues = values,
            ObservedAt = observed,
        });

        var health = _scorer.Evaluate(input, workspace);
        var snapshot = health.ToSnapshot();
        var stored = await _store.AppendAsync(snapshot);
        var view = View(health, snapshot, stored);
        _latest = view;
        await ReportToParent(state, snapshot);
        return view;
    }

    private static AccountHealthView View(AccountHealth health, HealthSnapshot snapshot, bool stored)
    {
        var fired = new List<FiredActionView>(health.FiredCount);
        foreach (ref readonly var action in health.Actions)
        {
            if (!action.IsFired)
            {
                continue;
            }

            var readings = health.GetReadings(action);
            var because = new string[readings.Length];
            for (var i = 0; i < readings.Length; i++)
            {
                because[i] = readings[i].ToString();
            }

            fired.Add(new FiredActionView
            {
                Id = action.RuleId,
                Title = action.Action.Title,
                Kind = action.Action.Kind,
                OwnerRole = action.Action.OwnerRole,
                Message = health.Render(action, CultureInfo.InvariantCulture),
                Because = because,
            });
        }

        return new AccountHealthView
        {
            Snapshot = snapshot,
            Explanation = health.Explain(),
            TrendExplanation = health.ExplainTrend(),
            FiredActions = fired,
            Stored = stored,
        };
    }

    private static AccountRecords Records(AccountGrainState state, string id) => new()
    {
        Account = state.Account ?? new Account { Id = id },
        Events = state.Events.ToArray(),
        Tickets = state.Tickets.ToArray(),
        Surveys = state.Surveys.ToArray(),
        Touches = state.Touches.ToArray(),
        Milestones = state.Milestones.ToArray(),
        Goals = state.Goals.ToArray(),
        Sources = (RecordSources)state.Sources,
    };

    /// <summary>Adds a batch's records to the state; returns how many it added or replaced.</summary>
    private static int Apply(AccountGrainState state, AccountBatch batch)
    {
        if (batch.Account is { } account)
        {
            state.Account = account;
        }

        state.Events.AddRange(batch.Events);
        state.Surveys.AddRange(batch.Surveys);
        state.Touches.AddRange(batch.Touches);
        foreach (var ticket in batch.Tickets)
        {
            Replace(state.Tickets, ticket, t => t.Opened == ticket.Opened);
        }

        foreach (var milestone in batch.Milestones)
        {
            Replace(state.Milestones, milestone, m => m.Name == milestone.Name);
        }

        foreach (var goal in batch.Goals)
        {
            Replace(state.Goals, goal, g => g.Name == goal.Name);
        }

        state.Sources |= (int)batch.Sources;
        return batch.Events.Count + batch.Tickets.Count + batch.Surveys.Count + batch.Touches.Count + batch.Milestones.Count + batch.Goals.Count;
    }

    private static void Replace<T>(List<T> list, T item, Predicate<T> same)
    {
        var at = list.FindIndex(same);
        if (at >= 0)
        {
            list[at] = item;
        }
        else
        {
            list.Add(item);
        }
    }

    /// <summary>Drops dated records older than the retention before the newest record; milestones and goals stay (they are few and current).</summary>
    private static void Prune(AccountGrainState state, int retentionDays)
    {
        var newest = DateTimeOffset.MinValue;
        foreach (var e in state.Events)
        {
            newest = Max(newest, e.Time);
        }

        foreach (var t in state.Tickets)
        {
            newest = Max(newest, t.Opened);
        }

        foreach (var s in state.Surveys)
        {
            newest = Max(newest, s.Time);
        }

        foreach (var t in state.Touches)
        {
            newest = Max(newest, t.Time);
        }

        if (newest == DateTimeOffset.MinValue)
        {
            return;
        }

        var cutoff = newest.AddDays(-retentionDays);
        state.Events.RemoveAll(e => e.Time < cutoff);
        state.Tickets.RemoveAll(t => t.Opened < cutoff && t.Closed is { } closed && closed < cutoff);
        state.Surveys.RemoveAll(s => s.Time < cutoff);
        state.Touches.RemoveAll(t => t.Time < cutoff);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} could not be evaluated as of {AsOf}.")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string accountId, DateTimeOffset asOf);
}
