using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Scores accounts laid out column by column for a phase with an <see cref="AccountProgram"/> (two-level models),
/// one vector of accounts at a time: the program's groups and metrics in order, each group's running sums, the root's
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

    /// <summary>Scores accounts 0 .. scores.Length (a multiple of the vector width) of the columns.</summary>
    internal static void Score(HealthModel model, AccountProgram program, ReadOnlySpan<double> columns, int stride, Span<double> scores)
    {
        var width = Vector<double>.Count;
        var groups = program.Groups;
        ref var step0 = ref MemoryMarshal.GetArrayDataReference(program.Metrics);
        ref var column0 = ref MemoryMarshal.GetReference(columns);
        ref var score0 = ref MemoryMarshal.GetReference(scores);
        var columnStride = (nuint)stride;
        var finish = new Finish(model);
        for (var a = 0; a < scores.Length; a += width)
        {
            ref var raw0 = ref Unsafe.Add(ref column0, a);
            var missingShare = Vector<double>.Zero;
            var rootSum = Vector<double>.Zero;
            var rootWeight = Vector<double>.Zero;
            var i = 0;
            for (var g = 0; g < groups.Length; g++)
            {
                var group = groups[g];
                var end = group.End;
                var mean = group.Aggregation == Aggregation.WeightedMean;
                var minimum = group.Aggregation == Aggregation.Minimum;
                var accumulator = mean ? Vector<double>.Zero : new Vector<double>(minimum ? double.PositiveInfinity : double.NegativeInfinity);
                var weightSum = Vector<double>.Zero;

                // One loop (and one inlined Normalize) for every aggregation: the branches are the same for a whole group.
                for (; i < end; i++)
                {
                    ref readonly var step = ref Unsafe.Add(ref step0, i);
                    var normalized = Normalize(in step, Vector.LoadUnsafe(ref raw0, (nuint)i * columnStride));
                    var present = Vector.Equals(normalized, normalized);
                    missingShare += Vector.ConditionalSelect(present, Vector<double>.Zero, new Vector<double>(step.Share));
                    var excluded = double.IsNaN(step.MissingValue);
                    if (!excluded)
                    {
                        // A missing value stands in: every lane has a number.
                        normalized = Vector.ConditionalSelect(present, normalized, new Vector<double>(step.MissingValue));
                    }

                    if (mean)
                    {
                        var weight = new Vector<double>(step.Weight);
                        if (excluded)
                        {
                            // As the scalar pass, only present values are added (adding +0 changes no sum here).
                            accumulator += Vector.ConditionalSelect(present, weight * normalized, Vector<double>.Zero);
                            weightSum += Vector.ConditionalSelect(present, weight, Vector<double>.Zero);
                        }
                        else
                        {
                            accumulator += weight * normalized;
                            weightSum += weight;
                        }
                    }
                    else
                    {
                        var chosen = minimum ? Vector.LessThan(normalized, accumulator) : Vector.GreaterThan(normalized, accumulator);
                        accumulator = Vector.ConditionalSelect(chosen, normalized, accumulator);
                        weightSum = Vector.ConditionalSelect(chosen, new Vector<double>(i + 1), weightSum);
                    }
                }

                var value = mean ? accumulator / weightSum : accumulator;

                // Groups without a present value add nothing to the root.
                var groupPresent = Vector.GreaterThan(weightSum, Vector<double>.Zero);
                var groupWeight = new Vector<double>(group.Weight);
                rootSum += Vector.ConditionalSelect(groupPresent, groupWeight * value, Vector<double>.Zero);
                rootWeight += Vector.ConditionalSelect(groupPresent, groupWeight, Vector<double>.Zero);
            }

            var rootValue = Vector.ConditionalSelect(Vector.GreaterThan(rootWeight, Vector<double>.Zero), rootSum / rootWeight, new Vector<double>(double.NaN));
            finish.Score(rootValue, missingShare).StoreUnsafe(ref score0, (nuint)a);
        }
    }

    /// <summary>
    /// A metric's normalised values (NaN: missing), as <see cref="FunctionKinds.Normalize"/> gives them for finite
    /// raw values: non-finite raw values are missing, a NaN result stays missing, anything else is clamped to [0, 1].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Normalize(in MetricStep step, Vector<double> raw)
    {
        var finite = Vector.Equals(raw - raw, Vector<double>.Zero);
        if (step.Kind == FunctionKind.Linear)
        {
            var linear = Vector.Min(Vector.Max((raw - new Vector<double>(step.LinearOffset)) * new Vector<double>(step.LinearScale), Vector<double>.Zero), Vector<double>.One);
            return Vector.ConditionalSelect(finite, linear, new Vector<double>(double.NaN));
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

        var clamped = Vector.Min(Vector.Max(result, Vector<double>.Zero), Vector<double>.One);
        return Vector.ConditionalSelect(finite & Vector.Equals(result, result), clamped, new Vector<double>(double.NaN));
    }

    /// <summary>Coverage, the minimum-coverage test, the scale and the rounding of <c>AccountScoring.Result</c>, lane by lane with the same operations.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct Finish(HealthModel model)
    {
        private readonly Vector<double> _scaleMin = new(model.ScaleMin);
        private readonly Vector<double> _scaleMax = new(model.ScaleMax);
        private readonly Vector<double> _range = new(model.ScaleMax - model.ScaleMin);
        private readonly Vector<double> _minimumCoverage = new(model.MinimumCoverage);
        private readonly Vector<double> _power = new(Powers10[model.Decimals]);
        private readonly bool _wholeNumbers = model.Decimals == 0;

        /// <summary>The rounded scores, NaN where the account has insufficient data.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Score(Vector<double> rootValue, Vector<double> missingShare)
        {
            // Coverage(missingShare): exactly 1 with nothing missing, else Math.Round(Math.Clamp(1 − share, 0, 1), 12).
            var coveragePower = new Vector<double>(Powers10[CoverageDecimals]);
            var shifter = new Vector<double>(RoundShifter);
            var rounded = (((Clamp(Vector<double>.One - missingShare, Vector<double>.Zero, Vector<double>.One) * coveragePower) + shifter) - shifter) / coveragePower;
            var coverage = Vector.ConditionalSelect(Vector.Equals(missingShare, Vector<double>.Zero), Vector<double>.One, rounded);
            var scored = Vector.Equals(rootValue, rootValue)
                & Vector.GreaterThan(coverage, Vector<double>.Zero)
                & Vector.GreaterThanOrEqual(coverage, _minimumCoverage);

            var unrounded = Clamp(_scaleMin + (_range * Clamp(rootValue, Vector<double>.Zero, Vector<double>.One)), _scaleMin, _scaleMax);
            Vector<double> score;
            if (_wholeNumbers)
            {
                score = RoundAwayFromZero(unrounded);
            }
            else
            {
                var scaled = RoundAwayFromZero(unrounded * _power) / _power;
                score = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(unrounded), new Vector<double>(RoundLimit)), scaled, unrounded);
            }

            return Vector.ConditionalSelect(scored, score, new Vector<double>(double.NaN));
        }

        // Math.Clamp: below the minimum gives the minimum, above the maximum the maximum, anything else itself.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Clamp(Vector<double> value, Vector<double> minimum, Vector<double> maximum) =>
            Vector.ConditionalSelect(Vector.LessThan(value, minimum), minimum, Vector.ConditionalSelect(Vector.GreaterThan(value, maximum), maximum, value));

        // Truncate(x + CopySign(BitDecrement(0.5), x)); truncation is the floor of a non-negative sum and the ceiling of a negative one.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> RoundAwayFromZero(Vector<double> value)
        {
            var sign = Vector.AsVectorDouble(Vector.AsVectorInt64(value) & new Vector<long>(long.MinValue));
            var sum = value + Vector.AsVectorDouble(Vector.AsVectorInt64(sign) | Vector.AsVectorInt64(new Vector<double>(AlmostHalf)));
            return Vector.ConditionalSelect(Vector.LessThan(sum, Vector<double>.Zero), Vector.Ceiling(sum), Vector.Floor(sum));
        }
    }
}
