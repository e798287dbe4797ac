using System.Numerics;
using System.Runtime.CompilerServices;

namespace HealthScore.Core.Scoring;

/// <summary>
/// e^x computed with the same floating-point operations, in the same order, one value at a time and on every lane
/// of a <see cref="Vector{T}"/>, so both forms give bit for bit the same result on every platform (unlike
/// <see cref="Math.Exp(double)"/>, which is the platform's C library). Within about 1 ulp of the exact value
/// for every double; NaN gives NaN, +∞ and anything above about 709.78 give +∞, −∞ and anything below about
/// −745.13 give 0, and the results in between that are subnormal are rounded once.
/// </summary>
/// <remarks>
/// x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2, ln 2 split in two constants so k·ln 2's high part is
/// exact; e^r = 1 + r + r²·q(r) with q a degree-10 near-minimax polynomial for (e^r − 1 − r) / r² (evaluated by
/// Estrin's scheme for a short dependency chain); then the result is scaled by 2^k in two exact steps, 2^⌊k/2⌋ and
/// 2^(k − ⌊k/2⌋), so that subnormal results are rounded once and 2^1024 needs no special case. Only +, −, × and
/// integer operations on the bits are used: no fused multiply-add, no conversion instructions.
/// </remarks>
internal static class DeterministicExp
{
    // Below this e^x rounds to 0, above this to +∞; clamping there keeps k within the two scaling steps' range.
    private const double Lowest = -746;
    private const double Highest = 710;

    private const double Log2E = 1.4426950408889634;

    // 1.5 × 2^52: adding it rounds x / ln 2 to an integer (ties to even) held in the sum's low bits.
    private const double Shifter = 6755399441055744.0;

    // ln 2 = Ln2High + Ln2Low; Ln2High has 32 significant bits, so k × Ln2High is exact for every k used here.
    private const double Ln2High = 0.6931471803691238;
    private const double Ln2Low = 1.9082149292705877e-10;

    // q(r) ≈ (e^r − 1 − r) / r² on [−ln 2 / 2, ln 2 / 2], Chebyshev fit of degree 10 (error about 1.4e-18).
    private const double C0 = 0.5;
    private const double C1 = 0.1666666666666667;
    private const double C2 = 0.04166666666666667;
    private const double C3 = 0.008333333333326136;
    private const double C4 = 0.0013888888888883748;
    private const double C5 = 0.00019841269874820627;
    private const double C6 = 2.4801587325547743e-05;
    private const double C7 = 2.7557255400206422e-06;
    private const double C8 = 2.75572736431103e-07;
    private const double C9 = 2.5105217004720745e-08;
    private const double C10 = 2.0914686968086876e-09;

    private const long ExponentBias = 1023;
    private const int MantissaBits = 52;

    /// <summary>e^x for one value.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e^x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        // Comparisons rather than Math.Max/Min, exactly as the vector form selects lanes (NaN passes through).
        x = x < Lowest ? Lowest : x;
        x = x > Highest ? Highest : x;
        var shifted = (x * Log2E) + Shifter;
        var k = shifted - Shifter;
        var r = (x - (k * Ln2High)) - (k * Ln2Low);
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var q = (((C0 + (C1 * r)) + ((C2 + (C3 * r)) * r2)) + (((C4 + (C5 * r)) + ((C6 + (C7 * r)) * r2)) * r4))
            + (((C8 + (C9 * r)) + (C10 * r2)) * r8);
        var p = 1.0 + (r + (r2 * q));
        var n = BitConverter.DoubleToInt64Bits(shifted) - BitConverter.DoubleToInt64Bits(Shifter);
        var half = n >> 1;
        var first = BitConverter.Int64BitsToDouble((half + ExponentBias) << MantissaBits);
        var second = BitConverter.Int64BitsToDouble((n - half + ExponentBias) << MantissaBits);
        return p * first * second;
    }

    /// <summary>e^x for every lane, bit for bit what <see cref="Exp(double)"/> gives for that lane.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>e^x lane by lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Exp<TLanes>(TLanes x)
        where TLanes : struct, ILanes<TLanes>
    {
        var lowest = TLanes.Create(Lowest);
        var highest = TLanes.Create(Highest);
        x = TLanes.Select(TLanes.LessThan(x, lowest), lowest, x);
        x = TLanes.Select(TLanes.GreaterThan(x, highest), highest, x);
        var shifter = TLanes.Create(Shifter);
        var shifted = (x * TLanes.Create(Log2E)) + shifter;
        var k = shifted - shifter;
        var r = (x - (k * TLanes.Create(Ln2High))) - (k * TLanes.Create(Ln2Low));
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var q = (((TLanes.Create(C0) + (r * TLanes.Create(C1))) + ((TLanes.Create(C2) + (r * TLanes.Create(C3))) * r2))
                + (((TLanes.Create(C4) + (r * TLanes.Create(C5))) + ((TLanes.Create(C6) + (r * TLanes.Create(C7))) * r2)) * r4))
            + (((TLanes.Create(C8) + (r * TLanes.Create(C9))) + (r2 * TLanes.Create(C10))) * r8);
        var p = TLanes.Create(1) + (r + (r2 * q));
        var n = TLanes.SubtractBits(shifted, shifter);
        var half = TLanes.ShiftRightArithmeticBits(n, 1);
        var bias = TLanes.CreateBits(ExponentBias);
        var first = TLanes.ShiftLeftBits(TLanes.AddBits(half, bias), MantissaBits);
        var second = TLanes.ShiftLeftBits(TLanes.AddBits(TLanes.SubtractBits(n, half), bias), MantissaBits);
        return p * first * second;
    }
}
