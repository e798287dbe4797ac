namespace HealthScore.Core.Metrics;

/// <summary>Configures an <see cref="EngagementProvider"/>.</summary>
public sealed class EngagementProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>touches</c>, <c>event_attendance</c>, <c>help_page_views</c>, <c>stakeholders_reached</c> over 90 days, and <c>days_since_executive_contact</c>.</value>
    public IList<MetricSpec<EngagementMeasure>> Metrics { get; set; } =
    [
        new("touches", EngagementMeasure.Touches, 90),
        new("event_attendance", EngagementMeasure.EventAttendance, 90),
        new("help_page_views", EngagementMeasure.HelpPageViews, 90),
        new("stakeholders_reached", EngagementMeasure.StakeholdersReached, 90),
        new("days_since_executive_contact", EngagementMeasure.DaysSinceExecutiveContact, 90),
    ];
}
