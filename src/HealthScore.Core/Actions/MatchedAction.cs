using System.Runtime.InteropServices;

namespace HealthScore.Core.Actions;

/// <summary>
/// An action whose condition held for the account: fired, or held back with the reason. Its readings (the value of
/// every identifier its condition reads) are in the caller's readings buffer at
/// [<see cref="ReadingStart"/>, <see cref="ReadingStart"/> + <see cref="ReadingCount"/>).
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct MatchedAction
{
    internal MatchedAction(ActionRule action, ActionStatus status, int readingStart, int readingCount)
    {
        Action = action;
        Status = status;
        ReadingStart = readingStart;
        ReadingCount = readingCount;
    }

    /// <summary>Gets the action and its rule.</summary>
    public ActionRule Action { get; }

    /// <summary>Gets the id of the rule that matched (the action's id).</summary>
    public string RuleId => Action.Id;

    /// <summary>Gets whether the action fired or why it was held back.</summary>
    public ActionStatus Status { get; }

    /// <summary>Gets whether the action fired.</summary>
    public bool IsFired => Status == ActionStatus.Fired;

    /// <summary>Gets where this action's readings start in the caller's readings buffer.</summary>
    public int ReadingStart { get; }

    /// <summary>Gets how many readings were written (fewer than the condition reads if the buffer ran out).</summary>
    public int ReadingCount { get; }
}
