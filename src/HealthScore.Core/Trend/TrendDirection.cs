namespace HealthScore.Core.Trend;

/// <summary>Which way a score moved between two results.</summary>
public enum TrendDirection
{
    /// <summary>One of the two results has no score, so no direction can be given.</summary>
    Unknown = 0,

    /// <summary>The score moved by no more than the model's dead band.</summary>
    Flat = 1,

    /// <summary>The score rose by more than the dead band.</summary>
    Up = 2,

    /// <summary>The score fell by more than the dead band.</summary>
    Down = 3,
}
