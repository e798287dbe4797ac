using System.Runtime.InteropServices;

namespace HealthScore.Core.Actions;

/// <summary>
/// What the host knows about the account's actions: the engine keeps no state, so everything that cooldowns,
/// de-duplication and "after N consecutive matches" need is passed in here. A stack-only view over the caller's data.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly ref struct ActionHistory
{
    /// <summary>Gets the evaluation date; cooldown windows end here.</summary>
    public DateTimeOffset AsOf { get; init; }

    /// <summary>Gets the actions that fired for the account before (any order).</summary>
    public ReadOnlySpan<ActionHistoryEntry> Fired { get; init; }

    /// <summary>Gets the actions open for the account.</summary>
    public ReadOnlySpan<OpenAction> Open { get; init; }

    /// <summary>
    /// Gets, per action (indexed by <see cref="ActionRule.Index"/>), how many consecutive previous evaluations its
    /// condition held; absent means 0. After an evaluation, the host adds one for every action in the result (any
    /// status) and resets the others.
    /// </summary>
    public ReadOnlySpan<int> ConsecutiveMatches { get; init; }
}
