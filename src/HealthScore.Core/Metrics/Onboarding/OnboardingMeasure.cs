namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="OnboardingProvider"/> measures from onboarding milestones. Neither measure is windowed.</summary>
public enum OnboardingMeasure
{
    /// <summary>Milestones completed by the as-of time divided by all milestones; missing when there are none.</summary>
    CompletionRatio = 0,

    /// <summary>Milestones due before the as-of time and not completed by it. A count.</summary>
    OverdueMilestones = 1,
}
