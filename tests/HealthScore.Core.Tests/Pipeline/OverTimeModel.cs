using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>
/// A small model with a categorical, expiring sentiment, two adjustments, a band exception and an override policy,
/// small enough that every expected score is worked out by hand in the tests.
/// </summary>
internal static class OverTimeModel
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// usage: linear 0 → 10, weight 3; sentiment: green 1, yellow 0.5, red 0, weight 1, valid 30 days.
    /// Bands at_risk 0, watch 50, healthy 75. Adjustments: usage below 2 −10, usage of at least 10 +20.
    /// </summary>
    public static string Document(string overrides = "{}", string extra = "") => $$"""
    {
      "id": "over_time",
      "scale": { "min": 0, "max": 100, "decimals": 0 },
      "groups": [
        { "id": "all", "label": "All", "metrics": [
          { "id": "usage", "label": "Usage", "weight": 3, "scoring": { "type": "linear", "worst": 0, "best": 10 } },
          { "id": "sentiment", "label": "Sentiment", "weight": 1, "maxAgeDays": 30,
            "scoring": { "type": "categories", "categories": [
              { "id": "green", "label": "Green", "score": 1 },
              { "id": "yellow", "label": "Yellow", "score": 0.5 },
              { "id": "red", "label": "Red", "score": 0 } ] } } ] }
      ],
      "bands": [
        { "id": "at_risk", "label": "At risk", "lowerBound": 0, "color": "#D32F2F" },
        { "id": "watch", "label": "Watch", "lowerBound": 50, "color": "#F9A825" },
        { "id": "healthy", "label": "Healthy", "lowerBound": 75, "color": "#388E3C" }
      ],
      "bandExceptions": [ { "id": "idle", "when": "metrics.sentiment == \"red\" && metrics.usage >= 10", "then": "at_risk" } ],
      "adjustments": [
        { "id": "low_usage", "label": "Low usage", "when": "metrics.usage < 2", "points": -10 },
        { "id": "power_user", "label": "Power user", "when": "metrics.usage >= 10", "points": 20 }
      ],
      "actions": [
        { "id": "call", "title": "Call the account", "kind": "respond", "when": "score < 50" }
      ],
      "overrides": {{overrides}}
      {{extra}}
    }
    """;

    public static HealthModel Compile(string overrides = "{}") => HealthModelDocument.Compile(Document(overrides));

    public static double[] Values(HealthModel model, double usage, string? sentiment)
    {
        var values = model.CreateValues();
        values[model.GetMetric("usage").Index] = usage;
        var metric = model.GetMetric("sentiment");
        values[metric.Index] = sentiment is null ? double.NaN : metric.CategoryValue(sentiment);
        return values;
    }

    public static DateTimeOffset[] SentimentObserved(HealthModel model, DateTimeOffset at)
    {
        var observed = new DateTimeOffset[model.Metrics.Count];
        observed[model.GetMetric("sentiment").Index] = at;
        return observed;
    }

    public static AccountHealth Evaluate(HealthModel model, double usage, string? sentiment, IReadOnlyList<HealthOverride>? overrides = null, HealthSnapshot? previous = null, DateTimeOffset? asOf = null) =>
        new HealthEngine(model).Evaluate(new AccountInput
        {
            AccountId = "acme",
            AsOf = asOf ?? AsOf,
            MetricValues = Values(model, usage, sentiment),
            Overrides = overrides,
            Previous = previous,
        });
}
