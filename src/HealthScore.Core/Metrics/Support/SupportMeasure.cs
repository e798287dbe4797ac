namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="SupportProvider"/> measures from support tickets.</summary>
public enum SupportMeasure
{
    /// <summary>Tickets opened in the window. A count.</summary>
    Tickets = 0,

    /// <summary>Tickets of high or urgent severity open at the as-of time. A count; not windowed.</summary>
    OpenHighSeverityTickets = 1,

    /// <summary>Median hours from opened to closed over the tickets closed in the window; missing when none was.</summary>
    MedianResolutionHours = 2,

    /// <summary>Escalated tickets opened in the window. A count.</summary>
    Escalations = 3,
}
