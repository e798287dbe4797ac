namespace HealthScore.Core.Metrics;

/// <summary>Configures a <see cref="ValueProvider"/>.</summary>
public sealed class ValueProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>goal_attainment</c>.</value>
    public IList<MetricSpec<ValueMeasure>> Metrics { get; set; } =
    [
        new("goal_attainment", ValueMeasure.GoalAttainment),
    ];
}
