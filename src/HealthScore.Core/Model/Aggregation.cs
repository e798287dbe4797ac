using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>How a group combines the normalised values of its members.</summary>
public enum Aggregation
{
    /// <summary>The weighted mean of the members that have a value; missing members' weight is spread over the others.</summary>
    [JsonStringEnumMemberName("weightedMean")]
    WeightedMean = 0,

    /// <summary>The lowest member decides ("worst signal decides"); it carries the group's whole weight.</summary>
    [JsonStringEnumMemberName("minimum")]
    Minimum = 1,

    /// <summary>The highest member decides; it carries the group's whole weight.</summary>
    [JsonStringEnumMemberName("maximum")]
    Maximum = 2,
}
