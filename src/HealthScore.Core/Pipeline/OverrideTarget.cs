using System.Text.Json.Serialization;

namespace HealthScore.Core.Pipeline;

/// <summary>What an override replaces.</summary>
public enum OverrideTarget
{
    /// <summary>The account's score; its band follows from the phase's thresholds.</summary>
    [JsonStringEnumMemberName("score")]
    Score = 0,

    /// <summary>The account's band; the score stays as computed.</summary>
    [JsonStringEnumMemberName("band")]
    Band = 1,

    /// <summary>One metric's value, before scoring.</summary>
    [JsonStringEnumMemberName("metric")]
    Metric = 2,
}
