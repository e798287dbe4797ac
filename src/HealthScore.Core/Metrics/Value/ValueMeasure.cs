namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="ValueProvider"/> measures from goals. Neither measure is windowed.</summary>
public enum ValueMeasure
{
    /// <summary>The mean, over goals with a positive target and a measured value, of achieved / target (1 = on target; not capped); missing when there are none.</summary>
    GoalAttainment = 0,

    /// <summary>Goals whose achieved value reached the target. A count.</summary>
    GoalsMet = 1,
}
