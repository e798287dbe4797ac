namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="UsageProvider"/> measures from product events.</summary>
public enum UsageMeasure
{
    /// <summary>Distinct days with any event in the window, days counted back from the as-of time in 24-hour steps. A count.</summary>
    ActiveDays = 0,

    /// <summary>Login events in the window divided by the window's length in weeks. A count.</summary>
    LoginsPerWeek = 1,

    /// <summary>Sum of event durations in the window, in hours. A count.</summary>
    TimeInProductHours = 2,

    /// <summary>Distinct available features used in the window divided by the number of available features. A count.</summary>
    FeatureBreadth = 3,

    /// <summary>Distinct users with an event in the window divided by the account's licensed seats; missing without seats.</summary>
    ActiveSeatRatio = 4,

    /// <summary>Whole days from the latest event to the as-of time; missing when there is none. Not windowed.</summary>
    DaysSinceLastActivity = 5,

    /// <summary>
    /// Consecutive active days ending with the latest 24-hour step back from the as-of time, days counted as for
    /// <see cref="ActiveDays"/>; 0 when that step has no event. At most the window's length. A count.
    /// </summary>
    CurrentStreakDays = 6,

    /// <summary>The longest run of consecutive active days in the window, days counted as for <see cref="ActiveDays"/>. A count.</summary>
    LongestStreakDays = 7,

    /// <summary>
    /// Distinct available features used in the window: the numerator of <see cref="FeatureBreadth"/>, for rules and
    /// scoring that count features rather than take a share. Events naming other features are not counted. A count.
    /// </summary>
    FeaturesUsed = 8,
}
