using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>The pass over a phase's <see cref="AccountProgram"/>: two-level models, with each group's sums in registers.</summary>
internal static partial class AccountScoring
{
    [SkipLocalsInit]
    private static HealthResult RunExplained(HealthModel model, ReadOnlySpan<double> values, Phase phase, AccountProgram program, Span<MetricContribution> contributions, Span<GroupScore> groupScores)
    {
        var layout = model.Layout;
        var nodeCount = layout.NodeCount;
        Span<double> scratch = stackalloc double[StackNodes * 3];
        var nodeValues = scratch[..nodeCount];
        var weightSums = scratch.Slice(nodeCount, nodeCount);
        var result = Run<Explained>(model, values, phase, program, nodeValues, weightSums);
        Distribute(program, values, contributions, groupScores, nodeValues, weightSums, model.ScaleMin, model.ScaleMax - model.ScaleMin);
        return result;
    }

    /// <summary>
    /// <see cref="Distribute(HealthModel, ReadOnlySpan{double}, Span{MetricContribution}, Span{GroupScore}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, ReadOnlySpan{int}, ReadOnlySpan{Aggregation}, ReadOnlySpan{double}, double)"/>
    /// over a program: each group's share from the root's, then its metrics' shares from the group's, with the same
    /// operations, written straight into the caller's buffers.
    /// </summary>
    private static void Distribute(
        AccountProgram program,
        ReadOnlySpan<double> values,
        Span<MetricContribution> contributions,
        Span<GroupScore> groupScores,
        ReadOnlySpan<double> nodeValues,
        ReadOnlySpan<double> weightSums,
        double scaleMin,
        double range)
    {
        var groups = program.Groups;
        var metrics = program.Metrics;
        var metricCount = metrics.Length;
        var root = metricCount + groups.Length;
        ref readonly var node0 = ref MemoryMarshal.GetReference(nodeValues);
        ref readonly var sum0 = ref MemoryMarshal.GetReference(weightSums);
        ref readonly var step0 = ref MemoryMarshal.GetArrayDataReference(metrics);
        ref readonly var raw0 = ref MemoryMarshal.GetReference(values);
        var rootShare = double.IsNaN(Unsafe.Add(ref Unsafe.AsRef(in node0), root)) ? 0.0 : 1.0;
        var rootWeight = Unsafe.Add(ref Unsafe.AsRef(in sum0), root);
        var writeContributions = !contributions.IsEmpty;
        var writeGroups = !groupScores.IsEmpty;
        var i = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            var group = groups[g];
            var node = metricCount + g;
            var groupValue = Unsafe.Add(ref Unsafe.AsRef(in node0), node);
            var groupWeight = Unsafe.Add(ref Unsafe.AsRef(in sum0), node);
            var groupShare = rootShare == 0 || double.IsNaN(groupValue) ? 0 : rootShare * group.Weight / rootWeight;
            if (writeGroups)
            {
                groupScores[g] = double.IsNaN(groupValue)
                    ? new GroupScore(g, null, 0, 0, 0)
                    : new GroupScore(g, scaleMin + (range * groupValue), groupShare, groupShare * groupValue * range, groupShare * (1 - groupValue) * range);
            }

            if (!writeContributions)
            {
                i = group.End;
                continue;
            }

            // One loop per case, so the per-metric work is the share's arithmetic and the stores: Score checked that
            // the buffer holds every metric, so the writes need no bounds check of their own.
            ref var first = ref MemoryMarshal.GetReference(contributions);
            var end = group.End;
            if (groupShare == 0)
            {
                for (; i < end; i++)
                {
                    Contribute(ref Unsafe.Add(ref first, i), i, in Unsafe.Add(ref Unsafe.AsRef(in step0), i), Unsafe.Add(ref Unsafe.AsRef(in raw0), i), Unsafe.Add(ref Unsafe.AsRef(in node0), i), Unsafe.Add(ref Unsafe.AsRef(in sum0), i), 0, range);
                }
            }
            else if (group.Aggregation == Aggregation.WeightedMean)
            {
                for (; i < end; i++)
                {
                    ref readonly var step = ref Unsafe.Add(ref Unsafe.AsRef(in step0), i);
                    var normalized = Unsafe.Add(ref Unsafe.AsRef(in node0), i);
                    var share = groupShare * step.Weight / groupWeight;
                    Contribute(ref Unsafe.Add(ref first, i), i, in step, Unsafe.Add(ref Unsafe.AsRef(in raw0), i), normalized, Unsafe.Add(ref Unsafe.AsRef(in sum0), i), double.IsNaN(normalized) ? 0 : share, range);
                }
            }
            else
            {
                // A minimum or maximum group: the chosen metric carries the group's whole share.
                var chosen = (int)groupWeight - 1;
                for (; i < end; i++)
                {
                    var normalized = Unsafe.Add(ref Unsafe.AsRef(in node0), i);
                    var share = chosen == i && !double.IsNaN(normalized) ? groupShare : 0;
                    Contribute(ref Unsafe.Add(ref first, i), i, in Unsafe.Add(ref Unsafe.AsRef(in step0), i), Unsafe.Add(ref Unsafe.AsRef(in raw0), i), normalized, Unsafe.Add(ref Unsafe.AsRef(in sum0), i), share, range);
                }
            }
        }
    }

    /// <summary>Writes one metric's contribution: its share of the score (0 when it is excluded) and the points it earns and loses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Contribute(ref MetricContribution slot, int i, in MetricStep step, double raw, double normalized, double weightSum, double share, double range)
    {
        var status = weightSum > 0 ? MetricStatus.Present : step.AbsentStatus;
        var value = double.IsNaN(normalized) ? 0 : normalized;
        slot = new MetricContribution(i, double.IsFinite(raw) ? raw : double.NaN, value, share, share * value * range, share * (1 - value) * range, status);
    }

    /// <summary>
    /// The forward pass of <see cref="Evaluate"/> over a phase's <see cref="AccountProgram"/>: the same operations in
    /// the same order, with each group's running sums in registers. With <typeparamref name="TMode"/> <see cref="Explained"/>
    /// it also records every node's value and weight sum as <see cref="Evaluate"/> does, for the explanation.
    /// </summary>
    private static HealthResult Run<TMode>(HealthModel model, ReadOnlySpan<double> values, Phase phase, AccountProgram program, Span<double> nodeValues, Span<double> weightSums)
        where TMode : struct
    {
        var explained = typeof(TMode) == typeof(Explained);
        ref var step0 = ref MemoryMarshal.GetArrayDataReference(program.Metrics);
        ref var raw0 = ref MemoryMarshal.GetReference(values);
        ref var node0 = ref MemoryMarshal.GetReference(nodeValues);
        ref var sum0 = ref MemoryMarshal.GetReference(weightSums);
        var groups = program.Groups;
        var metricCount = program.Metrics.Length;
        var rootSum = 0.0;
        var rootWeight = 0.0;
        var missingShare = 0.0;
        var i = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            var group = groups[g];
            var end = group.End;
            double accumulator;
            double weightSum = 0;
            if (group.Aggregation == Aggregation.WeightedMean)
            {
                accumulator = 0;
                for (; i < end; i++)
                {
                    ref readonly var step = ref Unsafe.Add(ref step0, i);
                    var normalized = Normalize(in step, Unsafe.Add(ref raw0, i), ref missingShare, explained, ref node0, ref sum0, i);
                    if (!double.IsNaN(normalized))
                    {
                        accumulator += step.Weight * normalized;
                        weightSum += step.Weight;
                    }
                }
            }
            else
            {
                var minimum = group.Aggregation == Aggregation.Minimum;
                accumulator = minimum ? double.PositiveInfinity : double.NegativeInfinity;
                for (; i < end; i++)
                {
                    ref readonly var step = ref Unsafe.Add(ref step0, i);
                    var normalized = Normalize(in step, Unsafe.Add(ref raw0, i), ref missingShare, explained, ref node0, ref sum0, i);
                    if (minimum ? normalized < accumulator : normalized > accumulator)
                    {
                        accumulator = normalized;
                        weightSum = i + 1;
                    }
                }
            }

            var present = weightSum > 0;
            var value = !present
                ? double.NaN
                : group.Aggregation == Aggregation.WeightedMean ? accumulator / weightSum : accumulator;
            if (explained)
            {
                Unsafe.Add(ref node0, metricCount + g) = value;
                Unsafe.Add(ref sum0, metricCount + g) = weightSum;
            }

            if (present)
            {
                rootSum += group.Weight * value;
                rootWeight += group.Weight;
            }
        }

        var rootValue = rootWeight > 0 ? rootSum / rootWeight : double.NaN;
        if (explained)
        {
            Unsafe.Add(ref node0, metricCount + groups.Length) = rootValue;
            Unsafe.Add(ref sum0, metricCount + groups.Length) = rootWeight;
        }

        return Result(model, phase, rootValue, missingShare);
    }

    /// <summary>A metric's value as the forward pass uses it: normalised, or its missing value (NaN: excluded) with its share counted as missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Normalize(in MetricStep step, double raw, ref double missingShare, bool explained, ref double node0, ref double sum0, int i)
    {
        var normalized = double.IsFinite(raw)
            ? FunctionKinds.Normalize(step.Kind, step.Function, raw, step.LinearOffset, step.LinearScale)
            : double.NaN;
        var present = 1.0;
        if (double.IsNaN(normalized))
        {
            present = 0;
            missingShare += step.Share;
            normalized = step.MissingValue;
        }

        if (explained)
        {
            Unsafe.Add(ref node0, i) = normalized;
            Unsafe.Add(ref sum0, i) = present;
        }

        return normalized;
    }

    /// <summary>The forward pass records nothing but the result.</summary>
    private readonly struct Plain;

    /// <summary>The forward pass records every node's value and weight sum for the explanation.</summary>
    private readonly struct Explained;
}
