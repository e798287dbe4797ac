using System.Text.Json.Serialization;

namespace HealthScore.Core.Actions;

/// <summary>What happened to an action whose condition held.</summary>
public enum ActionStatus
{
    /// <summary>The action fired.</summary>
    [JsonStringEnumMemberName("fired")]
    Fired = 0,

    /// <summary>Held back: the account has not given the consent the action needs.</summary>
    [JsonStringEnumMemberName("suppressedByConsent")]
    SuppressedByConsent = 1,

    /// <summary>Held back: the action already fired as often as its cooldown allows.</summary>
    [JsonStringEnumMemberName("suppressedByCooldown")]
    SuppressedByCooldown = 2,

    /// <summary>Held back: the same action is already open for the account.</summary>
    [JsonStringEnumMemberName("suppressedAsDuplicate")]
    SuppressedAsDuplicate = 3,

    /// <summary>Held back: the condition has not yet held for enough consecutive evaluations.</summary>
    [JsonStringEnumMemberName("waitingForConsecutiveMatches")]
    WaitingForConsecutiveMatches = 4,
}
