using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// Lays out one phase for the scorer: every node's weight and every metric's function (the model's, or the phase's
/// overrides), each metric's nominal share of the total weight, and the band lower bounds.
/// </summary>
internal sealed class PhaseLayoutBuilder(
    List<(string Id, double Weight, ScoringFunction Function)> metrics,
    List<(string Id, double Weight, int PostIndex)> groups,
    int[] parents,
    List<(string Id, double LowerBound)> bands,
    ThresholdBoundary thresholds)
{
    public PhaseLayout Build(
        IReadOnlyDictionary<string, double>? weightOverrides,
        IReadOnlyDictionary<string, ScoringFunction>? functionOverrides,
        IReadOnlyDictionary<string, double>? boundOverrides)
    {
        var metricCount = metrics.Count;
        var nodeCount = parents.Length;
        var root = nodeCount - 1;
        var weights = new double[nodeCount];
        var functions = new ScoringFunction[metricCount];
        for (var i = 0; i < metricCount; i++)
        {
            var (id, weight, function) = metrics[i];
            weights[i] = weightOverrides is not null && weightOverrides.TryGetValue(id, out var w) ? w : weight;
            functions[i] = functionOverrides is not null && functionOverrides.TryGetValue(id, out var f) ? f : function;
        }

        foreach (var (id, weight, postIndex) in groups)
        {
            weights[metricCount + postIndex] = weightOverrides is not null && weightOverrides.TryGetValue(id, out var w) ? w : weight;
        }

        weights[root] = 1;

        // Nominal shares, top-down: a node's share of its parent's share is its weight over its siblings' weights.
        var siblingSums = new double[nodeCount];
        for (var k = 0; k < root; k++)
        {
            siblingSums[parents[k]] += weights[k];
        }

        var shares = new double[nodeCount];
        shares[root] = 1;
        for (var k = root - 1; k >= 0; k--)
        {
            shares[k] = shares[parents[k]] * weights[k] / siblingSums[parents[k]];
        }

        var bounds = new double[bands.Count];
        for (var b = 0; b < bounds.Length; b++)
        {
            var (id, lowerBound) = bands[b];
            bounds[b] = boundOverrides is not null && boundOverrides.TryGetValue(id, out var bound) ? bound : lowerBound;
        }

        return new PhaseLayout(weights, functions, shares[..metricCount], bounds, ThresholdCutoffs.Of(bounds, thresholds));
    }
}
