namespace HealthScore.Core.Metrics;

/// <summary>Configures a <see cref="SatisfactionProvider"/>.</summary>
public sealed class SatisfactionProviderOptions
{
    /// <summary>Gets or sets the metrics to produce.</summary>
    /// <value>The default value is <c>nps</c>, <c>csat</c> (latest), <c>ces</c> (mean) and <c>survey_response_rate</c> over 180 days.</value>
    public IList<MetricSpec<SatisfactionMeasure>> Metrics { get; set; } =
    [
        new("nps", SatisfactionMeasure.Nps, 180),
        new("csat", SatisfactionMeasure.LatestCsat, 180),
        new("ces", SatisfactionMeasure.MeanCes, 180),
        new("survey_response_rate", SatisfactionMeasure.ResponseRate, 180),
    ];
}
