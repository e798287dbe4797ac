namespace HealthScore.Core.Tuning;

/// <summary>A churn rate a band should meet, for example "At risk" = the accounts where churn is at least 30%.</summary>
/// <param name="BandId">The band's id.</param>
/// <param name="MinimumChurnRate">The churn rate, between 0 and 1 (exclusive), that every part of the band should reach.</param>
public sealed record BandTarget(string BandId, double MinimumChurnRate);
