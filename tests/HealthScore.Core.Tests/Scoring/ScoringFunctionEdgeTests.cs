using System.Numerics;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Tests.Rules;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>
/// Edge cases of the built-in scoring functions that mutation testing showed the other tests leave open:
/// validation messages and paths, plateaus in the steps, the target of a plateau, and the vector path.
/// </summary>
public sealed class ScoringFunctionEdgeTests
{
    private const string P = "groups[0].metrics[0].scoring";

    private static List<string> Errors(ScoringFunctionDefinition definition)
    {
        var errors = new List<ModelError>();
        definition.Validate(P, errors);
        return [.. errors.Select(e => e.Path + ": " + e.Message)];
    }

    // ---- Type names ----

    [Fact]
    public void Type_EachBuiltInFunction_IsItsDocumentName()
    {
        Assert.Equal("linear", new LinearScoring().Type);
        Assert.Equal("boundedLinear", new BoundedLinearScoring().Type);
        Assert.Equal("piecewiseLinear", new PiecewiseLinearScoring().Type);
        Assert.Equal("tiers", new TierScoring().Type);
        Assert.Equal("logistic", new LogisticScoring().Type);
        Assert.Equal("targetRatio", new TargetRatioScoring().Type);
    }

    // ---- Linear / bounded linear validation ----

    [Fact]
    public void LinearValidate_NonFiniteEnds_ReportsEachEnd()
    {
        Assert.Equal(
            [P + ".worst: must be a finite number.", P + ".best: must be a finite number."],
            Errors(new LinearScoring(double.NaN, double.PositiveInfinity)));
    }

    [Fact]
    public void LinearValidate_WorstEqualsBest_ReportsOnBest()
    {
        Assert.Equal(
            [P + ".best: must differ from worst (2.5): a function whose worst equals its best cannot tell accounts apart."],
            Errors(new BoundedLinearScoring(2.5, 2.5)));
    }

    [Fact]
    public void LinearValidate_ValidEnds_ReportsNothing()
    {
        Assert.Empty(Errors(new LinearScoring(10, 0)));
    }

    // ---- Logistic ----

    [Fact]
    public void LogisticValidate_NonFiniteMidpoint_ReportsMidpoint()
    {
        Assert.Equal([P + ".midpoint: must be a finite number."], Errors(new LogisticScoring(double.NaN, 1)));
    }

    [Fact]
    public void LogisticValidate_NonFiniteSteepness_ReportsSteepnessOnce()
    {
        Assert.Equal([P + ".steepness: must be a finite number."], Errors(new LogisticScoring(0, double.NegativeInfinity)));
    }

    [Fact]
    public void LogisticValidate_ZeroSteepness_IsRefusedAsFlat()
    {
        Assert.Equal(
            [P + ".steepness: must not be 0: a flat function cannot tell accounts apart. Use a positive value when higher is better, a negative one when lower is better."],
            Errors(new LogisticScoring(50, 0)));
    }

    [Fact]
    public void LogisticDirection_PositiveSteepness_IsHigherIsBetter()
    {
        var function = new LogisticScoring(midpoint: 50, steepness: 0.1).Compile();

        Assert.Equal(MetricDirection.HigherIsBetter, function.Direction);
        Assert.Equal(50, function.Target);
    }

    // ---- Target ratio ----

    [Fact]
    public void TargetRatioValidate_ZeroTarget_MustBePositive()
    {
        Assert.Equal([P + ".target: must be a positive number: it is the value that earns full marks."], Errors(new TargetRatioScoring(0)));
    }

    [Fact]
    public void TargetRatioValidate_NonFiniteTarget_ReportsFiniteOnly()
    {
        Assert.Equal([P + ".target: must be a finite number."], Errors(new TargetRatioScoring(double.NaN)));
    }

    [Fact]
    public void TargetRatioValidate_UndefinedDirection_IsReported()
    {
        Assert.Equal([P + ".direction: must be higherIsBetter or lowerIsBetter."], Errors(new TargetRatioScoring(10, (MetricDirection)7)));
    }

    // ---- RequireFinite (the helper custom functions use) ----

    [Fact]
    public void RequireFinite_FiniteValue_ReturnsTrueAndAddsNothing()
    {
        var errors = new List<ModelError>();

        Assert.True(FiniteProbe.Check(3.5, "p", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void RequireFinite_NonFiniteValue_ReturnsFalseAndAddsLocatedError()
    {
        var errors = new List<ModelError>();

        Assert.False(FiniteProbe.Check(double.NegativeInfinity, "p.x", errors));
        var error = Assert.Single(errors);
        Assert.Equal("p.x", error.Path);
        Assert.Equal("must be a finite number.", error.Message);
    }

    [Fact]
    public void RequireFinite_NullErrors_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => FiniteProbe.Check(1, "p", null!));
    }

    // ---- Step lists (piecewise linear and tiers) ----

    [Fact]
    public void Constructors_NullSteps_ThrowArgumentNull()
    {
        // The guard names the caller's parameter; without it the list copy would throw naming its own 'source'.
        Assert.Equal("points", Assert.Throws<ArgumentNullException>(() => new PiecewiseLinearScoring(null!)).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentNullException>(() => new TierScoring(null!)).ParamName);
    }

    [Fact]
    public void PiecewiseValidate_NullList_IsRequired()
    {
        Assert.Equal([P + ".points: is required: list at least two points."], Errors(new PiecewiseLinearScoring { Points = null! }));
    }

    [Fact]
    public void TiersValidate_NullList_IsRequired()
    {
        Assert.Equal([P + ".tiers: is required: list at least two tiers."], Errors(new TierScoring { Tiers = null! }));
    }

    [Fact]
    public void PiecewiseValidate_NullFirstPoint_IsLocated()
    {
        Assert.Equal([P + ".points[0]: must not be null."], Errors(new PiecewiseLinearScoring { Points = [null!, new(1, 1)] }));
    }

    [Fact]
    public void TiersValidate_NullFirstTier_IsLocated()
    {
        Assert.Equal([P + ".tiers[0]: must not be null."], Errors(new TierScoring { Tiers = [null!, new(1, 1)] }));
    }

    [Fact]
    public void PiecewiseValidate_ExactlyTwoPoints_IsValid()
    {
        Assert.Empty(Errors(new PiecewiseLinearScoring([new(0, 0), new(1, 1)])));
        Assert.Empty(Errors(new TierScoring([new(0, 0), new(1, 1)])));
    }

    [Fact]
    public void PiecewiseValidate_OnePoint_ReportsOnlyTheCount()
    {
        Assert.Equal([P + ".points: needs at least 2 entries; it has 1."], Errors(new PiecewiseLinearScoring([new(0, 1)])));
        Assert.Equal([P + ".tiers: needs at least 2 entries; it has 0."], Errors(new TierScoring()));
    }

    [Fact]
    public void PiecewiseValidate_NonFiniteValue_ReportsOnlyFiniteness()
    {
        // The ordering check skips a non-finite value (and a non-finite predecessor): only one error.
        Assert.Equal(
            [P + ".points[1].value: must be a finite number."],
            Errors(new PiecewiseLinearScoring([new(0, 0), new(double.NegativeInfinity, 0.5), new(10, 1)])));
        Assert.Equal(
            [P + ".tiers[1].from: must be a finite number."],
            Errors(new TierScoring([new(0, 0), new(double.PositiveInfinity, 0.5), new(10, 1)])));
    }

    [Fact]
    public void PiecewiseValidate_EqualValues_MustAscend()
    {
        Assert.Equal(
            [P + ".points[1].value: must be greater than the previous entry's value (5): entries go in ascending order."],
            Errors(new PiecewiseLinearScoring([new(5, 0), new(5, 1)])));
        Assert.Equal(
            [P + ".tiers[2].from: must be greater than the previous entry's from (10): entries go in ascending order."],
            Errors(new TierScoring([new(0, 0), new(10, 0.5), new(9, 1)])));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void PiecewiseValidate_ScoreOutsideZeroToOne_IsReported(double score)
    {
        var errors = Errors(new PiecewiseLinearScoring([new(0, 0), new(1, score), new(2, 1)]));

        Assert.Contains(P + ".points[1].score: must be a number between 0 (worst) and 1 (best).", errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PiecewiseValidate_ScoreAtZeroOrOne_IsAccepted(double score)
    {
        Assert.Empty(Errors(new PiecewiseLinearScoring([new(0, 0.5), new(1, score)])));
    }

    [Fact]
    public void StepsValidate_FallingWithFlatStep_IsValid()
    {
        Assert.Empty(Errors(new PiecewiseLinearScoring([new(0, 1), new(2, 1), new(10, 0)])));
        Assert.Empty(Errors(new TierScoring([new(0, 1), new(2, 1), new(10, 0)])));
    }

    [Fact]
    public void StepsValidate_RisingWithFlatStep_IsValid()
    {
        Assert.Empty(Errors(new PiecewiseLinearScoring([new(0, 0), new(8, 1), new(10, 1)])));
        Assert.Empty(Errors(new TierScoring([new(0, 0), new(8, 0), new(10, 1)])));
    }

    [Fact]
    public void StepsValidate_RiseThenFall_HasNoDirection()
    {
        Assert.Equal(
            [P + ".points: scores must all rise or all fall, so the metric has one direction (higher is better or lower is better)."],
            Errors(new PiecewiseLinearScoring([new(0, 0), new(5, 1), new(10, 0)])));
    }

    [Fact]
    public void StepsValidate_AllEqualScores_CannotTellApart()
    {
        Assert.Equal(
            [P + ".tiers: scores are all equal: the function cannot tell accounts apart."],
            Errors(new TierScoring([new(0, 0.5), new(5, 0.5), new(10, 0.5)])));
    }

    // ---- Targets of plateaus ----

    [Fact]
    public void PiecewiseTarget_RisingPlateau_IsFirstValueEarningFullMarks()
    {
        var function = new PiecewiseLinearScoring([new(0, 0), new(8, 1), new(10, 1)]).Compile();

        Assert.Equal(MetricDirection.HigherIsBetter, function.Direction);
        Assert.Equal(8, function.Target);
    }

    [Fact]
    public void PiecewiseTarget_FallingPlateau_IsLastValueEarningFullMarks()
    {
        var function = new PiecewiseLinearScoring([new(0, 1), new(2, 1), new(10, 0)]).Compile();

        Assert.Equal(MetricDirection.LowerIsBetter, function.Direction);
        Assert.Equal(2, function.Target);
    }

    [Fact]
    public void PiecewiseTarget_PartialTopScore_IsWhereTheMaximumIs()
    {
        // The best score is below 1: the target is where that best score is reached, at either end.
        var rising = new PiecewiseLinearScoring([new(0, 0.1), new(6, 0.8)]).Compile();
        var falling = new PiecewiseLinearScoring([new(-4, 0.8), new(6, 0.1)]).Compile();

        Assert.Equal(6, rising.Target);
        Assert.Equal(-4, falling.Target);
    }

    [Fact]
    public void TiersTarget_LowerIsBetter_IsFirstBound()
    {
        var function = new TierScoring([new(0, 1), new(10, 0.6), new(20, 0)]).Compile();

        Assert.Equal(MetricDirection.LowerIsBetter, function.Direction);
        Assert.Equal(0, function.Target);
        Assert.Equal(1, function.Normalize(-5));
        Assert.Equal(0.6, function.Normalize(10));
    }

    // ---- Vector path: IsVectorized promises lane-by-lane the same result as Normalize ----

    public static TheoryData<string> VectorizedFunctions => [.. VectorCases.Keys];

    private static readonly Dictionary<string, (ScoringFunctionDefinition Definition, double[] Values)> VectorCases = new()
    {
        ["linear"] = (new LinearScoring(0, 10), [-5, 0, 2.5, 10, 99]),
        ["linearFalling"] = (new LinearScoring(30, 0), [-1, 0, 6, 30, 45]),
        ["boundedLinear"] = (new BoundedLinearScoring(1, 5), [0.5, 1, 3, 5, 5.5]),
        // 0.3 + (0.9 - 0.3) is not exactly 0.9: at a breakpoint the segment ending there decides, in both paths.
        ["piecewise"] = (new PiecewiseLinearScoring([new(0, 0), new(5, 0.3), new(10, 0.9), new(20, 1)]), [-1, 0, 2.5, 5, 7.5, 10, 15, 20, 30]),
        ["piecewiseFalling"] = (new PiecewiseLinearScoring([new(1, 1), new(5, 0.5), new(14, 0)]), [0, 1, 3, 5, 9.5, 14, 30]),
        ["tiers"] = (new TierScoring([new(0, 0), new(10, 0.6), new(20, 1)]), [-1, 0, 9.99, 10, 19, 20, 1000]),
        ["targetRatioHigher"] = (new TargetRatioScoring(100), [-3, 0, 50, 100, 150]),
        ["targetRatioLower"] = (new TargetRatioScoring(100, MetricDirection.LowerIsBetter), [-3, 0, 80, 100, 200]),
        ["logistic"] = (new LogisticScoring(3, 1.2), [-1e300, -600, -40, -1, 0, 2.999, 3, 3.5, 10, 40, 600, 1e300]),
        ["logisticFalling"] = (new LogisticScoring(50, -0.1), [-1e308, 0, 49, 50, 51, 400, 1e308]),
    };

    [Theory]
    [MemberData(nameof(VectorizedFunctions))]
    public void VectorNormalize_BuiltInFunction_MatchesNormalizeExactly(string name)
    {
        var (definition, values) = VectorCases[name];
        var function = definition.Compile();

        Assert.True(function.IsVectorized);
        var lanes = Vector<double>.Count;
        var buffer = new double[lanes];
        foreach (var value in values)
        {
            Array.Fill(buffer, value);
            var result = function.VectorNormalize(new Vector<double>(buffer));
            for (var lane = 0; lane < lanes; lane++)
            {
                // double.Equals: exact, NaN matches NaN, and 0 matches -0 (the clamp may keep a -0 the vector Max drops).
                var expected = function.Normalize(value);
                Assert.True(expected.Equals(result[lane]), $"{name} at {value:R}: Normalize gives {expected:R}, VectorNormalize {result[lane]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorizedFunctions))]
    public void VectorNormalize_EightLanes_MatchesNormalizeExactly(string name)
    {
        // The form the columnar scorer runs where 512-bit vectors are accelerated (in software elsewhere), each lane a different value.
        var (definition, values) = VectorCases[name];
        var function = definition.Compile();
        var lanes = new double[Vector512Lanes.Count];
        var result = new double[lanes.Length];
        for (var start = 0; start < values.Length; start++)
        {
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                lanes[lane] = values[(start + lane) % values.Length];
            }

            var input = Vector512Lanes.Load(ref lanes[0], 0);
            var output = function switch
            {
                LinearFunction linear => linear.VectorNormalize(input),
                LogisticFunction logistic => logistic.VectorNormalize(input),
                PiecewiseLinearFunction piecewise => piecewise.VectorNormalize(input),
                TargetRatioFunction ratio => ratio.VectorNormalize(input),
                TierFunction tiers => tiers.VectorNormalize(input),
                _ => throw new InvalidOperationException($"{name} compiles to {function.GetType().Name}, which has no eight-lane form."),
            };
            output.Store(ref result[0], 0);
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                var expected = function.Normalize(lanes[lane]);
                Assert.True(expected.Equals(result[lane]), $"{name} at {lanes[lane]:R}: Normalize gives {expected:R}, eight lanes {result[lane]:R}");
            }
        }
    }

    [Fact]
    public void VectorNormalize_UnboundedLinearOutsideRange_IsClampedNotMissing()
    {
        var function = new LinearScoring(0, 10).Compile();
        var buffer = new double[Vector<double>.Count];
        Array.Fill(buffer, -5);
        buffer[0] = 99;

        var result = function.VectorNormalize(new Vector<double>(buffer));

        Assert.Equal(1, result[0]);
        for (var lane = 1; lane < buffer.Length; lane++)
        {
            Assert.Equal(0, result[lane]);
        }
    }

    [Fact]
    public void FunctionKinds_EveryFamily_NormalizesAsTheFunctionItself()
    {
        ScoringFunctionDefinition[] definitions =
        [
            new LinearScoring(0, 10), new BoundedLinearScoring(1, 5), new LogisticScoring(3, 1.2),
            new PiecewiseLinearScoring([new(0, 0), new(5, 0.3), new(10, 0.9)]), new TargetRatioScoring(4), new TierScoring([new(0, 0), new(2, 1)]),
        ];
        var kinds = new List<FunctionKind>();
        foreach (var definition in definitions)
        {
            var function = definition.Compile();
            var scale = function is LinearFunction { IsClamped: true } linear ? linear.InverseSpan : 0;
            var offset = function is LinearFunction { IsClamped: true } clamped ? clamped.Worst : 0;
            var kind = FunctionKinds.Of(function, scale);
            kinds.Add(kind);
            foreach (var value in new[] { -3, 0, 0.5, 2, 4.5, 5, 9, 40 })
            {
                var expected = function.Normalize(value);
                expected = double.IsNaN(expected) ? expected : Math.Clamp(expected, 0, 1);
                Assert.True(expected.Equals(FunctionKinds.Normalize(kind, function, value, offset, scale)), $"{kind} at {value}");
                Assert.True(expected.Equals(FunctionKinds.Normalize(FunctionKind.Other, function, value, offset, scale)), $"{kind} as other at {value}");
            }
        }

        Assert.Equal([FunctionKind.Linear, FunctionKind.BoundedLinear, FunctionKind.Logistic, FunctionKind.PiecewiseLinear, FunctionKind.TargetRatio, FunctionKind.Tier], kinds);
    }

    [Fact]
    public void Normalize_PiecewiseBreakpoint_UsesTheSegmentEndingThere()
    {
        var function = new PiecewiseLinearScoring([new(0, 0), new(5, 0.3), new(10, 0.9), new(20, 1)]).Compile();

        // Documented behaviour: the first point not below the input decides, so 10 is the end of the (5, 10) segment.
        Assert.Equal(0.3 + (1.0 * (0.9 - 0.3)), function.Normalize(10));
        Assert.Equal(0, function.Normalize(0));
        Assert.Equal(1, function.Normalize(20));
    }

    // ---- Result helpers ----

    [Fact]
    public void WithBand_SameBand_ReturnsThisResultUnforced()
    {
        var result = RuleFixture.TestModel.Score([3, 6, 20, 0]);

        var same = result.WithBand(result.Band);

        Assert.False(result.IsBandForced);
        Assert.False(same.IsBandForced);
        Assert.Same(result.Band, same.Band);
        Assert.Equal(result.Score, same.Score);
    }

    [Fact]
    public void WithBand_OtherBand_ForcesItAndKeepsTheScore()
    {
        var result = RuleFixture.TestModel.Score([3, 6, 20, 0]);
        var other = RuleFixture.TestModel.Bands.First(b => !ReferenceEquals(b, result.Band));

        var forced = result.WithBand(other);

        Assert.Same(other, forced.Band);
        Assert.True(forced.IsBandForced);
        Assert.Equal(result.Score, forced.Score);
        Assert.Equal(result.UnroundedScore, forced.UnroundedScore);
        Assert.Equal(result.Coverage, forced.Coverage);
        Assert.Equal(result.ModelHash, forced.ModelHash);
        Assert.Throws<ArgumentNullException>(() => result.WithBand(null!));
    }

    [Fact]
    public void IsPresent_PresentAndMissingMetrics_FollowsStatus()
    {
        var model = RuleFixture.TestModel;
        var contributions = new MetricContribution[model.Metrics.Count];

        model.Score([3, double.NaN, 20, 0], model.DefaultPhase, contributions, new GroupScore[model.Groups.Count]);

        Assert.Equal(MetricStatus.Present, contributions[0].Status);
        Assert.True(contributions[0].IsPresent);
        Assert.NotEqual(MetricStatus.Present, contributions[1].Status);
        Assert.False(contributions[1].IsPresent);
    }

    private sealed class FiniteProbe : ScoringFunctionDefinition
    {
        public override string Type => "probe";

        public static bool Check(double value, string path, ICollection<ModelError> errors) => RequireFinite(value, path, errors);

        public override void Validate(string path, ICollection<ModelError> errors)
        {
        }

        public override ScoringFunction Compile() => throw new NotSupportedException();
    }
}
