using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// One phase's scoring steps for the common two-level shape: every metric directly in a group, every group directly
/// under a weighted-mean root, and each group's metrics numbered one after another in the group order. The scorer
/// then walks the steps with each group's running sums in registers, in exactly the order of the general forward
/// pass (metrics by number, groups by number), so the results are bit for bit the same.
/// </summary>
internal sealed class AccountProgram
{
    private AccountProgram(MetricStep[] metrics, GroupStep[] groups)
    {
        Metrics = metrics;
        Groups = groups;
    }

    /// <summary>One step per metric, by metric number.</summary>
    public MetricStep[] Metrics { get; }

    /// <summary>One step per group, by node number; each ends where the next one's metrics start.</summary>
    public GroupStep[] Groups { get; }

    /// <summary>The program of a phase, or <see langword="null"/> when the model's tree has another shape.</summary>
    public static AccountProgram? TryBuild(ModelLayout layout, PhaseLayout phase, MissingDataPolicy[] missingPolicies)
    {
        var metricCount = layout.MetricCount;
        var groupCount = layout.GroupCount;
        var root = layout.Root;
        var parents = layout.Parents;
        var aggregations = layout.Aggregations;
        if (groupCount == 0 || aggregations[root] != Aggregation.WeightedMean)
        {
            return null;
        }

        for (var g = metricCount; g < root; g++)
        {
            if (parents[g] != root || aggregations[g] is not (Aggregation.WeightedMean or Aggregation.Minimum or Aggregation.Maximum))
            {
                return null;
            }
        }

        var metrics = new MetricStep[metricCount];
        for (var i = 0; i < metricCount; i++)
        {
            var parent = parents[i];
            if (parent < metricCount || parent >= root || (i > 0 && parent < parents[i - 1]))
            {
                return null;
            }

            metrics[i] = new MetricStep(
                phase.Functions[i],
                phase.Kinds[i],
                phase.LinearOffsets[i],
                phase.LinearScales[i],
                phase.NodeWeights[i],
                phase.CoverageShares[i],
                layout.MissingValues[i],
                AbsentStatus(layout, missingPolicies, i));
        }

        var groups = new GroupStep[groupCount];
        var end = 0;
        for (var g = 0; g < groupCount; g++)
        {
            var node = metricCount + g;
            while (end < metricCount && parents[end] == node)
            {
                end++;
            }

            groups[g] = new GroupStep(end, aggregations[node], phase.NodeWeights[node]);
        }

        return new AccountProgram(metrics, groups);
    }

    // The status of a metric without a usable value, as the general explanation pass gives it.
    private static MetricStatus AbsentStatus(ModelLayout layout, MissingDataPolicy[] missingPolicies, int metric) =>
        layout.NotScored is { } notScored && notScored[metric]
            ? MetricStatus.NotScored
            : missingPolicies[metric] switch
            {
                MissingDataPolicy.Neutral => MetricStatus.AssumedNeutral,
                MissingDataPolicy.Fixed => MetricStatus.AssumedFixed,
                _ => MetricStatus.Excluded,
            };
}

/// <summary>What the scorer needs of one metric in one phase, side by side.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct MetricStep(ScoringFunction function, FunctionKind kind, double linearOffset, double linearScale, double weight, double share, double missingValue, MetricStatus absentStatus)
{
    public readonly ScoringFunction Function = function;
    public readonly double LinearOffset = linearOffset;
    public readonly double LinearScale = linearScale;
    public readonly double Weight = weight;
    public readonly double Share = share;
    public readonly double MissingValue = missingValue;
    public readonly MetricStatus AbsentStatus = absentStatus;
    public readonly FunctionKind Kind = kind;

    /// <summary>Whether an account without a usable value leaves the metric out (no <see cref="MissingValue"/> stands in).</summary>
    public readonly bool Excluded = double.IsNaN(missingValue);
}

/// <summary>One group: where its metrics end, how it aggregates them, and its weight in the root.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly struct GroupStep(int end, Aggregation aggregation, double weight)
{
    public readonly double Weight = weight;
    public readonly int End = end;
    public readonly Aggregation Aggregation = aggregation;
}
