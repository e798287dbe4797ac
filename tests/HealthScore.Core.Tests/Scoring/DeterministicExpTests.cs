using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

public sealed class DeterministicExpTests
{
    // The accuracy promised against the platform's Math.Exp (itself within about half an ulp of the exact value).
    private const long MaximumUlps = 1;

    [Fact]
    public void Exp_DenseGrid_WithinOneUlpOfMathExp()
    {
        long worst = 0;
        var worstAt = 0.0;

        // Every 1/1024 over the logistic function's working range, then random points over the whole finite range.
        for (var i = -40 * 1024; i <= 40 * 1024; i++)
        {
            Track(i / 1024.0, ref worst, ref worstAt);
        }

        var random = new Random(20261202);
        for (var i = 0; i < 200_000; i++)
        {
            Track(-745.2 + (random.NextDouble() * (709.8 + 745.2)), ref worst, ref worstAt);
            Track((random.NextDouble() - 0.5) * 1e-6, ref worst, ref worstAt);
        }

        Assert.True(worst <= MaximumUlps, $"{worst} ulps from Math.Exp at {worstAt:R}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(1e-300)]
    [InlineData(-1e-300)]
    [InlineData(700.0)]
    [InlineData(709.78)]
    [InlineData(-708.39)]
    [InlineData(-708.4)]
    [InlineData(-720.0)]
    [InlineData(-744.5)]
    [InlineData(-745.1)]
    [InlineData(-745.2)]
    [InlineData(0.34657359027997264)] // ln 2 / 2: where the reduction switches k
    [InlineData(-0.34657359027997264)]
    public void Exp_EdgeCase_WithinOneUlpOfMathExp(double x)
    {
        Assert.True(Ulps(DeterministicExp.Exp(x), Math.Exp(x)) <= MaximumUlps, $"Exp({x:R}) = {DeterministicExp.Exp(x):R}, Math.Exp {Math.Exp(x):R}");
    }

    [Fact]
    public void Exp_SpecialValues_AsMathExp()
    {
        Assert.Equal(1.0, DeterministicExp.Exp(0));
        Assert.True(double.IsNaN(DeterministicExp.Exp(double.NaN)));
        Assert.Equal(double.PositiveInfinity, DeterministicExp.Exp(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, DeterministicExp.Exp(709.8));
        Assert.Equal(double.PositiveInfinity, DeterministicExp.Exp(double.MaxValue));
        Assert.Equal(0.0, DeterministicExp.Exp(double.NegativeInfinity));
        Assert.Equal(0.0, DeterministicExp.Exp(-746));
        Assert.Equal(0.0, DeterministicExp.Exp(double.MinValue));
        Assert.Equal(double.Epsilon, DeterministicExp.Exp(-745.1));
    }

    [Fact]
    public void ExpVector_EveryLane_BitForBitTheScalarForm() => EveryLaneAsScalar<VectorLanes>();

    [Fact]
    public void ExpVector512_EveryLane_BitForBitTheScalarForm() => EveryLaneAsScalar<Vector512Lanes>();

    private static void EveryLaneAsScalar<TLanes>()
        where TLanes : struct, ILanes<TLanes>
    {
        var lanes = TLanes.Count;
        var random = new Random(7);
        var buffer = new double[lanes];
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, 709.78, 709.8, -745.1, -746, 700, double.MaxValue, double.MinValue];
        for (var i = 0; i < 100_000; i++)
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                buffer[lane] = (i % 10) switch
                {
                    0 => special[random.Next(special.Length)],
                    < 6 => (random.NextDouble() - 0.5) * 80,
                    _ => -750 + (random.NextDouble() * 1460),
                };
            }

            var result = new double[lanes];
            DeterministicExp.Exp(TLanes.Load(ref buffer[0], 0)).Store(ref result[0], 0);
            for (var lane = 0; lane < lanes; lane++)
            {
                var expected = DeterministicExp.Exp(buffer[lane]);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result[lane]) || (double.IsNaN(expected) && double.IsNaN(result[lane])), $"lane {lane} at {buffer[lane]:R}: {expected:R} against {result[lane]:R}");
            }
        }
    }

    [Fact]
    public void Logistic_InfiniteAndHugeInput_AsWithMathExp()
    {
        var rising = new LogisticScoring(3, 1.2).Compile();

        Assert.Equal(1.0, rising.Normalize(double.PositiveInfinity));
        Assert.Equal(1.0 / (1.0 + Math.Exp(700)), rising.Normalize(double.NegativeInfinity));
        Assert.Equal(1.0 / (1.0 + Math.Exp(700)), rising.Normalize(-1e300));
        Assert.Equal(1.0, rising.Normalize(1e300));
        Assert.Equal(0.5, rising.Normalize(3));
    }

    [Fact]
    public void Logistic_DenseGrid_CloseToMathExpForm()
    {
        var function = new LogisticScoring(3, 1.2).Compile();
        for (var i = -20_000; i <= 20_000; i++)
        {
            var value = i / 500.0;
            var expected = 1.0 / (1.0 + Math.Exp(Math.Min(-1.2 * (value - 3), 700)));
            // One ulp of e^t, the rounding of 1 + e^t (coarse once e^t passes 2^52) and the division.
            Assert.True(Ulps(function.Normalize(value), expected) <= 4, $"at {value:R}: {function.Normalize(value):R} against {expected:R}");
        }
    }

    private static void Track(double x, ref long worst, ref double worstAt)
    {
        var ulps = Ulps(DeterministicExp.Exp(x), Math.Exp(x));
        if (ulps > worst)
        {
            worst = ulps;
            worstAt = x;
        }
    }

    // Distance in units in the last place between two non-negative doubles (adjacent doubles are 1 apart).
    private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));
}
