using System.Buffers;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>Scores one account: the values up the tree of groups, coverage, the band, and the explanation down again, over the model's flat arrays.</summary>
internal static partial class AccountScoring
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
