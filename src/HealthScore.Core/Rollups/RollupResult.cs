using HealthScore.Core.Model;

namespace HealthScore.Core.Rollups;

/// <summary>
/// One parent account's roll-up: its children's health combined by the model's <see cref="Rollup.Method"/>, how many
/// children were counted and which were skipped, and the child that drives the result. Immutable.
/// </summary>
public sealed class RollupResult
{
    internal RollupResult(string accountId, RollupMethod method, double? score, double? share, Band band, int counted, int inBand, IReadOnlyList<SkippedChild> skipped, string? drivingChild, (int Band, double Score)? worstInBand = null)
    {
        AccountId = accountId;
        Method = method;
        Score = score;
        Share = share;
        Band = band;
        Counted = counted;
        InBand = inBand;
        Skipped = skipped;
        DrivingChild = drivingChild;
        WorstInBand = worstInBand;
    }

    /// <summary>Gets the parent's account id.</summary>
    public string AccountId { get; }

    /// <summary>Gets how the children's health was combined.</summary>
    public RollupMethod Method { get; }

    /// <summary>
    /// Gets the rolled-up score on the model's scale, rounded to its decimals as scores are: for
    /// <see cref="RollupMethod.Average"/>, <see cref="RollupMethod.ValueWeighted"/> and <see cref="RollupMethod.WorstChild"/>.
    /// <see langword="null"/> for <see cref="RollupMethod.ShareInBand"/>, and when fewer children than the model's
    /// <see cref="Rollup.MinimumChildren"/> were counted.
    /// </summary>
    public double? Score { get; }

    /// <summary>
    /// Gets, for <see cref="RollupMethod.ShareInBand"/>, the share (0 to 1) of the accounts counted whose band is
    /// <see cref="Band"/> or a lower one. <see langword="null"/> for the other methods, and when too few accounts were counted.
    /// </summary>
    public double? Share { get; }

    /// <summary>
    /// Gets, for the score methods, the band the model's default phase gives <see cref="Score"/> (the insufficient-data
    /// band when there is no score); for <see cref="RollupMethod.ShareInBand"/>, the band counted.
    /// </summary>
    public Band Band { get; }

    /// <summary>
    /// Gets how many children were counted. For <see cref="RollupMethod.ShareInBand"/>, children that are themselves
    /// parents pass on the accounts they counted, so this is the accounts counted below the parent at any depth.
    /// </summary>
    public int Counted { get; }

    /// <summary>Gets, for <see cref="RollupMethod.ShareInBand"/>, how many of the accounts counted are in <see cref="Band"/> or a lower band; 0 for the other methods.</summary>
    public int InBand { get; }

    /// <summary>
    /// Gets the children left out, with the reason, in the order of the hierarchy. For <see cref="RollupMethod.ShareInBand"/>
    /// it includes the accounts the children that are parents left out.
    /// </summary>
    public IReadOnlyList<SkippedChild> Skipped { get; }

    /// <summary>
    /// Gets the id of the child (always a direct child) that drives the result: for <see cref="RollupMethod.WorstChild"/>
    /// the child with the lowest score; for <see cref="RollupMethod.Average"/> and <see cref="RollupMethod.ValueWeighted"/>
    /// the child that pulls the result down most (the largest weight × (result − child's score)), or
    /// <see langword="null"/> when every child counted has the same score; for <see cref="RollupMethod.ShareInBand"/> the
    /// child holding the worst account in the band counted (lowest band, then lowest score), or <see langword="null"/>
    /// when none is in it. Ties go to the child listed first. <see langword="null"/> when there is no result.
    /// </summary>
    public string? DrivingChild { get; }

    /// <summary>Gets whether too few children were counted for a result (<see cref="Score"/> and <see cref="Share"/> are both <see langword="null"/>).</summary>
    public bool IsInsufficientData => Score is null && Share is null;

    /// <summary>The worst account in the band counted below this parent, for <see cref="RollupMethod.ShareInBand"/>: passed up to its own parent.</summary>
    internal (int Band, double Score)? WorstInBand { get; }
}
