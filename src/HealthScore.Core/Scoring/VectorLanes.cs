using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HealthScore.Core.Scoring;

/// <summary>
/// The vector operations the columnar scorer needs, for one vector width. The scorer is generic over a struct
/// implementing this, so the JIT compiles it once per width with every call inlined: <see cref="Lanes256"/>
/// (4 doubles) and <see cref="Lanes512"/> (8 doubles, where the CPU accelerates it).
/// </summary>
/// <typeparam name="TV">The vector type.</typeparam>
internal interface IVectorLanes<TV>
    where TV : struct
{
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV One { get; }

    static abstract TV Create(double value);

    static abstract TV Load(ref double source, nuint offset);

    static abstract void Store(TV value, ref double destination, nuint offset);

    static abstract TV Add(TV left, TV right);

    static abstract TV Subtract(TV left, TV right);

    static abstract TV Multiply(TV left, TV right);

    static abstract TV Divide(TV left, TV right);

    static abstract TV Min(TV left, TV right);

    static abstract TV Max(TV left, TV right);

    static abstract TV Equals(TV left, TV right);

    static abstract TV LessThan(TV left, TV right);

    static abstract TV LessThanOrEqual(TV left, TV right);

    static abstract TV GreaterThan(TV left, TV right);

    static abstract TV GreaterThanOrEqual(TV left, TV right);

    static abstract TV And(TV left, TV right);

    static abstract TV Or(TV left, TV right);

    static abstract TV Select(TV mask, TV whenTrue, TV whenFalse);

    // Math.Round(x, MidpointRounding.ToEven) and Math.Truncate, lane by lane.
    static abstract TV RoundToEven(TV value);

    static abstract TV Truncate(TV value);

    static abstract TV CopySign(TV value, TV sign);

    // Whether every lane of a comparison mask is set.
    static abstract bool All(TV mask);

    // Whether any lane of a comparison mask is set.
    static abstract bool Any(TV mask);
}

/// <summary>256-bit vectors: 4 doubles.</summary>
internal readonly struct Lanes256 : IVectorLanes<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    public static Vector256<double> One => Vector256<double>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> left, Vector256<double> right) => Vector256.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> left, Vector256<double> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Equals(Vector256<double> left, Vector256<double> right) => Vector256.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThan(Vector256<double> left, Vector256<double> right) => Vector256.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThan(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThanOrEqual(Vector256<double> left, Vector256<double> right) => Vector256.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> left, Vector256<double> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Or(Vector256<double> left, Vector256<double> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> RoundToEven(Vector256<double> value) =>
#if NET9_0_OR_GREATER
        Vector256.Round(value);
#else
        System.Runtime.Intrinsics.X86.Avx.IsSupported ? System.Runtime.Intrinsics.X86.Avx.RoundToNearestInteger(value) : Vector256.Create(Math.Round(value[0]), Math.Round(value[1]), Math.Round(value[2]), Math.Round(value[3]));
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Truncate(Vector256<double> value) =>
#if NET9_0_OR_GREATER
        Vector256.Truncate(value);
#else
        System.Runtime.Intrinsics.X86.Avx.IsSupported ? System.Runtime.Intrinsics.X86.Avx.RoundToZero(value) : Vector256.Create(Math.Truncate(value[0]), Math.Truncate(value[1]), Math.Truncate(value[2]), Math.Truncate(value[3]));
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> CopySign(Vector256<double> value, Vector256<double> sign)
    {
        var signBit = Vector256.Create(-0.0);
        return Vector256.ConditionalSelect(signBit, sign, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector256<double> mask) => mask.ExtractMostSignificantBits() == 0b1111;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector256<double> mask) => mask.ExtractMostSignificantBits() != 0;
}

/// <summary>512-bit vectors: 8 doubles.</summary>
internal readonly struct Lanes512 : IVectorLanes<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    public static Vector512<double> One => Vector512<double>.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> left, Vector512<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> left, Vector512<double> right) => Vector512.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> left, Vector512<double> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Equals(Vector512<double> left, Vector512<double> right) => Vector512.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> left, Vector512<double> right) => Vector512.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.LessThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThan(Vector512<double> left, Vector512<double> right) => Vector512.GreaterThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThanOrEqual(Vector512<double> left, Vector512<double> right) => Vector512.GreaterThanOrEqual(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> left, Vector512<double> right) => left & right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Or(Vector512<double> left, Vector512<double> right) => left | right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> RoundToEven(Vector512<double> value) =>
#if NET9_0_OR_GREATER
        Vector512.Round(value);
#else
        Vector512.Create(Lanes256.RoundToEven(value.GetLower()), Lanes256.RoundToEven(value.GetUpper()));
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Truncate(Vector512<double> value) =>
#if NET9_0_OR_GREATER
        Vector512.Truncate(value);
#else
        Vector512.Create(Lanes256.Truncate(value.GetLower()), Lanes256.Truncate(value.GetUpper()));
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> CopySign(Vector512<double> value, Vector512<double> sign)
    {
        var signBit = Vector512.Create(-0.0);
        return Vector512.ConditionalSelect(signBit, sign, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Vector512<double> mask) => mask.ExtractMostSignificantBits() == 0xFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Vector512<double> mask) => mask.ExtractMostSignificantBits() != 0;
}
