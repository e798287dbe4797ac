namespace HealthScore.Core.Scoring;

/// <summary>Where a metric's normalised value came from in one result.</summary>
public enum MetricStatus
{
    /// <summary>The account had a usable value; it counts towards coverage.</summary>
    Present = 0,

    /// <summary>No usable value; the metric was left out and its weight redistributed.</summary>
    Excluded = 1,

    /// <summary>No usable value; the metric counted as the neutral value 0.5.</summary>
    AssumedNeutral = 2,

    /// <summary>No usable value; the metric counted as the model's fixed value.</summary>
    AssumedFixed = 3,

    /// <summary>The metric is not part of the scorecard the account was scored with (a profile that does not use it): no weight, no points, no effect on coverage.</summary>
    NotScored = 4,
}
