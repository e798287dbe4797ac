using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>Which side of a band's lower bound or a tier's <c>from</c> the threshold itself belongs to.</summary>
public enum ThresholdBoundary
{
    /// <summary>A score equal to a threshold belongs to the band (or tier) that starts there: <c>score &gt;= lowerBound</c>.</summary>
    [JsonStringEnumMemberName("includeLower")]
    IncludeLower = 0,

    /// <summary>A score equal to a threshold stays in the band (or tier) below: <c>score &gt; lowerBound</c>, as Gainsight and ChurnZero count.</summary>
    [JsonStringEnumMemberName("includeUpper")]
    IncludeUpper = 1,
}
