using System.Runtime.CompilerServices;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.History;

/// <summary>
/// A history store in the process's memory: for tests, demos and hosts that keep their own durable copy. Thread-safe
/// (one lock); every call completes synchronously. Snapshots are copied in and out through
/// <see cref="HealthSnapshotJson"/>, so what is read back is exactly what a database would return, and a caller that
/// changes its objects afterwards changes nothing stored.
/// </summary>
public sealed class InMemoryHealthHistoryStore : IHealthHistoryStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<AccountHistory> ReadAsync(string accountId, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        string[] snapshots;
        ActionRecord[] actions;
        HealthOverride[] overrides;
        ManualInput[] inputs;
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountId, out var account))
            {
                return new(new AccountHistory(accountId, [], [], [], [], before));
            }

            snapshots = [.. account.Snapshots.Select(static s => s.Json)];
            actions = [.. account.Actions];
            overrides = [.. account.Overrides];
            inputs = [.. account.Inputs];
        }

        var read = Array.ConvertAll(snapshots, static json => HealthSnapshotJson.Read(json, "in-memory store"));
        return new(new AccountHistory(accountId, read, actions, overrides, inputs, before));
    }

    /// <inheritdoc/>
    public ValueTask<bool> AppendAsync(HealthSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var accountId = ActionRecord.RequireAccount(snapshot);
        cancellationToken.ThrowIfCancellationRequested();

        // The round trip checks the snapshot as a database would, and copies it.
        var json = HealthSnapshotJson.Write(snapshot);
        var stored = HealthSnapshotJson.Read(json, "snapshot of account '" + accountId + "'");
        var records = ActionRecord.FromSnapshot(stored);
        var ticks = stored.AsOf.UtcTicks;
        lock (_gate)
        {
            var account = Get(accountId);
            foreach (var existing in account.Snapshots)
            {
                if (existing.Ticks == ticks && existing.ModelHash == stored.ModelHash)
                {
                    return new(false);
                }
            }

            account.Snapshots.Add(new StoredSnapshot(ticks, DateOnly.FromDateTime(stored.AsOf.DateTime), stored.ModelHash, json));
            account.Actions.AddRange(records);
            return new(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask SetOverridesAsync(string accountId, IReadOnlyList<HealthOverride> accountOverrides, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var copy = HistoryChecks.Overrides(accountOverrides);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Get(accountId).Overrides = copy;
            Prune(accountId);
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask AddManualInputAsync(string accountId, ManualInput input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Get(accountId).Inputs.Add(input);
        }

        return default;
    }

    /// <inheritdoc/>
    public ValueTask<int> CloseActionAsync(string accountId, string actionId, ActionClosure closure, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(actionId);
        ArgumentNullException.ThrowIfNull(closure);
        cancellationToken.ThrowIfCancellationRequested();
        var day = AccountHistory.Day(closure.At);
        var closed = 0;
        lock (_gate)
        {
            if (!_accounts.TryGetValue(accountId, out var account))
            {
                return new(0);
            }

            for (var i = 0; i < account.Actions.Count; i++)
            {
                var record = account.Actions[i];
                if (record.ActionId == actionId && record.IsOpen && AccountHistory.Day(record.AsOf) <= day)
                {
                    account.Actions[i] = record with { Closure = closure };
                    closed++;
                }
            }
        }

        return new(closed);
    }

    /// <inheritdoc/>
    public ValueTask<bool> ForgetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(_accounts.Remove(accountId));
        }
    }

    /// <inheritdoc/>
    public ValueTask<int> DropSnapshotsBeforeAsync(DateOnly cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var dropped = 0;
        lock (_gate)
        {
            foreach (var id in _accounts.Keys.ToList())
            {
                var account = _accounts[id];
                var old = account.Snapshots.Where(s => s.Day < cutoff).ToList();
                foreach (var snapshot in old)
                {
                    account.Snapshots.Remove(snapshot);
                    account.Actions.RemoveAll(r => !r.IsOpen && r.AsOf.UtcTicks == snapshot.Ticks && r.ModelHash == snapshot.ModelHash);
                }

                dropped += old.Count;
                Prune(id);
            }
        }

        return new(dropped);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ReadAccountIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string[] ids;
        lock (_gate)
        {
            ids = [.. _accounts.Keys.Order(StringComparer.Ordinal)];
        }

        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private Account Get(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var account))
        {
            account = new Account();
            _accounts[accountId] = account;
        }

        return account;
    }

    // An account the store holds nothing about any more is no longer listed.
    private void Prune(string accountId)
    {
        if (_accounts.TryGetValue(accountId, out var a) && a.Snapshots.Count == 0 && a.Actions.Count == 0 && a.Overrides.Length == 0 && a.Inputs.Count == 0)
        {
            _accounts.Remove(accountId);
        }
    }

    private sealed record StoredSnapshot(long Ticks, DateOnly Day, string ModelHash, string Json);

    private sealed class Account
    {
        public List<StoredSnapshot> Snapshots { get; } = [];

        public List<ActionRecord> Actions { get; } = [];

        public HealthOverride[] Overrides { get; set; } = [];

        public List<ManualInput> Inputs { get; } = [];
    }
}
