using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Scores accounts laid out column by column for a phase with an <see cref="AccountProgram"/> (two-level models),
/// one vector of accounts at a time (eight lanes where 512-bit vectors are accelerated, else <c>Vector&lt;double&gt;</c>'s
/// width; see <see cref="ILanes{TSelf}"/>): the program's groups and metrics in order, each group's running sums, the root's
/// sums and the missing share in registers, every function called on its sealed class, and the score rounded on the
/// vector lanes. Each lane performs the operations of the one-account scorer in the same order, so every score is bit
/// for bit what <see cref="AccountScoring.Score"/> gives.
/// </summary>
internal static class ColumnProgramScoring
{
    // Math.Round(x, digits) scales by these (10^digits, each exact).
    private static readonly double[] Powers10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    // 2^52: for 0 ≤ x < 2^52, (x + 2^52) − 2^52 is x rounded to an integer, ties to even, as Math.Round(x).
    private const double RoundShifter = 4503599627370496.0;

    // Math.BitDecrement(0.5): Math.Round(x, MidpointRounding.AwayFromZero) is Truncate(x + CopySign(this, x)).
    private const double AlmostHalf = 0.49999999999999994;

    // Math.Round(x, digits, mode) leaves values of at least this magnitude unchanged.
    private const double RoundLimit = 1e16;

    // Coverage is rounded to this many decimals (AccountScoring.Coverage).
    private const int CoverageDecimals = 12;

    /// <summary>Whether the phase's accounts can be scored here: the phase has a program and every metric's function is a built-in family with an exact vector form.</summary>
    internal static bool Supports(HealthModel model, Phase phase)
    {
        if (phase.Layout.Program is not { } program || (uint)model.Decimals >= (uint)Powers10.Length)
        {
            return false;
        }

        foreach (ref readonly var step in program.Metrics.AsSpan())
        {
            if (step.Kind is not (FunctionKind.Linear or FunctionKind.BoundedLinear or FunctionKind.Logistic or FunctionKind.PiecewiseLinear or FunctionKind.TargetRatio or FunctionKind.Tier)
                || (step.Kind != FunctionKind.Linear && !step.Function.IsVectorized))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scores accounts 0 .. scores.Length (a multiple of <typeparamref name="TLanes"/>' width) of the columns.</summary>
    internal static void Score<TLanes>(HealthModel model, AccountProgram program, ReadOnlySpan<double> columns, int stride, Span<double> scores)
        where TLanes : struct, ILanes<TLanes>
    {
        var width = TLanes.Count;
        var groups = program.Groups;
        ref var step0 = ref MemoryMarshal.GetArrayDataReference(program.Metrics);
        ref var column0 = ref MemoryMarshal.GetReference(columns);
        ref var score0 = ref MemoryMarshal.GetReference(scores);
        var columnStride = (nuint)stride;
        var finish = new Finish<TLanes>(model);
        var zero = TLanes.Create(0);
        var one = TLanes.Create(1);
        for (var a = 0; a < scores.Length; a += width)
        {
            ref var raw0 = ref Unsafe.Add(ref column0, a);
            var missingShare = zero;
            var rootSum = zero;
            var rootWeight = zero;
            var i = 0;
            for (var g = 0; g < groups.Length; g++)
            {
                var group = groups[g];
                var end = group.End;
                var mean = group.Aggregation == Aggregation.WeightedMean;
                var minimum = group.Aggregation == Aggregation.Minimum;
                var accumulator = mean ? zero : TLanes.Create(minimum ? double.PositiveInfinity : double.NegativeInfinity);
                var weightSum = zero;

                // One loop (and one inlined Normalize) for every aggregation: the branches are the same for a whole group.
                for (; i < end; i++)
                {
                    ref readonly var step = ref Unsafe.Add(ref step0, i);
                    var normalized = Normalize(in step, TLanes.Load(ref raw0, (nuint)i * columnStride));
                    var share = TLanes.Create(step.Share);
                    if (mean)
                    {
                        var weight = TLanes.Create(step.Weight);
                        if (step.Excluded)
                        {
                            // As the scalar pass, only present values are added. A normalised value is NaN or in [0, 1], so
                            // each of the three tests finds the present lanes; one each lets every addition take its mask.
                            missingShare = TLanes.Select(TLanes.Equal(normalized, normalized), missingShare, missingShare + share);
                            accumulator = TLanes.Select(TLanes.GreaterThanOrEqual(normalized, zero), accumulator + (weight * normalized), accumulator);
                            weightSum = TLanes.Select(TLanes.LessThanOrEqual(normalized, one), weightSum + weight, weightSum);
                        }
                        else
                        {
                            // A missing value stands in: every lane has a number.
                            var present = TLanes.Equal(normalized, normalized);
                            missingShare += TLanes.Select(present, zero, share);
                            accumulator += weight * TLanes.Select(present, normalized, TLanes.Create(step.MissingValue));
                            weightSum += weight;
                        }
                    }
                    else
                    {
                        var present = TLanes.Equal(normalized, normalized);
                        missingShare += TLanes.Select(present, zero, share);
                        if (!step.Excluded)
                        {
                            normalized = TLanes.Select(present, normalized, TLanes.Create(step.MissingValue));
                        }

                        var chosen = minimum ? TLanes.LessThan(normalized, accumulator) : TLanes.GreaterThan(normalized, accumulator);
                        accumulator = TLanes.Select(chosen, normalized, accumulator);
                        weightSum = TLanes.Select(chosen, TLanes.Create(i + 1), weightSum);
                    }
                }

                var value = mean ? accumulator / weightSum : accumulator;

                // Groups without a present value add nothing to the root. The weight sum is never negative, so "above 0"
                // and "at least the smallest double" are the same test; one each lets both additions take their mask.
                var groupWeight = TLanes.Create(group.Weight);
                rootSum = TLanes.Select(TLanes.GreaterThan(weightSum, zero), rootSum + (groupWeight * value), rootSum);
                rootWeight = TLanes.Select(TLanes.GreaterThanOrEqual(weightSum, TLanes.Create(double.Epsilon)), rootWeight + groupWeight, rootWeight);
            }

            var rootValue = TLanes.Select(TLanes.GreaterThan(rootWeight, zero), rootSum / rootWeight, TLanes.Create(double.NaN));
            finish.Score(rootValue, missingShare).Store(ref score0, (nuint)a);
        }
    }

    /// <summary>
    /// A metric's normalised values (NaN: missing), as <see cref="FunctionKinds.Normalize"/> gives them for finite
    /// raw values: non-finite raw values are missing, a NaN result stays missing, anything else is clamped to [0, 1].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLanes Normalize<TLanes>(in MetricStep step, TLanes raw)
        where TLanes : struct, ILanes<TLanes>
    {
        // raw − raw is +0 for finite values and NaN for the others: subtracting it keeps every number (−0 too) and
        // makes the non-finite lanes NaN.
        var finite = raw - raw;
        if (step.Kind == FunctionKind.Linear)
        {
            return TLanes.ClampUnit((raw - TLanes.Create(step.LinearOffset)) * TLanes.Create(step.LinearScale)) - finite;
        }

        // Supports admits no other family; a call here would cost the loop its registers.
        var result = step.Kind switch
        {
            FunctionKind.BoundedLinear => Unsafe.As<LinearFunction>(step.Function).VectorNormalize(raw),
            FunctionKind.Logistic => Unsafe.As<LogisticFunction>(step.Function).VectorNormalize(raw),
            FunctionKind.PiecewiseLinear => Unsafe.As<PiecewiseLinearFunction>(step.Function).VectorNormalize(raw),
            FunctionKind.TargetRatio => Unsafe.As<TargetRatioFunction>(step.Function).VectorNormalize(raw),
            FunctionKind.Tier => Unsafe.As<TierFunction>(step.Function).VectorNormalize(raw),
            _ => throw new UnreachableException(),
        };

        // The clamp leaves a NaN result NaN, as the scalar pass does.
        return TLanes.ClampUnit(result) - finite;
    }

    /// <summary>
    /// The fewest 10^-12 steps of coverage that pass the tests: the smallest whole number k from 1 to 10^12 with
    /// k / 10^12 (the rounded coverage) at least <paramref name="minimumCoverage"/>, else +∞. The quotient only grows with
    /// k, so the accounts with at least this many steps are those with coverage above 0 and at least the minimum.
    /// </summary>
    internal static double CoverageThreshold(double minimumCoverage)
    {
        var power = Powers10[CoverageDecimals];
        long low = 1, high = (long)power;
        if (!(high / power >= minimumCoverage))
        {
            return double.PositiveInfinity;
        }

        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (middle / power >= minimumCoverage)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>Coverage, the minimum-coverage test, the scale and the rounding of <c>AccountScoring.Result</c>, lane by lane with the same operations.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct Finish<TLanes>(HealthModel model)
        where TLanes : struct, ILanes<TLanes>
    {
        private readonly TLanes _scaleMin = TLanes.Create(model.ScaleMin);
        private readonly TLanes _scaleMax = TLanes.Create(model.ScaleMax);
        private readonly TLanes _range = TLanes.Create(model.ScaleMax - model.ScaleMin);
        private readonly TLanes _coverageThreshold = TLanes.Create(CoverageThreshold(model.MinimumCoverage));
        private readonly TLanes _power = TLanes.Create(Powers10[model.Decimals]);
        private readonly bool _wholeNumbers = model.Decimals == 0;

        /// <summary>The rounded scores, NaN where the account has insufficient data.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TLanes Score(TLanes rootValue, TLanes missingShare)
        {
            var zero = TLanes.Create(0);
            var one = TLanes.Create(1);

            // Coverage(missingShare) is the whole number of 10^-12 steps below, over 10^12: Math.Round(Math.Clamp(1 − share,
            // 0, 1), 12), which is exactly 1 with nothing missing too. The tests take those steps against the threshold.
            var shifter = TLanes.Create(RoundShifter);
            var steps = ((TLanes.ClampUnit(one - missingShare) * TLanes.Create(Powers10[CoverageDecimals])) + shifter) - shifter;
            var scored = TLanes.Equal(rootValue, rootValue) & TLanes.GreaterThanOrEqual(steps, _coverageThreshold);

            var unrounded = TLanes.Clamp(_scaleMin + (_range * TLanes.ClampUnit(rootValue)), _scaleMin, _scaleMax);
            TLanes score;
            if (_wholeNumbers)
            {
                score = RoundAwayFromZero(unrounded);
            }
            else
            {
                var scaled = RoundAwayFromZero(unrounded * _power) / _power;
                score = TLanes.Select(TLanes.LessThan(TLanes.Abs(unrounded), TLanes.Create(RoundLimit)), scaled, unrounded);
            }

            return TLanes.Select(scored, score, TLanes.Create(double.NaN));
        }

        // Truncate(x + CopySign(BitDecrement(0.5), x)).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TLanes RoundAwayFromZero(TLanes value)
        {
            var sign = value & TLanes.CreateBits(long.MinValue);
            return TLanes.Truncate(value + (sign | TLanes.Create(AlmostHalf)));
        }
    }
}
