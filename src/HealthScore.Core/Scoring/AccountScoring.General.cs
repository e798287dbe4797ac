using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>The general pass: any tree of groups, over the model's flat arrays with scratch space per node.</summary>
internal static partial class AccountScoring
{
    internal static HealthResult Evaluate(
        HealthModel model,
        ReadOnlySpan<double> values,
        Phase phase,
        Span<MetricContribution> contributions,
        Span<GroupScore> groupScores,
        Span<double> nodeValues,
        Span<double> weightSums,
        Span<double> accumulators)
    {
        var layout = model.Layout;
        var phaseLayout = phase.Layout;
        var metricCount = layout.MetricCount;
        var root = layout.Root;
        var parents = layout.Parents.AsSpan(0, layout.NodeCount);
        var aggregations = layout.Aggregations.AsSpan(0, layout.NodeCount);
        var weights = phaseLayout.NodeWeights.AsSpan(0, layout.NodeCount);
        var functions = phaseLayout.Functions;
        var linearOffsets = phaseLayout.LinearOffsets;
        var linearScales = phaseLayout.LinearScales;
        var shares = phaseLayout.CoverageShares;
        var missingValues = layout.MissingValues;

        // For Minimum/Maximum groups, the accumulator holds the running extreme and weightSums the chosen child (as a
        // node number) plus one; for WeightedMean groups, the running weighted sum and the sum of present weights.
        for (var g = metricCount; g <= root; g++)
        {
            weightSums[g] = 0;
            accumulators[g] = aggregations[g] switch
            {
                Aggregation.Minimum => double.PositiveInfinity,
                Aggregation.Maximum => double.NegativeInfinity,
                _ => 0,
            };
        }

        var kinds = phaseLayout.Kinds;
        var missingShare = 0.0;
        for (var i = 0; i < metricCount; i++)
        {
            var raw = values[i];

            // Each function family is called on its sealed class (linear ones inline), not through the virtual Normalize.
            var normalized = double.IsFinite(raw)
                ? FunctionKinds.Normalize(kinds[i], functions[i], raw, linearOffsets[i], linearScales[i])
                : double.NaN;

            // A metric's own slot in weightSums is free: it records whether the value was present.
            if (double.IsNaN(normalized))
            {
                weightSums[i] = 0;
                missingShare += shares[i];
                normalized = missingValues[i];
            }
            else
            {
                weightSums[i] = 1;
            }

            nodeValues[i] = normalized;
            if (!double.IsNaN(normalized))
            {
                Push(aggregations, weightSums, accumulators, parents[i], i, normalized, weights[i]);
            }
        }

        for (var g = metricCount; g <= root; g++)
        {
            var present = weightSums[g] > 0;
            var value = !present
                ? double.NaN
                : aggregations[g] == Aggregation.WeightedMean ? accumulators[g] / weightSums[g] : accumulators[g];
            nodeValues[g] = value;
            if (g != root && present)
            {
                Push(aggregations, weightSums, accumulators, parents[g], g, value, weights[g]);
            }
        }

        if (!contributions.IsEmpty || !groupScores.IsEmpty)
        {
            Distribute(model, values, contributions, groupScores, nodeValues, weightSums, accumulators, parents, aggregations, weights, model.ScaleMax - model.ScaleMin);
        }

        return Result(model, phase, nodeValues[root], missingShare);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Push(ReadOnlySpan<Aggregation> aggregations, Span<double> weightSums, Span<double> accumulators, int parent, int node, double value, double weight)
    {
        var aggregation = aggregations[parent];
        if (aggregation == Aggregation.WeightedMean)
        {
            accumulators[parent] += weight * value;
            weightSums[parent] += weight;
            return;
        }

        switch (aggregation)
        {
            case Aggregation.Minimum:
                if (value < accumulators[parent])
                {
                    accumulators[parent] = value;
                    weightSums[parent] = node + 1;
                }

                break;
            case Aggregation.Maximum:
                if (value > accumulators[parent])
                {
                    accumulators[parent] = value;
                    weightSums[parent] = node + 1;
                }

                break;
        }
    }

    // Top-down: the root carries the whole score; a weighted mean passes each present child its share of the
    // present weight, a minimum or maximum passes everything to the child that decided it.
    private static void Distribute(
        HealthModel model,
        ReadOnlySpan<double> values,
        Span<MetricContribution> contributions,
        Span<GroupScore> groupScores,
        ReadOnlySpan<double> nodeValues,
        ReadOnlySpan<double> weightSums,
        Span<double> effective,
        ReadOnlySpan<int> parents,
        ReadOnlySpan<Aggregation> aggregations,
        ReadOnlySpan<double> weights,
        double range)
    {
        var layout = model.Layout;
        var metricCount = layout.MetricCount;
        var root = layout.Root;
        effective[root] = double.IsNaN(nodeValues[root]) ? 0 : 1;
        for (var k = root - 1; k >= 0; k--)
        {
            var parent = parents[k];
            var parentWeight = effective[parent];
            double share;
            if (parentWeight == 0 || double.IsNaN(nodeValues[k]))
            {
                share = 0;
            }
            else if (aggregations[parent] == Aggregation.WeightedMean)
            {
                share = parentWeight * weights[k] / weightSums[parent];
            }
            else
            {
                share = (int)weightSums[parent] - 1 == k ? parentWeight : 0;
            }

            // Written after the parent was read: a parent's number is always higher than its children's.
            effective[k] = share;
        }

        if (!contributions.IsEmpty)
        {
            for (var i = 0; i < metricCount; i++)
            {
                var normalized = nodeValues[i];
                var raw = values[i];
                MetricStatus status;
                if (weightSums[i] > 0)
                {
                    status = MetricStatus.Present;
                }
                else if (layout.NotScored is { } notScored && notScored[i])
                {
                    status = MetricStatus.NotScored;
                }
                else
                {
                    status = model.MissingPolicies[i] switch
                    {
                        MissingDataPolicy.Neutral => MetricStatus.AssumedNeutral,
                        MissingDataPolicy.Fixed => MetricStatus.AssumedFixed,
                        _ => MetricStatus.Excluded,
                    };
                }

                var weight = effective[i];
                var value = double.IsNaN(normalized) ? 0 : normalized;
                contributions[i] = new MetricContribution(i, double.IsFinite(raw) ? raw : double.NaN, value, weight, weight * value * range, weight * (1 - value) * range, status);
            }
        }

        if (!groupScores.IsEmpty)
        {
            for (var g = 0; g < layout.GroupCount; g++)
            {
                var node = metricCount + g;
                var value = nodeValues[node];
                var weight = effective[node];
                groupScores[g] = double.IsNaN(value)
                    ? new GroupScore(g, null, 0, 0, 0)
                    : new GroupScore(g, model.ScaleMin + (range * value), weight, weight * value * range, weight * (1 - value) * range);
            }
        }
    }
}
