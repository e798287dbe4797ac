namespace HealthScore.Core.Metrics;

/// <summary>One touch point between the success team and the account.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Channel">How.</param>
/// <param name="Stakeholder">Which person at the account was reached; <see langword="null"/> when unknown.</param>
/// <param name="IsExecutive">Whether that person is an executive.</param>
public readonly record struct TouchPoint(DateTimeOffset Time, TouchChannel Channel, string? Stakeholder = null, bool IsExecutive = false);
