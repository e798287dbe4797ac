using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>What a metric contributes when an account has no usable value for it.</summary>
public enum MissingDataPolicy
{
    /// <summary>
    /// The metric is left out and its weight is spread proportionally over the present members of its group;
    /// a group with no present member passes its weight to its sibling groups. This is the default.
    /// </summary>
    [JsonStringEnumMemberName("exclude")]
    Exclude = 0,

    /// <summary>The metric counts as exactly half-way between worst and best (normalised value 0.5).</summary>
    [JsonStringEnumMemberName("neutral")]
    Neutral = 1,

    /// <summary>The metric counts as the fixed normalised value in <see cref="MetricDefinition.MissingValue"/> (for example 0 as a penalty).</summary>
    [JsonStringEnumMemberName("fixed")]
    Fixed = 2,
}
