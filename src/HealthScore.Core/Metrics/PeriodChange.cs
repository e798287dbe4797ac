namespace HealthScore.Core.Metrics;

/// <summary>Whether a metric is a measure over its window, or the change of that measure against the window before.</summary>
public enum PeriodChange
{
    /// <summary>The measure over the last N days.</summary>
    None = 0,

    /// <summary>The measure over the last N days divided by the measure over the N days before; missing when the earlier measure is 0 or missing.</summary>
    Ratio = 1,

    /// <summary>The measure over the last N days minus the measure over the N days before.</summary>
    Difference = 2,
}
