using System.Numerics;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>The vector lanes' clamp to [0, 1] gives <see cref="Math.Clamp(double, double, double)"/>'s bits lane for lane, on both widths and by either instruction path.</summary>
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
        var paths = new (string Name, int Width, Func<double[], int, double[]> Clamp)[]
        {
            ("4 lanes", VectorLanes.Count, (v, at) => Store(VectorLanes.ClampUnit(VectorLanes.Load(ref v[0], (nuint)at)))),
            ("4 lanes by comparison", VectorLanes.Count, (v, at) => Store(VectorLanes.ClampUnitByComparison(VectorLanes.Load(ref v[0], (nuint)at)))),
            ("8 lanes", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.ClampUnit(Vector512Lanes.Load(ref v[0], (nuint)at)))),
            ("8 lanes by comparison", Vector512Lanes.Count, (v, at) => Store(Vector512Lanes.ClampUnitByComparison(Vector512Lanes.Load(ref v[0], (nuint)at)))),
        };

        // Every value in every lane: the input repeated, read from each starting position.
        var input = new double[Values.Length * 2];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = Values[i % Values.Length];
        }

        foreach (var (name, width, clamp) in paths)
        {
            for (var start = 0; start + width <= input.Length; start++)
            {
                var output = clamp(input, start);
                for (var lane = 0; lane < width; lane++)
                {
                    var value = input[start + lane];
                    var expected = BitConverter.DoubleToInt64Bits(Math.Clamp(value, 0.0, 1.0));
                    var actual = BitConverter.DoubleToInt64Bits(output[lane]);

                    // NaN payloads may differ; a NaN must stay a NaN.
                    Assert.True(
                        double.IsNaN(value) ? double.IsNaN(output[lane]) : expected == actual,
                        $"{name}, lane {lane}: Math.Clamp({value:R}) is {Math.Clamp(value, 0.0, 1.0):R}, the lanes give {output[lane]:R}");
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
