using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans;

/// <summary>
/// An account's latest health as its grain evaluated it: the snapshot it stored (score, band, phase, profile, coverage,
/// overrides, actions, the model's id, version and hash), and what a person reads: the explanation, the trend's and
/// each fired action's message.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class AccountHealthView
{
    /// <summary>Gets the snapshot stored for this evaluation.</summary>
    [Id(0)]
    public required HealthSnapshot Snapshot { get; init; }

    /// <summary>Gets the explanation of the score, in the model's words.</summary>
    [Id(1)]
    public required string Explanation { get; init; }

    /// <summary>Gets the explanation of the change since the previous snapshot, or <see langword="null"/> for the first.</summary>
    [Id(2)]
    public string? TrendExplanation { get; init; }

    /// <summary>Gets the actions that fired, most urgent first.</summary>
    [Id(3)]
    public IReadOnlyList<FiredActionView> FiredActions { get; init; } = [];

    /// <summary>Gets whether this evaluation added the snapshot to the history store; <see langword="false"/> when the store already had one of the same as-of instant and model hash (the evaluation was run again).</summary>
    [Id(4)]
    public bool Stored { get; init; }
}

/// <summary>An action an evaluation fired, with its message rendered for a person.</summary>
[GenerateSerializer]
[Immutable]
public sealed class FiredActionView
{
    /// <summary>Gets the action's id.</summary>
    [Id(0)]
    public required string Id { get; init; }

    /// <summary>Gets the action's title.</summary>
    [Id(1)]
    public required string Title { get; init; }

    /// <summary>Gets the action's kind (respond, recommend, coach, automate…).</summary>
    [Id(2)]
    public required string Kind { get; init; }

    /// <summary>Gets the role that should act, or <see langword="null"/>.</summary>
    [Id(3)]
    public string? OwnerRole { get; init; }

    /// <summary>Gets the message, rendered with the account's values.</summary>
    [Id(4)]
    public required string Message { get; init; }

    /// <summary>Gets what the action's condition read (<c>metrics.escalations = 2</c>): why it fired.</summary>
    [Id(5)]
    public IReadOnlyList<string> Because { get; init; } = [];
}
