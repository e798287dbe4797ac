using HealthScore.Core.Actions;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.History;

/// <summary>
/// One action one evaluation matched, as a store keeps it by action id: fired or why it was held back, for how many
/// evaluations in a row its condition held, and — for a fired action — whether the host has closed or resolved it.
/// A fired action with no <see cref="Closure"/> is open: the engine does not fire it again while it is
/// (<see cref="AccountInput.OpenActions"/>).
/// </summary>
public sealed record ActionRecord
{
    /// <summary>Gets the account's id.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the action's id.</summary>
    public required string ActionId { get; init; }

    /// <summary>Gets the as-of date of the evaluation that matched it.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Gets the content hash of the model that evaluated it.</summary>
    public required string ModelHash { get; init; }

    /// <summary>Gets whether it fired, or why it was held back.</summary>
    public required ActionStatus Status { get; init; }

    /// <summary>Gets for how many consecutive evaluations, that one included, its condition had held.</summary>
    public int ConsecutiveMatches { get; init; } = 1;

    /// <summary>Gets how the host ended the action, or <see langword="null"/> while it is open (or when it never fired).</summary>
    public ActionClosure? Closure { get; init; }

    /// <summary>Gets whether the action fired and has not been closed or resolved.</summary>
    public bool IsOpen => Status == ActionStatus.Fired && Closure is null;

    /// <summary>The records an evaluation adds: one per action its snapshot lists as matched (the first, should one be listed twice), in the snapshot's (priority) order.</summary>
    /// <param name="snapshot">The snapshot, with its account id.</param>
    /// <returns>The records, none closed.</returns>
    /// <exception cref="ArgumentException">The snapshot has no account id.</exception>
    public static IReadOnlyList<ActionRecord> FromSnapshot(HealthSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var account = RequireAccount(snapshot);
        var actions = snapshot.Actions ?? [];
        var records = new List<ActionRecord>(actions.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            // An evaluation matches each action once; a hand-made snapshot that lists one twice keeps the first.
            if (seen.Add(action.Id))
            {
                records.Add(new ActionRecord
                {
                    AccountId = account, ActionId = action.Id, AsOf = snapshot.AsOf, ModelHash = snapshot.ModelHash,
                    Status = action.Status, ConsecutiveMatches = action.ConsecutiveMatches,
                });
            }
        }

        return records;
    }

    internal static string RequireAccount(HealthSnapshot snapshot) =>
        string.IsNullOrEmpty(snapshot.AccountId)
            ? throw new ArgumentException("The snapshot has no account id; a store keeps snapshots by account (set AccountInput.AccountId when evaluating).", nameof(snapshot))
            : snapshot.AccountId;
}
