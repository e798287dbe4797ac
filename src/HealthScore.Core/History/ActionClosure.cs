namespace HealthScore.Core.History;

/// <summary>How an action the host dealt with ended: closed (dealt with, or dismissed) or resolved (the problem it was about is solved).</summary>
public enum ActionClosureKind
{
    /// <summary>Closed: dealt with or dismissed, without saying the problem is solved.</summary>
    Closed = 0,

    /// <summary>Resolved: the problem the action was about is solved.</summary>
    Resolved = 1,
}

/// <summary>The end of an open action, as the host reports it: how, when, and by whom.</summary>
/// <param name="Kind">Closed or resolved.</param>
/// <param name="At">When; the action stops counting as open from that calendar day.</param>
/// <param name="By">Who closed it, or <see langword="null"/>.</param>
/// <param name="Comment">Why, or <see langword="null"/>.</param>
public sealed record ActionClosure(ActionClosureKind Kind, DateTimeOffset At, string? By = null, string? Comment = null);
