namespace HealthScore.Core.Metrics;

/// <summary>Configures a <see cref="SupportProvider"/>.</summary>
public sealed class SupportProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>tickets</c>, <c>open_high_severity_tickets</c>, <c>median_resolution_hours</c> and <c>escalations</c> over 90 days.</value>
    public IList<MetricSpec<SupportMeasure>> Metrics { get; set; } =
    [
        new("tickets", SupportMeasure.Tickets, 90),
        new("open_high_severity_tickets", SupportMeasure.OpenHighSeverityTickets, 90),
        new("median_resolution_hours", SupportMeasure.MedianResolutionHours, 90),
        new("escalations", SupportMeasure.Escalations, 90),
    ];
}
