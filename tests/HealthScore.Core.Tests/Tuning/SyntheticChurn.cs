using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>
/// Seeded synthetic churn data with known structure, and the model a success team would write for it without the
/// outcomes: usage helps (as configured); support tickets are configured "fewer is better" but engaged accounts that
/// file tickets stay (a reversed effect); seat utilisation is configured "more is better" but is best at 0.6
/// (single-peaked); NPS is blank for some accounts and the blanks churn more; the plan's categories are scored in the
/// wrong order; tenure softens the effect of low usage (an interaction no additive score can express); plus noise.
/// </summary>
internal static class SyntheticChurn
{
    public const string Document = """
        {
          "formatVersion": 2,
          "id": "synthetic_churn",
          "label": "Synthetic subscriptions",
          "minimumCoverage": 0.5,
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "watch", "label": "Watch", "color": "#F9A825", "lowerBound": 40 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 65 }
          ],
          "groups": [
            { "id": "engagement", "label": "Engagement", "weight": 60, "metrics": [
              { "id": "usage", "label": "Weekly active use", "scoring": { "type": "linear", "worst": 0, "best": 100 } },
              { "id": "tickets", "label": "Support tickets", "scoring": { "type": "linear", "worst": 10, "best": 0 } },
              { "id": "utilisation", "label": "Seat utilisation", "scoring": { "type": "linear", "worst": 0, "best": 1 } },
              { "id": "tenure", "label": "Months subscribed", "scoring": { "type": "linear", "worst": 0, "best": 36 } },
              { "id": "noise", "label": "Unrelated figure", "scoring": { "type": "linear", "worst": 0, "best": 1 } }
            ] },
            { "id": "sentiment", "label": "Sentiment", "weight": 40, "metrics": [
              { "id": "nps", "label": "NPS", "weight": 2, "scoring": { "type": "linear", "worst": 0, "best": 10 } },
              { "id": "plan", "label": "Plan", "scoring": { "type": "categories", "categories": [
                { "id": "basic", "score": 1 }, { "id": "pro", "score": 0.5 }, { "id": "enterprise", "score": 0 } ] } }
            ] }
          ]
        }
        """;

    public static HealthModelDefinition Definition() => HealthModelDocument.Parse(Document);

    /// <summary>Draws <paramref name="rows"/> accounts; the metric order is the compiled model's.</summary>
    public static (double[] Values, bool[] Churned) Generate(int rows, int seed)
    {
        var model = HealthModel.Compile(Definition());
        var random = new Random(seed);
        var m = model.Metrics.Count;
        var values = new double[rows * m];
        var churned = new bool[rows];
        int Index(string id) => model.GetMetric(id).Index;
        for (var r = 0; r < rows; r++)
        {
            var usage = Math.Clamp(50 + (25 * Normal(random)), 0, 100);
            var tickets = Math.Min(10, Poisson(random, 0.5 + (usage / 40)));
            var utilisation = random.NextDouble();
            var tenure = Math.Round(random.NextDouble() * 48);
            var nps = Math.Round(Math.Clamp(6 + (2.5 * Normal(random)), 0, 10));
            var plan = random.Next(3);
            var logit = -1.6
                - (1.1 * (usage - 50) / 25)
                - (0.35 * tickets)
                + (7 * (utilisation - 0.6) * (utilisation - 0.6))
                - (0.25 * (nps - 6))
                - (0.6 * plan)
                - (0.02 * tenure)
                - (0.015 * tenure * Math.Max(0, 50 - usage) / 25);
            churned[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));

            // Unhappy accounts leave the survey blank more often.
            var npsBlank = random.NextDouble() < (churned[r] ? 0.25 : 0.06);
            var row = values.AsSpan(r * m, m);
            row[Index("usage")] = Math.Round(usage, 1);
            row[Index("tickets")] = tickets;
            row[Index("utilisation")] = Math.Round(utilisation, 3);
            row[Index("tenure")] = tenure;
            row[Index("noise")] = Math.Round(random.NextDouble(), 3);
            row[Index("nps")] = npsBlank ? double.NaN : nps;
            row[Index("plan")] = plan;
        }

        return (values, churned);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }
}
