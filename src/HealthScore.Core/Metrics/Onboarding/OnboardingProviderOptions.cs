namespace HealthScore.Core.Metrics;

/// <summary>Configures an <see cref="OnboardingProvider"/>.</summary>
public sealed class OnboardingProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>onboarding_completion</c> and <c>overdue_milestones</c>.</value>
    public IList<MetricSpec<OnboardingMeasure>> Metrics { get; set; } =
    [
        new("onboarding_completion", OnboardingMeasure.CompletionRatio),
        new("overdue_milestones", OnboardingMeasure.OverdueMilestones),
    ];
}
