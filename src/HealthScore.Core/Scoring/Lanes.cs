using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HealthScore.Core.Scoring;

/// <summary>
/// A vector of doubles of one width, so that the columnar scorer and the functions' vector forms are written once and
/// compiled for each width: <see cref="VectorLanes"/> (<see cref="Vector{T}"/>, every machine) and
/// <see cref="Vector512Lanes"/> (512 bits, where the machine accelerates them). Every operation works lane by lane
/// with IEEE semantics, so a lane's result does not depend on the width. Comparisons give masks (all bits set where
/// true) in the same type.
/// </summary>
/// <typeparam name="TSelf">The implementing vector type.</typeparam>
internal interface ILanes<TSelf> :
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IMultiplyOperators<TSelf, TSelf, TSelf>,
    IDivisionOperators<TSelf, TSelf, TSelf>,
    IBitwiseOperators<TSelf, TSelf, TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary>Every lane set to the double whose bits are <paramref name="bits"/>.</summary>
    static abstract TSelf CreateBits(long bits);

    /// <summary>The lanes at <paramref name="offset"/> doubles from <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref double source, nuint offset);

    /// <summary>Writes the lanes at <paramref name="offset"/> doubles from <paramref name="destination"/>.</summary>
    void Store(ref double destination, nuint offset);

    /// <summary>A mask of the lanes where the two are equal (never where either is NaN).</summary>
    static abstract TSelf Equal(TSelf left, TSelf right);

    /// <summary>A mask of the lanes where <paramref name="left"/> is below <paramref name="right"/>.</summary>
    static abstract TSelf LessThan(TSelf left, TSelf right);

    /// <summary>A mask of the lanes where <paramref name="left"/> is at most <paramref name="right"/>.</summary>
    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);

    /// <summary>A mask of the lanes where <paramref name="left"/> is above <paramref name="right"/>.</summary>
    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    /// <summary>A mask of the lanes where <paramref name="left"/> is at least <paramref name="right"/>.</summary>
    static abstract TSelf GreaterThanOrEqual(TSelf left, TSelf right);

    /// <summary><paramref name="whenTrue"/> where <paramref name="mask"/> is set, else <paramref name="whenFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>The smaller of each pair of lanes.</summary>
    static abstract TSelf Min(TSelf left, TSelf right);

    /// <summary>The larger of each pair of lanes.</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>
    /// Each lane as <see cref="Math.Clamp(double, double, double)"/> to [0, 1] gives it: below 0 gives 0, above 1 gives 1,
    /// anything else itself (NaN stays NaN, −0 stays −0).
    /// </summary>
    static abstract TSelf ClampUnit(TSelf value);

    /// <summary>
    /// Each lane as <see cref="Math.Clamp(double, double, double)"/> gives it for bounds with <paramref name="minimum"/> ≤
    /// <paramref name="maximum"/>: below the minimum gives the minimum, above the maximum the maximum, anything else
    /// itself (NaN stays NaN, a zero keeps its sign).
    /// </summary>
    static abstract TSelf Clamp(TSelf value, TSelf minimum, TSelf maximum);

    /// <summary>Each lane rounded towards zero to an integer.</summary>
    static abstract TSelf Truncate(TSelf value);

    /// <summary>The magnitude of each lane.</summary>
    static abstract TSelf Abs(TSelf value);

    /// <summary>The lanes' bits as 64-bit integers: <paramref name="left"/> plus <paramref name="right"/>.</summary>
    static abstract TSelf AddBits(TSelf left, TSelf right);

    /// <summary>The lanes' bits as 64-bit integers: <paramref name="left"/> minus <paramref name="right"/>.</summary>
    static abstract TSelf SubtractBits(TSelf left, TSelf right);

    /// <summary>The lanes' bits as 64-bit integers shifted left by <paramref name="count"/>.</summary>
    static abstract TSelf ShiftLeftBits(TSelf value, int count);

    /// <summary>The lanes' bits as 64-bit integers shifted right by <paramref name="count"/>, the sign kept.</summary>
    static abstract TSelf ShiftRightArithmeticBits(TSelf value, int count);
}

/// <summary><see cref="Vector{T}"/> of doubles: the machine's preferred width (128 or 256 bits).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct VectorLanes : ILanes<VectorLanes>
{
    /// <summary>The lanes.</summary>
    public readonly Vector<double> Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public VectorLanes(Vector<double> value) => Value = value;

    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector<double>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Create(double value) => new(new Vector<double>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes CreateBits(long bits) => new(Vector.AsVectorDouble(new Vector<long>(bits)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Load(ref double source, nuint offset) => new(Vector.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => Value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator +(VectorLanes left, VectorLanes right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator -(VectorLanes left, VectorLanes right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator *(VectorLanes left, VectorLanes right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator /(VectorLanes left, VectorLanes right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator &(VectorLanes left, VectorLanes right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator |(VectorLanes left, VectorLanes right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator ^(VectorLanes left, VectorLanes right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator ~(VectorLanes value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Equal(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.Equals(left.Value, right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes LessThan(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.LessThan(left.Value, right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes LessThanOrEqual(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.LessThanOrEqual(left.Value, right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes GreaterThan(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.GreaterThan(left.Value, right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes GreaterThanOrEqual(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.GreaterThanOrEqual(left.Value, right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Select(VectorLanes mask, VectorLanes whenTrue, VectorLanes whenFalse) => new(Vector.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Min(VectorLanes left, VectorLanes right) => new(Vector.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Max(VectorLanes left, VectorLanes right) => new(Vector.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes ClampUnit(VectorLanes value) => Clamp(value, new(Vector<double>.Zero), new(Vector<double>.One));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Clamp(VectorLanes value, VectorLanes minimum, VectorLanes maximum)
    {
        if (Avx.IsSupported && Vector<double>.Count == Vector256<double>.Count)
        {
            // vmaxpd/vminpd give their first operand only where it compares greater/less, else the second: the clamp's two tests.
            var clamped = Avx.Min(maximum.Value.AsVector256(), Avx.Max(minimum.Value.AsVector256(), value.Value.AsVector256()));
            return new(clamped.AsVector());
        }

        return ClampByComparison(value, minimum, maximum);
    }

    /// <summary><see cref="Clamp"/> by its two comparisons, for any width and instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static VectorLanes ClampByComparison(VectorLanes value, VectorLanes minimum, VectorLanes maximum)
    {
        var low = Vector.ConditionalSelect(Vector.LessThan(value.Value, minimum.Value), minimum.Value, value.Value);
        return new(Vector.ConditionalSelect(Vector.GreaterThan(value.Value, maximum.Value), maximum.Value, low));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Truncate(VectorLanes value)
    {
#if NET9_0_OR_GREATER
        return new(Vector.Truncate(value.Value));
#else
        return TruncateByComparison(value);
#endif
    }

    /// <summary><see cref="Truncate"/> as the floor of non-negative lanes and the ceiling of negative ones, for any width and instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static VectorLanes TruncateByComparison(VectorLanes value) =>
        new(Vector.ConditionalSelect(Vector.LessThan(value.Value, Vector<double>.Zero), Vector.Ceiling(value.Value), Vector.Floor(value.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Abs(VectorLanes value) => new(Vector.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes AddBits(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.AsVectorInt64(left.Value) + Vector.AsVectorInt64(right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes SubtractBits(VectorLanes left, VectorLanes right) => new(Vector.AsVectorDouble(Vector.AsVectorInt64(left.Value) - Vector.AsVectorInt64(right.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes ShiftLeftBits(VectorLanes value, int count) => new(Vector.AsVectorDouble(Vector.ShiftLeft(Vector.AsVectorInt64(value.Value), count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes ShiftRightArithmeticBits(VectorLanes value, int count) => new(Vector.AsVectorDouble(Vector.ShiftRightArithmetic(Vector.AsVectorInt64(value.Value), count)));
}

/// <summary><see cref="Vector512{T}"/> of doubles: eight lanes, used where <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Vector512Lanes : ILanes<Vector512Lanes>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<double> Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512Lanes(Vector512<double> value) => Value = value;

    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<double>.Count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes CreateBits(long bits) => new(Vector512.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Load(ref double source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint offset) => Value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator +(Vector512Lanes left, Vector512Lanes right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator -(Vector512Lanes left, Vector512Lanes right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator *(Vector512Lanes left, Vector512Lanes right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator /(Vector512Lanes left, Vector512Lanes right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator &(Vector512Lanes left, Vector512Lanes right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator |(Vector512Lanes left, Vector512Lanes right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator ^(Vector512Lanes left, Vector512Lanes right) => new(left.Value ^ right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator ~(Vector512Lanes value) => new(~value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Equal(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes LessThan(Vector512Lanes left, Vector512Lanes right) => new(Vector512.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes LessThanOrEqual(Vector512Lanes left, Vector512Lanes right) => new(Vector512.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes GreaterThan(Vector512Lanes left, Vector512Lanes right) => new(Vector512.GreaterThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes GreaterThanOrEqual(Vector512Lanes left, Vector512Lanes right) => new(Vector512.GreaterThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Select(Vector512Lanes mask, Vector512Lanes whenTrue, Vector512Lanes whenFalse) => new(Vector512.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Min(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Max(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes ClampUnit(Vector512Lanes value) => Clamp(value, new(Vector512<double>.Zero), new(Vector512<double>.One));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Clamp(Vector512Lanes value, Vector512Lanes minimum, Vector512Lanes maximum)
    {
        if (Avx512F.IsSupported)
        {
            // vmaxpd/vminpd give their first operand only where it compares greater/less, else the second: the clamp's two tests.
            return new(Avx512F.Min(maximum.Value, Avx512F.Max(minimum.Value, value.Value)));
        }

        return ClampByComparison(value, minimum, maximum);
    }

    /// <summary><see cref="Clamp"/> by its two comparisons, for any instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512Lanes ClampByComparison(Vector512Lanes value, Vector512Lanes minimum, Vector512Lanes maximum)
    {
        var low = Vector512.ConditionalSelect(Vector512.LessThan(value.Value, minimum.Value), minimum.Value, value.Value);
        return new(Vector512.ConditionalSelect(Vector512.GreaterThan(value.Value, maximum.Value), maximum.Value, low));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Truncate(Vector512Lanes value)
    {
#if NET9_0_OR_GREATER
        return new(Vector512.Truncate(value.Value));
#else
        return TruncateByComparison(value);
#endif
    }

    /// <summary><see cref="Truncate"/> as the floor of non-negative lanes and the ceiling of negative ones, for any instruction set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512Lanes TruncateByComparison(Vector512Lanes value) =>
        new(Vector512.ConditionalSelect(Vector512.LessThan(value.Value, Vector512<double>.Zero), Vector512.Ceiling(value.Value), Vector512.Floor(value.Value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Abs(Vector512Lanes value) => new(Vector512.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes AddBits(Vector512Lanes left, Vector512Lanes right) => new((left.Value.AsInt64() + right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes SubtractBits(Vector512Lanes left, Vector512Lanes right) => new((left.Value.AsInt64() - right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes ShiftLeftBits(Vector512Lanes value, int count) => new(Vector512.ShiftLeft(value.Value.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes ShiftRightArithmeticBits(Vector512Lanes value, int count) => new(Vector512.ShiftRightArithmetic(value.Value.AsInt64(), count).AsDouble());
}
