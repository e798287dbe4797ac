using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>Scores one account: the values up the tree of groups, coverage, the band, and the explanation down again, over the model's flat arrays.</summary>
internal static class AccountScoring
{
    // Models up to this many nodes (metrics + groups + 1) score with stack scratch space; larger ones rent it.
    internal const int StackNodes = 128;

    [SkipLocalsInit]
    internal static HealthResult Score(HealthModel model, ReadOnlySpan<double> values, Phase phase, Span<MetricContribution> contributions, Span<GroupScore> groupScores)
    {
        var layout = model.Layout;
        var metricCount = layout.MetricCount;
        if (values.Length != metricCount)
        {
            ThrowWrongLength(nameof(values), values.Length, metricCount, "metric values");
        }

        if (!contributions.IsEmpty && contributions.Length < metricCount)
        {
            ThrowWrongLength(nameof(contributions), contributions.Length, metricCount, "contributions");
        }

        if (!groupScores.IsEmpty && groupScores.Length < layout.GroupCount)
        {
            ThrowWrongLength(nameof(groupScores), groupScores.Length, layout.GroupCount, "group scores");
        }

        model.CheckPhase(phase, nameof(phase));

        var nodeCount = layout.NodeCount;
        if (phase.Layout.Program is { } program)
        {
            if (contributions.IsEmpty && groupScores.IsEmpty)
            {
                return Run<Plain>(model, values, phase, program, [], []);
            }

            if (nodeCount <= StackNodes)
            {
                return RunExplained(model, values, phase, program, contributions, groupScores);
            }
        }

        double[]? rented = null;
        var scratch = nodeCount <= StackNodes
            ? stackalloc double[StackNodes * 3]
            : (rented = ArrayPool<double>.Shared.Rent(nodeCount * 3));
        try
        {
            return Evaluate(model, values, phase, contributions, groupScores, scratch[..nodeCount], scratch.Slice(nodeCount, nodeCount), scratch.Slice(2 * nodeCount, nodeCount));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Scores one account without contributions, through the phase's <see cref="AccountProgram"/> when it has one and
    /// the general pass otherwise; the caller has checked the row's length and the phase.
    /// </summary>
    internal static HealthResult ScoreRow(HealthModel model, ReadOnlySpan<double> values, Phase phase, Span<double> nodeValues, Span<double> weightSums, Span<double> accumulators) =>
        phase.Layout.Program is { } program
            ? Run<Plain>(model, values, phase, program, [], [])
            : Evaluate(model, values, phase, [], [], nodeValues, weightSums, accumulators);

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

    /// <summary>The result from the root's value and the missing share of the weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HealthResult Result(HealthModel model, Phase phase, double rootValue, double missingShare)
    {
        // Shares are products of weight ratios; rounding to 12 decimals removes their last-bit noise, so that
        // coverage (and the minimum-coverage test) does not depend on the weights' scale.
        var coverage = Coverage(missingShare);
        if (double.IsNaN(rootValue) || !(coverage > 0) || !(coverage >= model.MinimumCoverage))
        {
            return new HealthResult(null, null, model.InsufficientData, phase, coverage, model.Hash);
        }

        var range = model.ScaleMax - model.ScaleMin;
        var unrounded = Math.Clamp(model.ScaleMin + (range * Math.Clamp(rootValue, 0.0, 1.0)), model.ScaleMin, model.ScaleMax);
        var score = RoundScore(unrounded, model.Decimals);
        return new HealthResult(score, unrounded, BandFor(model, score, phase.Layout.BandCutoffs), phase, coverage, model.Hash);
    }

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

            var weightedMean = group.Aggregation == Aggregation.WeightedMean;
            var chosen = (int)groupWeight - 1;
            for (; i < group.End; i++)
            {
                ref readonly var step = ref Unsafe.Add(ref Unsafe.AsRef(in step0), i);
                var normalized = Unsafe.Add(ref Unsafe.AsRef(in node0), i);
                double share;
                if (groupShare == 0 || double.IsNaN(normalized))
                {
                    share = 0;
                }
                else if (weightedMean)
                {
                    share = groupShare * step.Weight / groupWeight;
                }
                else
                {
                    share = chosen == i ? groupShare : 0;
                }

                var raw = Unsafe.Add(ref Unsafe.AsRef(in raw0), i);
                var status = Unsafe.Add(ref Unsafe.AsRef(in sum0), i) > 0 ? MetricStatus.Present : step.AbsentStatus;
                var value = double.IsNaN(normalized) ? 0 : normalized;
                contributions[i] = new MetricContribution(i, double.IsFinite(raw) ? raw : double.NaN, value, share, share * value * range, share * (1 - value) * range, status);
            }
        }
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

    /// <summary>Coverage from the missing share; with nothing missing it is exactly 1, without the rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Coverage(double missingShare) =>
        missingShare == 0 ? 1.0 : Math.Round(Math.Clamp(1.0 - missingShare, 0.0, 1.0), 12);

    /// <summary>
    /// Rounds a score to the scale's decimals, midpoints away from zero. With 0 decimals this is the same operation
    /// (Math.Round with digits scales by 10⁰ = 1 exactly) without the digit table and the two exact scalings.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RoundScore(double unrounded, int decimals) =>
        decimals == 0 ? Math.Round(unrounded, MidpointRounding.AwayFromZero) : Math.Round(unrounded, decimals, MidpointRounding.AwayFromZero);

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

    /// <summary>The band the phase's thresholds give a score.</summary>
    internal static Band BandFor(HealthModel model, double score, Phase phase) => BandFor(model, score, phase.Layout.BandCutoffs);

    internal static Band BandFor(HealthModel model, double score, double[] cutoffs)
    {
        var band = 0;
        for (var b = 1; b < cutoffs.Length; b++)
        {
            if (score >= cutoffs[b])
            {
                band = b;
            }
        }

        return model.BandArray[band];
    }

    private static void ThrowWrongLength(string parameterName, int actual, int expected, string what) =>
        throw new ArgumentException($"Expected {expected} {what} (one per {(what == "group scores" ? "group" : "metric")} of the model); got {actual}.", parameterName);
}
