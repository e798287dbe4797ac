namespace HealthScore.Core.Model;

/// <summary>
/// How the health of child accounts (a company's subsidiaries, a reseller's customers, a workspace's teams) rolls up
/// into their parent: the method, and what it reads. The compiled model exposes it as <see cref="HealthModel.Rollup"/>;
/// see <c>docs/concepts.md</c>, "Roll-ups".
/// </summary>
public sealed class RollupDefinition
{
    /// <summary>Gets or sets how the children's health combines.</summary>
    /// <value>The default value is <see cref="RollupMethod.Average"/>.</value>
    public RollupMethod Method { get; set; }

    /// <summary>
    /// Gets or sets, for <see cref="RollupMethod.ValueWeighted"/> only, the number field of the model's account schema
    /// (<see cref="AccountDefinition.Numbers"/>) whose value weighs each child, for example <c>arr</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; <see cref="RollupMethod.ValueWeighted"/> requires it.</value>
    public string? WeightField { get; set; }

    /// <summary>
    /// Gets or sets, for <see cref="RollupMethod.ShareInBand"/> only, the id of the band counted: a child counts when its
    /// band is this one or a lower one in the model's band order.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; <see cref="RollupMethod.ShareInBand"/> requires it.</value>
    public string? Band { get; set; }

    /// <summary>
    /// Gets or sets how many children must be counted (not skipped) for the parent to have a roll-up; with fewer, its
    /// roll-up is "insufficient data". For <see cref="RollupMethod.ShareInBand"/> it is the accounts counted below the
    /// parent, at any depth.
    /// </summary>
    /// <value>The default value is 1.</value>
    public int MinimumChildren { get; set; } = 1;
}
