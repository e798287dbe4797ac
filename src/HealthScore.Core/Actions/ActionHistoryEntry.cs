using System.Runtime.InteropServices;

namespace HealthScore.Core.Actions;

/// <summary>An action that fired for the account in the past: the input for cooldowns.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct ActionHistoryEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="actionIndex">The action's <see cref="ActionRule.Index"/> (see <see cref="ActionEngine.GetAction(string)"/>).</param>
    /// <param name="firedAt">When it fired.</param>
    public ActionHistoryEntry(int actionIndex, DateTimeOffset firedAt)
    {
        ActionIndex = actionIndex;
        FiredAt = firedAt;
    }

    /// <summary>Gets the action's <see cref="ActionRule.Index"/>.</summary>
    public int ActionIndex { get; }

    /// <summary>Gets when it fired.</summary>
    public DateTimeOffset FiredAt { get; }
}
