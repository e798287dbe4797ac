namespace HealthScore.Core.Tuning;

/// <summary>What became of an account: it churned, or it renewed.</summary>
public enum OutcomeKind
{
    /// <summary>The account left (did not renew, cancelled).</summary>
    Churned = 0,

    /// <summary>The account renewed: it stayed.</summary>
    Renewed = 1,
}

/// <summary>An account's outcome as the host recorded it: churned or renewed, on a date.</summary>
/// <param name="AccountId">The account's id, as its snapshots name it.</param>
/// <param name="Kind">Churned or renewed.</param>
/// <param name="Date">The day it churned or renewed.</param>
public readonly record struct RecordedOutcome(string AccountId, OutcomeKind Kind, DateOnly Date);
