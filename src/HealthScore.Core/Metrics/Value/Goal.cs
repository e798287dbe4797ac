namespace HealthScore.Core.Metrics;

/// <summary>A goal the customer set, measured against a non-monetary benchmark (value delivered).</summary>
/// <param name="Name">The goal's name.</param>
/// <param name="Target">The value to reach; a goal whose target is not a positive number is ignored.</param>
/// <param name="Achieved">The value reached so far; NaN when not measured (the goal is ignored).</param>
/// <param name="Unit">The unit of both values (for example "hours saved"); informational.</param>
/// <param name="MeasuredAt">When <paramref name="Achieved"/> was measured; a measurement after the as-of date is ignored; <see langword="null"/> when undated.</param>
public readonly record struct Goal(string Name, double Target, double Achieved, string? Unit = null, DateTimeOffset? MeasuredAt = null);
