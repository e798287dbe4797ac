namespace HealthScore.Core.Rollups;

/// <summary>Why a child was left out of its parent's roll-up.</summary>
public enum RollupSkipReason
{
    /// <summary>No snapshot was given for the child.</summary>
    NoSnapshot = 0,

    /// <summary>The child has no score: its snapshot is "insufficient data", or, for a child that is itself a parent, its own roll-up is.</summary>
    InsufficientData = 1,

    /// <summary>For <see cref="Model.RollupMethod.ValueWeighted"/>: the child's weight is missing (NaN), infinite, zero or negative.</summary>
    NoWeight = 2,
}
