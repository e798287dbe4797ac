namespace HealthScore.Core.Metrics;

/// <summary>Configures a <see cref="TenureProvider"/>.</summary>
public sealed class TenureProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>days_since_contract_start</c> and <c>days_to_renewal</c>.</value>
    public IList<MetricSpec<TenureMeasure>> Metrics { get; set; } =
    [
        new("days_since_contract_start", TenureMeasure.DaysSinceContractStart),
        new("days_to_renewal", TenureMeasure.DaysToRenewal),
    ];
}
