namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="TenureProvider"/> measures from the account. Neither measure is windowed.</summary>
public enum TenureMeasure
{
    /// <summary>Whole days from the contract start to the as-of time; missing when unknown or after the as-of time.</summary>
    DaysSinceContractStart = 0,

    /// <summary>Whole days from the as-of time to the renewal date, negative once it has passed; missing when unknown.</summary>
    DaysToRenewal = 1,
}
