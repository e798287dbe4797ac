using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks;

/// <summary>The realistic model the benchmarks score: 12 metrics in 4 groups, 4 phases with overrides, 5 bands.</summary>
public static class BenchmarkModels
{
    /// <summary>Builds the realistic model.</summary>
    /// <returns>The compiled model.</returns>
    public static HealthModel Realistic() => RealisticBuilder().Build();

    /// <summary>The realistic model's builder (its <see cref="HealthModelBuilder.Definition"/> is the document's source).</summary>
    /// <returns>The builder.</returns>
    public static HealthModelBuilder RealisticBuilder() => new HealthModelBuilder()
        .WithId("bench", "Benchmark model")
        .AddBand("critical", "Critical", "#B71C1C", 0)
        .AddBand("at_risk", "At risk", "#E65100", 25)
        .AddBand("watch", "Watch", "#F9A825", 45)
        .AddBand("healthy", "Healthy", "#43A047", 65)
        .AddBand("champion", "Champion", "#1B5E20", 85)
        .AddGroup("usage", "Usage", 40, g => g
            .AddMetric("active_days", "Active days", new LinearScoring(0, 20), 2)
            .AddMetric("logins_per_week", "Logins per week", new LogisticScoring(3, 1.2))
            .AddMetric("feature_breadth", "Feature breadth", new PiecewiseLinearScoring([new(0, 0), new(0.2, 0.5), new(0.6, 1)]))
            .AddMetric("seat_utilisation", "Seat utilisation", new TargetRatioScoring(0.8)))
        .AddGroup("support", "Support", 20, g => g
            .AddMetric("tickets", "Tickets in 90 days", new LinearScoring(12, 0))
            .AddMetric("open_critical", "Open critical tickets", new TierScoring([new(0, 1), new(1, 0.3), new(2, 0)]))
            .AddMetric("days_to_resolve", "Median days to resolve", new BoundedLinearScoring(30, 1)))
        .AddGroup("satisfaction", "Satisfaction", 25, g => g
            .AddMetric("nps", "NPS", new LinearScoring(-100, 100))
            .AddMetric("csat", "CSAT", new LinearScoring(1, 5), configure: m => m.Missing = MissingDataPolicy.Neutral)
            .AddMetric("response_rate", "Survey response rate", new LinearScoring(0, 0.5)))
        .AddGroup("engagement", "Engagement", 15, g => g
            .AddMetric("touches", "Touches in 90 days", new LinearScoring(0, 12))
            .AddMetric("days_since_exec", "Days since executive contact", new LinearScoring(180, 14)), Aggregation.Minimum)
        .AddPhase("onboarding", "Onboarding", p => p.SetWeight("usage", 60).SetScoring("active_days", new LinearScoring(0, 10)).SetBandLowerBound("healthy", 55))
        .AddPhase("adoption", "Adoption")
        .AddPhase("renewal", "Renewal", p => p.SetWeight("satisfaction", 40).SetBandLowerBound("healthy", 70))
        .AddPhase("dormant", "Dormant", p => p.SetWeight("engagement", 40))
        .WithDefaultPhase("adoption");

    /// <summary>The realistic model's shape (same metrics, groups, phases, bands) with only linear scoring functions.</summary>
    /// <returns>The compiled model.</returns>
    public static HealthModel RealisticLinearOnly()
    {
        var builder = RealisticBuilder();
        foreach (var group in builder.Definition.Groups)
        {
            foreach (var metric in group.Metrics)
            {
                if (metric.Scoring is not LinearScoring)
                {
                    metric.Scoring = new LinearScoring(0, 10);
                }
            }
        }

        return builder.Build();
    }

    /// <summary>A deterministic account: every metric present except, for some seeds, NPS.</summary>
    public static double[] Account(HealthModel model, int seed)
    {
        var values = model.CreateValues();
        var x = (uint)seed * 2654435761u;
        for (var i = 0; i < values.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values[i] = (x % 1000) / 1000.0 * 20;
        }

        values[model.GetMetric("nps").Index] = seed % 3 == 0 ? double.NaN : ((seed * 37) % 200) - 100;
        values[model.GetMetric("csat").Index] = 1 + (seed % 5);
        return values;
    }
}
