using System.Numerics;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>The vector lanes' clamps and truncation give <see cref="Math.Clamp(double, double, double)"/>'s and <see cref="Math.Truncate(double)"/>'s bits lane for lane, on both widths and by either instruction path.</summary>
public sealed class LanesTests
{
    // Both signs of zero, NaN, infinities, both ends and their neighbours, and values inside and outside.
    private static readonly double[] Values =
    [
        0.0, -0.0, double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0, Math.BitIncrement(1.0),
        Math.BitDecrement(1.0), double.Epsilon, -double.Epsilon, 0.5, 0.25, 2.0, -2.0, 1e308, -1e308, 0.999999, -1e-300,
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), double.MaxValue, double.MinValue,
    ];

    [Fact]
    public void ClampUnit_EveryWidthAndPath_GivesMathClampsBits()
    {
        AssertLanes(
            value => Math.Clamp(value, 0.0, 1.0),
            ("4 lanes", VectorLanes.Count, (v, at) => Store(VectorLanes.ClampUnit(VectorLanes.Load(ref v[0], (nuint)at)))),
            ("4 lanes by comparison", VectorLanes.Count, (v, at) => Store(VectorLanes.ClampByComparison(VectorLanes.Load(ref v[0], (nuint)at), VectorLanes.Create(0), VectorLanes.Create(1)))),
            ("8 lanes", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.ClampUnit(Vector512Lanes.Load(ref v[0], (nuint)at)))),
            ("8 lanes by comparison", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.ClampByComparison(Vector512Lanes.Load(ref v[0], (nuint)at), Vector512Lanes.Create(0), Vector512Lanes.Create(1)))));
    }

    public static TheoryData<double, double> Bounds => new()
    {
        { -7.5, 92.5 }, { 0.0, 0.0 }, { -0.0, 0.0 }, { 0.0, -0.0 }, { 2.0, 2.0 }, { double.NegativeInfinity, 0.5 }, { -1e308, double.PositiveInfinity },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Clamp_EveryWidthAndPath_GivesMathClampsBits(double minimum, double maximum)
    {
        AssertLanes(
            value => Math.Clamp(value, minimum, maximum),
            ("4 lanes", VectorLanes.Count, (v, at) => Store(VectorLanes.Clamp(VectorLanes.Load(ref v[0], (nuint)at), VectorLanes.Create(minimum), VectorLanes.Create(maximum)))),
            ("4 lanes by comparison", VectorLanes.Count, (v, at) => Store(VectorLanes.ClampByComparison(VectorLanes.Load(ref v[0], (nuint)at), VectorLanes.Create(minimum), VectorLanes.Create(maximum)))),
            ("8 lanes", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.Clamp(Vector512Lanes.Load(ref v[0], (nuint)at), Vector512Lanes.Create(minimum), Vector512Lanes.Create(maximum)))),
            ("8 lanes by comparison", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.ClampByComparison(Vector512Lanes.Load(ref v[0], (nuint)at), Vector512Lanes.Create(minimum), Vector512Lanes.Create(maximum)))));
    }

    [Fact]
    public void Truncate_EveryWidthAndPath_GivesMathTruncatesBits()
    {
        AssertLanes(
            Math.Truncate,
            ("4 lanes", VectorLanes.Count, (v, at) => Store(VectorLanes.Truncate(VectorLanes.Load(ref v[0], (nuint)at)))),
            ("4 lanes by comparison", VectorLanes.Count, (v, at) => Store(VectorLanes.TruncateByComparison(VectorLanes.Load(ref v[0], (nuint)at)))),
            ("8 lanes", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.Truncate(Vector512Lanes.Load(ref v[0], (nuint)at)))),
            ("8 lanes by comparison", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.TruncateByComparison(Vector512Lanes.Load(ref v[0], (nuint)at)))));
    }

    // Every value (and a few with fractions) in every lane of every path: the lanes give the scalar operation's bits.
    private static void AssertLanes(Func<double, double> scalar, params (string Name, int Width, Func<double[], int, double[]> Run)[] paths)
    {
        double[] values = [.. Values, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 4503599627370495.5, -1.5, 92.49999, 1e15 + 0.5];
        var input = new double[values.Length * 2];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = values[i % values.Length];
        }

        foreach (var (name, width, run) in paths)
        {
            for (var start = 0; start + width <= input.Length; start++)
            {
                var output = run(input, start);
                for (var lane = 0; lane < width; lane++)
                {
                    var value = input[start + lane];
                    var expected = scalar(value);
                    Assert.True(
                        double.IsNaN(expected) ? double.IsNaN(output[lane]) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(output[lane]),
                        $"{name}, lane {lane}: {value:R} gives {expected:R} as a scalar, {output[lane]:R} in the lanes");
                }
            }
        }
    }

    private static double[] Store<TLanes>(TLanes lanes)
        where TLanes : struct, ILanes<TLanes>
    {
        var result = new double[TLanes.Count];
        lanes.Store(ref result[0], 0);
        return result;
    }
}
