namespace HealthScore.Core.Pipeline;

/// <summary>What became of an override at an evaluation's as-of date.</summary>
public enum OverrideStatus
{
    /// <summary>Valid on the as-of date and applied.</summary>
    Applied = 0,

    /// <summary>Its last valid day (its own end, or the model's longest validity) is before the as-of date: the computed value stands.</summary>
    Expired = 1,

    /// <summary>Set after the as-of date: not yet applied.</summary>
    NotYetValid = 2,

    /// <summary>The model does not allow overrides.</summary>
    NotAllowed = 3,

    /// <summary>The model requires a comment and the override has none.</summary>
    CommentRequired = 4,

    /// <summary>A later override of the same target is applied instead.</summary>
    Superseded = 5,

    /// <summary>
    /// Carried over from the previous snapshot, it names a band or metric this version of the model no longer has, or
    /// a score outside its scale: it is not applied, and is not carried further.
    /// </summary>
    TargetRetired = 6,
}
