using HealthScore.Core.Actions;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// One evaluation of one account, as a host stores it: the unit of history. Pass the latest snapshot back as
/// <see cref="AccountInput.Previous"/> next time, and the trend, <c>days_in_phase</c>, cooldowns and consecutive
/// matches carry on from it (de-duplication reads the open actions the host passes in <see cref="AccountInput.OpenActions"/>), even across model versions (everything is keyed by id, never by
/// position). Write and read it with <see cref="HealthSnapshotJson"/>.
/// </summary>
/// <remarks>Made by <see cref="AccountHealth.ToSnapshot"/>; see <c>docs/concepts.md</c>, "What to store".</remarks>
public sealed record HealthSnapshot
{
    /// <summary>Gets the account's id in the host's system, when the evaluation was given one.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the date the account was evaluated as of.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Gets the id of the model that evaluated the account.</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the version of that model.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets the content hash of that model; a different hash next time means the model changed.</summary>
    public required string ModelHash { get; init; }

    /// <summary>Gets the id of the profile the account was scored with, or <see langword="null"/> when the model has no profiles.</summary>
    public string? Profile { get; init; }

    /// <summary>Gets the id of the phase the account was judged in.</summary>
    public required string Phase { get; init; }

    /// <summary>Gets since when the account has been in <see cref="Phase"/>, as far as its history tells (the source of <c>days_in_phase</c>).</summary>
    public DateTimeOffset? PhaseSince { get; init; }

    /// <summary>Gets the score, rounded as shown; <see langword="null"/> when the data was insufficient.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the score before rounding; <see langword="null"/> when the data was insufficient.</summary>
    public double? UnroundedScore { get; init; }

    /// <summary>Gets the id of the band reported.</summary>
    public required string Band { get; init; }

    /// <summary>Gets whether a band exception forced <see cref="Band"/>.</summary>
    public bool BandForced { get; init; }

    /// <summary>Gets the id of the band exception that forced the band, or <see langword="null"/>.</summary>
    public string? BandForcedBy { get; init; }

    /// <summary>Gets the share of the total weight (0 to 1) that rested on data the account had.</summary>
    public double Coverage { get; init; }

    /// <summary>
    /// Gets the churn rate the score stood for, from the model's calibration (<see cref="AccountHealth.ExpectedChurnRate"/>);
    /// <see langword="null"/> when the model was not calibrated or there was no score.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? ExpectedChurnRate { get; init; }

    /// <summary>Gets the raw value of every metric by id; <see langword="null"/> where the value was missing.</summary>
    public IReadOnlyDictionary<string, double?> Metrics { get; init; } = new Dictionary<string, double?>(StringComparer.Ordinal);

    /// <summary>Gets every action whose condition held, in priority order, with whether it fired or why it was held back.</summary>
    public IReadOnlyList<SnapshotAction> Actions { get; init; } = [];

    /// <summary>
    /// Gets when actions fired: this evaluation's firings and the earlier ones still inside their action's cooldown
    /// window, plus each action's latest firing. Oldest first.
    /// </summary>
    public IReadOnlyList<ActionFiring> Fired { get; init; } = [];

    /// <summary>
    /// Gets the overrides passed with the account that had not expired, whether applied or not yet valid. When the
    /// next evaluation passes no overrides of its own (<see cref="AccountInput.Overrides"/> is <see langword="null"/>),
    /// these carry over.
    /// </summary>
    public IReadOnlyList<HealthOverride> Overrides { get; init; } = [];

    /// <summary>Gets the score as computed, beneath an override of the score or band; <see langword="null"/> when neither was overridden or there was no score.</summary>
    public double? ComputedScore { get; init; }

    /// <summary>Gets the id of the band as computed, beneath an override of the score or band; <see langword="null"/> when neither was overridden.</summary>
    public string? ComputedBand { get; init; }

    /// <summary>Gets the points each applied adjustment moved the score by, by adjustment id.</summary>
    public IReadOnlyDictionary<string, double> Adjustments { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Gets the metrics whose values were stale (older than their maximum age), each with the first day it counted as stale.</summary>
    public IReadOnlyDictionary<string, DateOnly> Stale { get; init; } = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
}

/// <summary>An action whose condition held in a <see cref="HealthSnapshot"/>.</summary>
public sealed record SnapshotAction
{
    /// <summary>Gets the action's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets whether it fired, or why it was held back.</summary>
    public required ActionStatus Status { get; init; }

    /// <summary>Gets for how many consecutive evaluations, this one included, the condition has held.</summary>
    public int ConsecutiveMatches { get; init; } = 1;
}

/// <summary>One firing of an action, kept in a <see cref="HealthSnapshot"/> for cooldowns.</summary>
public sealed record ActionFiring
{
    /// <summary>Gets the action's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when it fired (the as-of date of the evaluation that fired it).</summary>
    public required DateTimeOffset At { get; init; }
}
