using HealthScore.Core.Pipeline;

namespace HealthScore.Core.History;

/// <summary>
/// Where a host keeps each account's past between evaluations: its snapshots, a record of every action each evaluation
/// matched (fired or held back, and closed or resolved when the host says so), the overrides people set and the dated
/// manual inputs they entered. Every operation is about one account, so a store serves a single account as cheaply as
/// a portfolio, and an implementation may partition by account. Implementations are thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The package ships <see cref="InMemoryHealthHistoryStore"/>; <c>HealthScore.Storage.Sqlite</c> is an embedded
/// database. What an evaluation as of a date may see is decided in one place, <see cref="AccountHistory"/>, which every
/// implementation returns from <see cref="ReadAsync"/>: scoring an earlier date after a later one sees only what
/// came before it.
/// </para>
/// <para>
/// <see cref="AppendAsync"/> is idempotent for one account, as-of instant and model hash: running an evaluation again
/// changes nothing, so a batch that stopped half way is simply run again.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var stored = await store.ReadAsync("acme", asOf, ct);
/// var health = engine.Evaluate(stored.ApplyTo(new AccountInput { AccountId = "acme", AsOf = asOf, MetricValues = values }));
/// await store.AppendAsync(health.ToSnapshot(), ct);
/// </code>
/// </example>
public interface IHealthHistoryStore
{
    /// <summary>
    /// Reads one account's past: every snapshot and action record, its overrides and manual inputs, as
    /// <see cref="AccountHistory"/> keeps them for an evaluation as of <paramref name="before"/>.
    /// </summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="before">The as-of date about to be evaluated, so that only its past is read; <see langword="null"/> for everything stored.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account's history; empty (not an error) for an account the store does not know.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty.</exception>
    /// <exception cref="AccountDataException">A stored snapshot cannot be read; the error names the store and the row.</exception>
    ValueTask<AccountHistory> ReadAsync(string accountId, DateTimeOffset? before = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one evaluation, atomically: its snapshot and an <see cref="ActionRecord"/> for each action it matched
    /// (<see cref="ActionRecord.FromSnapshot"/>). A snapshot of the same account, as-of instant and model hash already
    /// stored is kept as it is, and nothing is written.
    /// </summary>
    /// <param name="snapshot">The snapshot, with its <see cref="HealthSnapshot.AccountId"/>.</param>
    /// <param name="cancellationToken">Cancels the append before it is written.</param>
    /// <returns><see langword="true"/> when the snapshot was added; <see langword="false"/> when the store already had it.</returns>
    /// <exception cref="ArgumentException">The snapshot has no account id.</exception>
    /// <exception cref="AccountDataException">The snapshot is incomplete or holds a value that is not a finite number.</exception>
    ValueTask<bool> AppendAsync(HealthSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Replaces the overrides set on an account (an empty list ends them all).</summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="accountOverrides">The overrides in force or planned, each with its author and validity.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the overrides are written.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty, or an override is null or has no author.</exception>
    ValueTask SetOverridesAsync(string accountId, IReadOnlyList<HealthOverride> accountOverrides, CancellationToken cancellationToken = default);

    /// <summary>Adds a value a person entered for one of the account's metrics, dated when it was observed.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the input is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty.</exception>
    ValueTask AddManualInputAsync(string accountId, ManualInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes (or resolves) an action the host has dealt with: every open record of it — fired, not yet closed, from an
    /// evaluation dated on or before the closure's day — gets the closure, so the action no longer counts as open for
    /// de-duplication from that day on.
    /// </summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="actionId">The action's id.</param>
    /// <param name="closure">How, when and by whom.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of records closed; 0 when the action was not open.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> or <paramref name="actionId"/> is empty.</exception>
    ValueTask<int> CloseActionAsync(string accountId, string actionId, ActionClosure closure, CancellationToken cancellationToken = default);

    /// <summary>Erases everything stored about an account: snapshots, action records, overrides and manual inputs.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="cancellationToken">Cancels the erasure before it is written.</param>
    /// <returns><see langword="true"/> when the store held data about the account.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty.</exception>
    ValueTask<bool> ForgetAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops every snapshot dated before <paramref name="cutoff"/> (by the snapshot's own calendar date), with the
    /// action records of those evaluations, except records of actions still open. Overrides and manual inputs stay.
    /// </summary>
    /// <param name="cutoff">The first calendar day kept.</param>
    /// <param name="cancellationToken">Cancels the deletion before it is written.</param>
    /// <returns>The number of snapshots dropped.</returns>
    ValueTask<int> DropSnapshotsBeforeAsync(DateOnly cutoff, CancellationToken cancellationToken = default);

    /// <summary>Lists the ids of the accounts the store holds any data about, in ordinal order; read each with <see cref="ReadAsync"/> to export them.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The account ids.</returns>
    IAsyncEnumerable<string> ReadAccountIdsAsync(CancellationToken cancellationToken = default);
}
