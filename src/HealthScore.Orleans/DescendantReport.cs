using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans;

/// <summary>A child's (or deeper descendant's) latest health as its grain reports it up the hierarchy.</summary>
[GenerateSerializer]
[Immutable]
public sealed class DescendantReport
{
    /// <summary>Gets the descendant's account id.</summary>
    [Id(0)]
    public required string AccountId { get; init; }

    /// <summary>Gets the descendant's own parent.</summary>
    [Id(1)]
    public required string ParentId { get; init; }

    /// <summary>Gets the descendant's latest snapshot.</summary>
    [Id(2)]
    public required HealthSnapshot Snapshot { get; init; }

    /// <summary>Gets the descendant's value of the roll-up's weight field (the account's value), or NaN when unknown.</summary>
    [Id(3)]
    public double Weight { get; init; } = double.NaN;
}
