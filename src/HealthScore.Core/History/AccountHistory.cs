using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.History;

/// <summary>
/// One account's stored past as an evaluation as of a date may see it, and what it gives that evaluation: the
/// <see cref="HealthHistory"/> (trend, windows, cooldowns and consecutive matches), the overrides, the open actions
/// (de-duplication) and the manual inputs. Immutable; every <see cref="IHealthHistoryStore"/> returns one, so the rule of
/// what is "the past" is this type's alone.
/// </summary>
/// <remarks>
/// For an evaluation as of <see cref="Before"/>, the past is: the snapshots and action records of evaluations dated
/// strictly before that instant (so running the same as-of again does not see itself); closures of actions made on or
/// before its calendar day (a later closure leaves the action open); overrides set on or before its calendar day (they
/// apply from the day they were set); manual inputs observed on or before its calendar day. With no
/// <see cref="Before"/>, everything stored.
/// </remarks>
public sealed class AccountHistory
{
    private readonly HealthSnapshot[] _snapshots;
    private readonly ActionRecord[] _actions;
    private readonly HealthOverride[] _overrides;
    private readonly ManualInput[] _inputs;
    private readonly string[] _open;

    /// <summary>Makes an account's history from what a store holds, keeping what an evaluation as of <paramref name="before"/> may see.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="snapshots">The account's snapshots, in the order they were written.</param>
    /// <param name="actions">The account's action records, in the order they were written.</param>
    /// <param name="overrides">The overrides set on the account.</param>
    /// <param name="manualInputs">The manual inputs entered for the account, in the order they were written.</param>
    /// <param name="before">The as-of date about to be evaluated; <see langword="null"/> to keep everything.</param>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty, an item is null, or a snapshot or record is of another account.</exception>
    public AccountHistory(
        string accountId,
        IEnumerable<HealthSnapshot> snapshots,
        IEnumerable<ActionRecord> actions,
        IEnumerable<HealthOverride> overrides,
        IEnumerable<ManualInput> manualInputs,
        DateTimeOffset? before = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(manualInputs);
        AccountId = accountId;
        Before = before;
        var day = before is { } b ? Day(b) : DateOnly.MaxValue;
        var limit = before?.UtcTicks ?? long.MaxValue;

        var kept = new List<HealthSnapshot>();
        foreach (var snapshot in snapshots)
        {
            ArgumentNullException.ThrowIfNull(snapshot, nameof(snapshots));
            if (snapshot.AccountId is { } id && id != accountId)
            {
                throw new ArgumentException($"A snapshot of account '{id}' is in the history of '{accountId}'.", nameof(snapshots));
            }

            if (snapshot.AsOf.UtcTicks < limit)
            {
                kept.Add(snapshot);
            }
        }

        // Stable: snapshots of one instant (several model versions) keep the order they were written in.
        _snapshots = [.. kept.OrderBy(static s => s.AsOf.UtcTicks)];

        var records = new List<ActionRecord>();
        foreach (var record in actions)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(actions));
            if (record.AccountId != accountId)
            {
                throw new ArgumentException($"An action record of account '{record.AccountId}' is in the history of '{accountId}'.", nameof(actions));
            }

            if (record.AsOf.UtcTicks < limit)
            {
                records.Add(record.Closure is { } closure && Day(closure.At) > day ? record with { Closure = null } : record);
            }
        }

        _actions = [.. records.OrderBy(static r => r.AsOf.UtcTicks)];
        _overrides = [.. overrides.Select(static o => o ?? throw new ArgumentException("An override is null.", nameof(overrides))).Where(o => Day(o.SetAt) <= day)];
        _inputs = [.. manualInputs.Select(static i => i ?? throw new ArgumentException("A manual input is null.", nameof(manualInputs))).Where(i => Day(i.ObservedAt) <= day).OrderBy(static i => i.ObservedAt.UtcTicks)];
        var open = new List<string>();
        foreach (var record in _actions)
        {
            if (record.IsOpen && !open.Contains(record.ActionId, StringComparer.Ordinal))
            {
                open.Add(record.ActionId);
            }
        }

        _open = [.. open];
        History = _snapshots.Length == 0 ? null : new HealthHistory(_snapshots);
        Snapshots = Array.AsReadOnly(_snapshots);
        Actions = Array.AsReadOnly(_actions);
        Overrides = Array.AsReadOnly(_overrides);
        ManualInputs = Array.AsReadOnly(_inputs);
        OpenActions = Array.AsReadOnly(_open);
    }

    /// <summary>Gets the account's id.</summary>
    public string AccountId { get; }

    /// <summary>Gets the as-of date this history was read for, or <see langword="null"/> when it holds everything stored.</summary>
    public DateTimeOffset? Before { get; }

    /// <summary>Gets the snapshots, oldest first.</summary>
    public IReadOnlyList<HealthSnapshot> Snapshots { get; }

    /// <summary>Gets the action records, oldest first, with the closures made by <see cref="Before"/>'s day.</summary>
    public IReadOnlyList<ActionRecord> Actions { get; }

    /// <summary>Gets the overrides set on the account by <see cref="Before"/>'s day.</summary>
    public IReadOnlyList<HealthOverride> Overrides { get; }

    /// <summary>Gets the manual inputs observed by <see cref="Before"/>'s day, oldest first.</summary>
    public IReadOnlyList<ManualInput> ManualInputs { get; }

    /// <summary>Gets the ids of the actions that fired and are still open, in the order they first fired: pass them as <see cref="AccountInput.OpenActions"/>.</summary>
    public IReadOnlyList<string> OpenActions { get; }

    /// <summary>Gets the snapshots as a <see cref="HealthHistory"/> (windows, days in band, consecutive declines), or <see langword="null"/> when there are none.</summary>
    public HealthHistory? History { get; }

    /// <summary>Gets the latest snapshot: the previous evaluation of the next one; <see langword="null"/> when there is none.</summary>
    public HealthSnapshot? Latest => _snapshots.Length == 0 ? null : _snapshots[^1];

    /// <summary>Gets whether the store holds nothing about the account (as of <see cref="Before"/>).</summary>
    public bool IsEmpty => _snapshots.Length == 0 && _actions.Length == 0 && _overrides.Length == 0 && _inputs.Length == 0;

    /// <summary>
    /// Gives an evaluation its past: <see cref="AccountInput.History"/> (its latest snapshot becomes the previous one
    /// unless the input names one), <see cref="AccountInput.Overrides"/> (the stored ones, an empty list when none, so
    /// overrides removed from the store end) and <see cref="AccountInput.OpenActions"/>.
    /// </summary>
    /// <param name="input">The account's input, as of <see cref="Before"/>.</param>
    /// <returns>The input with its past.</returns>
    /// <exception cref="ArgumentException">The input names another account, or is dated before a stored snapshot.</exception>
    public AccountInput ApplyTo(in AccountInput input)
    {
        if (input.AccountId is { } id && id != AccountId)
        {
            throw new ArgumentException($"The input is of account '{id}'; this history is of '{AccountId}'.", nameof(input));
        }

        if (Latest is { } latest && latest.AsOf > input.AsOf)
        {
            throw new ArgumentException($"The input is dated {input.AsOf:O}, before the stored snapshot of {latest.AsOf:O}; read the history with the as-of date you evaluate (ReadAsync(id, asOf)).", nameof(input));
        }

        return input with { AccountId = AccountId, History = History, Overrides = _overrides, OpenActions = _open };
    }

    /// <summary>
    /// Writes each metric's latest manual input into <paramref name="values"/> and when it was observed into
    /// <paramref name="observedAt"/> (for <see cref="AccountInput.MetricValues"/> and <see cref="AccountInput.ObservedAt"/>).
    /// Inputs the model cannot read (<see cref="ManualInput.RawValue"/> is NaN: a metric it no longer has, a category it
    /// does not know) are skipped and leave the slot as it was.
    /// </summary>
    /// <param name="model">The model whose metrics the slots follow.</param>
    /// <param name="values">One slot per metric of <paramref name="model"/>.</param>
    /// <param name="observedAt">One slot per metric, or empty.</param>
    /// <returns>The number of metrics written.</returns>
    /// <exception cref="ArgumentException">A span does not have one slot per metric.</exception>
    public int WriteManualInputs(HealthModel model, Span<double> values, Span<DateTimeOffset> observedAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        var count = model.Metrics.Count;
        if (values.Length != count || (!observedAt.IsEmpty && observedAt.Length != count))
        {
            throw new ArgumentException($"Expected one slot per metric of model '{model.Id}' ({count}); got {values.Length} values and {observedAt.Length} dates.", nameof(values));
        }

        var written = new bool[count];
        var total = 0;

        // Latest first: the first readable input of a metric wins.
        for (var i = _inputs.Length - 1; i >= 0; i--)
        {
            var input = _inputs[i];
            var raw = input.RawValue(model, out var metric);
            if (metric is null || double.IsNaN(raw) || written[metric.Index])
            {
                continue;
            }

            written[metric.Index] = true;
            values[metric.Index] = raw;
            if (!observedAt.IsEmpty)
            {
                observedAt[metric.Index] = input.ObservedAt;
            }

            total++;
        }

        return total;
    }

    /// <summary>The calendar day of a date in its own offset, as the engine counts days.</summary>
    internal static DateOnly Day(DateTimeOffset date) => DateOnly.FromDateTime(date.DateTime);
}
