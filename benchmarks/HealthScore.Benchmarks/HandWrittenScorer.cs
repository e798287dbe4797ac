namespace HealthScore.Benchmarks;

/// <summary>
/// The peer a .NET team would write by hand for the realistic model in its default (adoption) phase: metric values
/// in a dictionary, each group a list of metrics with a lambda, LINQ for the weighted means, a class per result.
/// It computes the same unrounded score, rounded score and band as <c>HealthModel.Score</c>.
/// </summary>
public sealed class HandWrittenScorer
{
    private static readonly (string Band, double LowerBound)[] Bands = [("critical", 0), ("at_risk", 25), ("watch", 45), ("healthy", 65), ("champion", 85)];

    private readonly List<GroupSpec> _groups =
    [
        new("usage", 40, false,
        [
            new("active_days", 2, v => Linear(v, 0, 20)),
            new("logins_per_week", 1, v => 1.0 / (1.0 + Math.Exp(Math.Min(-1.2 * (v - 3), 700)))),
            new("feature_breadth", 1, v => v <= 0 ? 0 : v <= 0.2 ? v / 0.2 * 0.5 : v <= 0.6 ? 0.5 + ((v - 0.2) / 0.4 * 0.5) : 1),
            new("seat_utilisation", 1, v => v <= 0 ? 0 : Math.Min(v / 0.8, 1.0)),
        ]),
        new("support", 20, false,
        [
            new("tickets", 1, v => Linear(v, 12, 0)),
            new("open_critical", 1, v => v >= 2 ? 0 : v >= 1 ? 0.3 : 1),
            new("days_to_resolve", 1, v => v is < 1 or > 30 ? null : Linear(v, 30, 1)),
        ]),
        new("satisfaction", 25, false,
        [
            new("nps", 1, v => Linear(v, -100, 100)),
            new("csat", 1, v => Linear(v, 1, 5), MissingValue: 0.5),
            new("response_rate", 1, v => Linear(v, 0, 0.5)),
        ]),
        new("engagement", 15, true,
        [
            new("touches", 1, v => Linear(v, 0, 12)),
            new("days_since_exec", 1, v => Linear(v, 180, 14)),
        ]),
    ];

    /// <summary>Scores one account.</summary>
    /// <param name="values">Metric values by metric id; a missing metric is absent or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public HandWrittenResult Score(IReadOnlyDictionary<string, double?> values)
    {
        var groupScores = _groups
            .Select(g =>
            {
                var present = g.Metrics
                    .Select(m => (m.Weight, Value: values.TryGetValue(m.Id, out var raw) && raw is { } r && double.IsFinite(r) ? m.Normalize(r) : null, m.MissingValue))
                    .Select(x => (x.Weight, Value: x.Value is { } v ? Math.Clamp(v, 0.0, 1.0) : x.MissingValue))
                    .Where(x => x.Value.HasValue)
                    .ToList();
                double? score = present.Count == 0 ? null
                    : g.Minimum ? present.Min(x => x.Value!.Value)
                    : present.Sum(x => x.Weight * x.Value!.Value) / present.Sum(x => x.Weight);
                return new { g.Weight, Score = score };
            })
            .Where(g => g.Score.HasValue)
            .ToList();
        if (groupScores.Count == 0)
        {
            return new HandWrittenResult(null, null, "insufficient_data");
        }

        var root = groupScores.Sum(g => g.Weight * g.Score!.Value) / groupScores.Sum(g => g.Weight);
        var unrounded = Math.Clamp(100 * Math.Clamp(root, 0.0, 1.0), 0, 100);
        var score = Math.Round(unrounded, 0, MidpointRounding.AwayFromZero);
        var band = Bands.Last(b => score >= b.LowerBound).Band;
        return new HandWrittenResult(score, unrounded, band);
    }

    private static double? Linear(double value, double worst, double best) => Math.Clamp((value - worst) * (1.0 / (best - worst)), 0.0, 1.0);

    private sealed record MetricSpec(string Id, double Weight, Func<double, double?> Normalize, double? MissingValue = null);

    private sealed record GroupSpec(string Id, double Weight, bool Minimum, List<MetricSpec> Metrics);
}

/// <summary>The hand-written peer's result.</summary>
/// <param name="Score">The rounded score, or <see langword="null"/> without data.</param>
/// <param name="UnroundedScore">The unrounded score.</param>
/// <param name="Band">The band's id.</param>
public sealed record HandWrittenResult(double? Score, double? UnroundedScore, string Band);
