namespace HealthScore.Orleans;

/// <summary>A parent account's roll-up over its children, as its grain computed it with the core's <c>Rollup</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed class RollupView
{
    /// <summary>Gets the parent's account id.</summary>
    [Id(0)]
    public required string AccountId { get; init; }

    /// <summary>Gets the roll-up method (average, valueWeighted, worstChild, shareInBand).</summary>
    [Id(1)]
    public required string Method { get; init; }

    /// <summary>Gets the rolled-up score, or <see langword="null"/> (for a share, or with too few children counted).</summary>
    [Id(2)]
    public double? Score { get; init; }

    /// <summary>Gets, for a share in a band, the share of children counted in it.</summary>
    [Id(3)]
    public double? Share { get; init; }

    /// <summary>Gets the roll-up's band id.</summary>
    [Id(4)]
    public required string Band { get; init; }

    /// <summary>Gets how many children counted.</summary>
    [Id(5)]
    public int Counted { get; init; }

    /// <summary>Gets the child that drives the roll-up (the worst one, or the one that moves it most), or <see langword="null"/>.</summary>
    [Id(6)]
    public string? DrivingChild { get; init; }

    /// <summary>Gets the children that did not count, each with why (<c>id: reason</c>).</summary>
    [Id(7)]
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Gets the parent's direct children, in ordinal order.</summary>
    [Id(8)]
    public IReadOnlyList<string> Children { get; init; } = [];
}
