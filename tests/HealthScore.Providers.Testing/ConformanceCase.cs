using HealthScore.Core.Metrics;

namespace HealthScore.Providers.Testing;

/// <summary>Hand-made records, an as-of date and the values a provider must compute for them, by metric id.</summary>
/// <param name="Name">What the case checks, shown when it fails (for example "ticket exactly 90 days old is outside").</param>
/// <param name="Records">The records.</param>
/// <param name="AsOf">The as-of date.</param>
/// <param name="Expected">Expected values by metric id; NaN expects missing. Metrics not listed are not checked.</param>
public sealed record ConformanceCase(string Name, AccountRecords Records, DateTimeOffset AsOf, IReadOnlyDictionary<string, double> Expected);
