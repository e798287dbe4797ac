namespace HealthScore.Core.Model;

/// <summary>How a group combines the normalised values of its members.</summary>
public enum Aggregation
{
    /// <summary>The weighted mean of the members that have a value; missing members' weight is spread over the others.</summary>
    WeightedMean = 0,

    /// <summary>The lowest member decides ("worst signal decides"); it carries the group's whole weight.</summary>
    Minimum = 1,

    /// <summary>The highest member decides; it carries the group's whole weight.</summary>
    Maximum = 2,
}
