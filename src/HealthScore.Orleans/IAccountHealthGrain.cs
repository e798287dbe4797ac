using HealthScore.Core.History;
using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans;

/// <summary>
/// One account's health on the cluster, keyed by the account id: it takes the account's data in batches, keeps its
/// records in grain storage and its history (snapshots, action records, overrides, manual inputs) in the silo's
/// <see cref="IHealthHistoryStore"/>, and evaluates through the HealthScore pipeline — after its inputs change (debounced),
/// on a schedule (a reminder) and when asked. A parent account's grain rolls up its children's latest health.
/// </summary>
public interface IAccountHealthGrain : IGrainWithStringKey
{
    /// <summary>Takes a batch of the account's data; a batch whose id the grain has seen changes nothing.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>What the grain did, once the batch is durable.</returns>
    Task<IngestReceipt> IngestAsync(AccountBatch batch);

    /// <summary>Evaluates the account as of a date now, stores its snapshot and returns it (as a portfolio run does).</summary>
    /// <param name="asOf">The as-of date; never before the latest stored snapshot.</param>
    /// <returns>The account's health.</returns>
    Task<AccountHealthView> EvaluateAsync(DateTimeOffset asOf);

    /// <summary>Gets the latest evaluation since the grain was activated, else the latest stored snapshot (without messages), or <see langword="null"/> for an account never evaluated.</summary>
    /// <returns>The latest health.</returns>
    Task<AccountHealthView?> GetLatestAsync();

    /// <summary>Gets every stored snapshot of the account, oldest first.</summary>
    /// <returns>The timeline.</returns>
    Task<IReadOnlyList<HealthSnapshot>> GetTimelineAsync();

    /// <summary>Records that the host dealt with an action (closed or resolved), so it no longer counts as open.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="closure">How, when and by whom.</param>
    /// <returns>The number of action records closed.</returns>
    Task<int> CloseActionAsync(string actionId, ActionClosure closure);

    /// <summary>Gets the roll-up of this account's children by the model's <c>rollup</c>, or <see langword="null"/> when it has no children (or the model no roll-up).</summary>
    /// <returns>The roll-up.</returns>
    Task<RollupView?> GetRollupAsync();

    /// <summary>Receives the latest health of a child or a deeper descendant (sent by the child's grain after each evaluation).</summary>
    /// <param name="report">The descendant's report.</param>
    /// <returns>A task that completes when the report is stored.</returns>
    Task ReportDescendantAsync(DescendantReport report);

    /// <summary>Forgets a descendant that moved to another parent or was erased.</summary>
    /// <param name="accountId">The descendant's id.</param>
    /// <returns>A task that completes when it is forgotten.</returns>
    Task RemoveDescendantAsync(string accountId);
}
