namespace HealthScore.Core.Rollups;

/// <summary>A child left out of a roll-up, and why.</summary>
public sealed class SkippedChild
{
    internal SkippedChild(string accountId, RollupSkipReason reason)
    {
        AccountId = accountId;
        Reason = reason;
    }

    /// <summary>Gets the child's account id.</summary>
    public string AccountId { get; }

    /// <summary>Gets why it was left out.</summary>
    public RollupSkipReason Reason { get; }

    /// <summary>Returns <c>id (reason)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => AccountId + " (" + Reason + ")";
}
