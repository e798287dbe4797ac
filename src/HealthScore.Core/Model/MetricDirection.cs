using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>Which way a metric's raw value is good.</summary>
public enum MetricDirection
{
    /// <summary>A larger raw value means a healthier account (logins, NPS, milestones completed).</summary>
    [JsonStringEnumMemberName("higherIsBetter")]
    HigherIsBetter = 0,

    /// <summary>A smaller raw value means a healthier account (open tickets, days since last activity).</summary>
    [JsonStringEnumMemberName("lowerIsBetter")]
    LowerIsBetter = 1,
}
