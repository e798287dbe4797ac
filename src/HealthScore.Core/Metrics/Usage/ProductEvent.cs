namespace HealthScore.Core.Metrics;

/// <summary>One use of the product: a user did something with a feature at a time.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="UserId">Who did it (a seat); <see langword="null"/> when unknown.</param>
/// <param name="Feature">The feature used; a login is the feature named by <see cref="UsageProviderOptions.LoginFeature"/>.</param>
/// <param name="Quantity">How many times or units (1 for a single use). NaN is treated as unknown and not summed.</param>
/// <param name="Duration">How long the use lasted (time in product); zero when not measured.</param>
public readonly record struct ProductEvent(DateTimeOffset Time, string? UserId, string? Feature, double Quantity = 1, TimeSpan Duration = default);
