namespace HealthScore.Core.Metrics;

/// <summary>An onboarding milestone the account should reach.</summary>
/// <param name="Name">The milestone's name.</param>
/// <param name="Due">When it is due.</param>
/// <param name="Completed">When it was completed; <see langword="null"/> while it is not.</param>
public readonly record struct OnboardingMilestone(string Name, DateTimeOffset Due, DateTimeOffset? Completed = null);
