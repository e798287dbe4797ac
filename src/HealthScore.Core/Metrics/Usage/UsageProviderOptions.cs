namespace HealthScore.Core.Metrics;

/// <summary>Configures a <see cref="UsageProvider"/>.</summary>
public sealed class UsageProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>active_days</c>, <c>logins_per_week</c>, <c>time_in_product_hours</c>, <c>feature_breadth</c>, <c>active_seat_ratio</c> over 30 days, and <c>days_since_last_activity</c>.</value>
    public IList<MetricSpec<UsageMeasure>> Metrics { get; set; } =
    [
        new("active_days", UsageMeasure.ActiveDays),
        new("logins_per_week", UsageMeasure.LoginsPerWeek),
        new("time_in_product_hours", UsageMeasure.TimeInProductHours),
        new("feature_breadth", UsageMeasure.FeatureBreadth),
        new("active_seat_ratio", UsageMeasure.ActiveSeatRatio),
        new("days_since_last_activity", UsageMeasure.DaysSinceLastActivity),
    ];

    /// <summary>Gets or sets the features available to the account: the denominator of <see cref="UsageMeasure.FeatureBreadth"/> and what <see cref="UsageMeasure.FeaturesUsed"/> counts. Events naming other features are not counted in either.</summary>
    /// <value>The default value is empty; it must not be empty when a metric measures feature breadth or features used.</value>
    public IList<string> AvailableFeatures { get; set; } = [];

    /// <summary>Gets or sets the <see cref="ProductEvent.Feature"/> that marks a login.</summary>
    /// <value>The default value is <c>"login"</c>.</value>
    public string LoginFeature { get; set; } = "login";
}
