using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HealthScore.Core.Rules;

internal sealed partial class AtomTable
{
    /// <summary>Evaluates every atom for one account; bit i is set when atom i holds.</summary>
    [SkipLocalsInit]
    public ulong Evaluate(in RuleContext context)
    {
        Span<double> values = stackalloc double[BufferLength];
        return Evaluate(context, values);
    }

    /// <summary>
    /// Evaluates every atom for one account; bit i is set when atom i holds. Leaves every value the table computed
    /// in <paramref name="values"/> (at least <see cref="ValueCount"/> long, <see cref="BufferLength"/> for the fastest
    /// evaluation), each slot's where <see cref="ValueOf"/> says.
    /// </summary>
    [SkipLocalsInit]
    public ulong Evaluate(in RuleContext context, Span<double> values) => Evaluate(context, values, NumericPath.Fastest);

    /// <summary>
    /// Evaluates every atom for one account as <see cref="Evaluate(in RuleContext, Span{double})"/> does, testing the
    /// numeric atoms by the fastest of the ways the machine supports from <paramref name="path"/> on, so that tests can
    /// check every way gives the same bits.
    /// </summary>
    [SkipLocalsInit]
    internal ulong Evaluate(in RuleContext context, Span<double> values, NumericPath path)
    {
        var valueOps = _valueOps;
        var slots = values[..valueOps.Length];
        var kinds = _slotKinds;
        var indexes = _slotIndexes;
        var metrics = context.MetricValues;
        var metricLoads = Math.Min(_metricLoadCount, Math.Min(slots.Length, indexes.Length));
        for (var s = 0; s < metricLoads; s++)
        {
            var index = indexes[s];
            slots[s] = (uint)index < (uint)metrics.Length ? RuleProgram.Finite(metrics[index]) : double.NaN;
        }

        var loads = _loadCount;
        var scalarEnd = _scalarLoadEnd;
        if (scalarEnd > metricLoads)
        {
            LoadScalars(context, slots);
        }

        for (var s = scalarEnd; s < loads && s < kinds.Length && s < indexes.Length && s < slots.Length; s++)
        {
            slots[s] = RuleProgram.LoadInline(context, kinds[s], indexes[s]);
        }

        var lefts = _lefts;
        var rights = _rights;
        for (var s = loads; s < valueOps.Length && s < lefts.Length && s < rights.Length && s < slots.Length; s++)
        {
            var op = valueOps[s];
            slots[s] = op == OpCode.Constant ? _constants[s] : Apply(op, slots[lefts[s]], slots[rights[s]]);
        }

        var ops = _ops;
        var operands = _operands;
        var numeric = _numericCount;
        var bits = numeric > 0 ? Numeric(values, slots, operands, numeric, path) : 0;
        for (var i = numeric; i < ops.Length && i < operands.Length; i++)
        {
            var op = ops[i];
            bool holds;
            if (op < AtomOp.TextEqual)
            {
                var value = slots[operands[i]];
                var low = _lows[i];
                holds = op switch
                {
                    AtomOp.Equal => value == low,
                    AtomOp.NotEqual => value != low && !double.IsNaN(value),
                    AtomOp.Less => value < low,
                    AtomOp.LessEqual => value <= low,
                    AtomOp.Greater => value > low,
                    AtomOp.GreaterEqual => value >= low,
                    AtomOp.Between => low <= value && value <= _highs[i],
                    AtomOp.InSet => Contains(_sets[i]!, value),
                    AtomOp.IsMissing => double.IsNaN(value),
                    _ => value == 1,
                };
            }
            else
            {
                var operand = operands[i];
                var text = (uint)operand < (uint)context.Texts.Length ? context.Texts[operand] : null;
                holds = op switch
                {
                    AtomOp.TextEqual => text is not null && string.Equals(text, _texts[i]![0], StringComparison.Ordinal),
                    AtomOp.TextNotEqual => text is not null && !string.Equals(text, _texts[i]![0], StringComparison.Ordinal),
                    AtomOp.TextIn => text is not null && ContainsText(_texts[i]!, text),
                    _ => text is null,
                };
            }

            bits |= (holds ? 1UL : 0UL) << i;
        }

        return bits ^ _negated;
    }

    /// <summary>
    /// Loads the account's own facts the table tests, each into its slot: the same operations as
    /// <see cref="RuleProgram.LoadInline"/>, in a fixed sequence of tests instead of a switch per slot.
    /// </summary>
    private void LoadScalars(in RuleContext context, Span<double> slots)
    {
        ref readonly var result = ref context.CurrentResult;
        ref readonly var previousBox = ref context.PreviousResult;
        ref readonly var previous = ref Nullable.GetValueRefOrDefaultRef(in previousBox);
        var at = _scalarSlots;
        if (at.Length <= (int)LastScalar)
        {
            return;
        }

        if (at[(int)SlotKind.Score] is var score and >= 0)
        {
            slots[score] = result.Score is { } value ? RuleProgram.Finite(value) : double.NaN;
        }

        if (at[(int)SlotKind.Band] is var band and >= 0)
        {
            slots[band] = result.Band is { } value ? value.Index : double.NaN;
        }

        if (at[(int)SlotKind.Phase] is var phase and >= 0)
        {
            slots[phase] = result.Phase is { } value ? value.Index : double.NaN;
        }

        if (at[(int)SlotKind.Coverage] is var coverage and >= 0)
        {
            slots[coverage] = result.Band is null ? double.NaN : RuleProgram.Finite(result.Coverage);
        }

        if (at[(int)SlotKind.PreviousScore] is var previousScore and >= 0)
        {
            slots[previousScore] = previousBox.HasValue && previous.Score is { } value ? RuleProgram.Finite(value) : double.NaN;
        }

        if (at[(int)SlotKind.PreviousBand] is var previousBand and >= 0)
        {
            slots[previousBand] = previousBox.HasValue && previous.Band is { } value ? value.Index : double.NaN;
        }

        if (at[(int)SlotKind.Delta] is var delta and >= 0)
        {
            slots[delta] = RuleProgram.LoadInline(context, SlotKind.Delta, 0);
        }

        if (at[(int)SlotKind.BandChanged] is var bandChanged and >= 0)
        {
            slots[bandChanged] = RuleProgram.LoadInline(context, SlotKind.BandChanged, 0);
        }

        if (at[(int)SlotKind.PhaseChanged] is var phaseChanged and >= 0)
        {
            slots[phaseChanged] = RuleProgram.LoadInline(context, SlotKind.PhaseChanged, 0);
        }

        if (at[(int)SlotKind.DaysInPhase] is var daysInPhase and >= 0)
        {
            slots[daysInPhase] = context.DaysInPhase is { } value ? RuleProgram.Finite(value) : double.NaN;
        }

        if (at[(int)SlotKind.TenureDays] is var tenure and >= 0)
        {
            slots[tenure] = context.TenureDays is { } value ? RuleProgram.Finite(value) : double.NaN;
        }

        if (at[(int)SlotKind.DaysToRenewal] is var renewal and >= 0)
        {
            slots[renewal] = context.DaysToRenewal is { } value ? RuleProgram.Finite(value) : double.NaN;
        }
    }

    /// <summary>Tests the numeric atoms 0..count-1: interval tests, their complements (<c>!=</c>) and missing tests.</summary>
    /// <param name="buffer">The whole values buffer: the slots, then perhaps padding up to <see cref="BufferLength"/>.</param>
    /// <param name="slots">The slots.</param>
    /// <param name="operands">Each atom's operand slot.</param>
    /// <param name="count">How many numeric atoms.</param>
    /// <param name="path">The fastest way to consider.</param>
    private unsafe ulong Numeric(ReadOnlySpan<double> buffer, ReadOnlySpan<double> slots, int[] operands, int count, NumericPath path)
    {
        var lows = _lows;
        var highs = _highs;
        var gathered = _numericOperands;
        var permuted = _permuteOperands;
        ulong inside = 0;
        ulong missing = 0;
        if (path == NumericPath.Fastest && Avx512F.IsSupported && buffer.Length >= PermuteSlots && slots.Length <= PermuteSlots && lows.Length <= MaxAtoms && highs.Length == lows.Length && permuted.Length == lows.Length && count <= lows.Length)
        {
            // Every operand is a slot below 16: each vector of eight is one permute of the two registers that hold
            // the slots (the padding past the slots is never selected).
            ref var value = ref MemoryMarshal.GetReference(buffer);
            var lower = Vector512.LoadUnsafe(ref value);
            var upper = Vector512.LoadUnsafe(ref value, (nuint)Vector512<double>.Count);
            ref var index = ref MemoryMarshal.GetArrayDataReference(permuted);
            ref var low = ref MemoryMarshal.GetArrayDataReference(lows);
            ref var high = ref MemoryMarshal.GetArrayDataReference(highs);
            for (var i = 0; i < count; i += Vector512<double>.Count)
            {
                var offset = (nuint)i;
                var v = Avx512F.PermuteVar8x64x2(lower, Vector512.LoadUnsafe(ref index, offset), upper);
                var held = Vector512.GreaterThanOrEqual(v, Vector512.LoadUnsafe(ref low, offset)) & Vector512.LessThanOrEqual(v, Vector512.LoadUnsafe(ref high, offset));
                inside |= held.ExtractMostSignificantBits() << i;
                missing |= (~Vector512.Equals(v, v)).ExtractMostSignificantBits() << i;
            }
        }
        else if (path <= NumericPath.Gather && Avx2.IsSupported && lows.Length <= MaxAtoms && highs.Length == lows.Length && gathered.Length == lows.Length && count <= lows.Length && count <= operands.Length && !slots.IsEmpty)
        {
            // Each vector of operands is gathered straight from the slots (every index, padding included, is a slot):
            // no copy into a buffer, whose 8-byte stores the 32-byte loads after them could not forward from.
            ref var low = ref MemoryMarshal.GetArrayDataReference(lows);
            ref var high = ref MemoryMarshal.GetArrayDataReference(highs);
            fixed (double* values = slots)
            fixed (int* indexes = gathered)
            {
                for (var i = 0; i < count; i += Vector256<double>.Count)
                {
                    var offset = (nuint)i;
                    var v = Avx2.GatherVector256(values, Sse2.LoadVector128(indexes + i), sizeof(double));
                    var held = Vector256.GreaterThanOrEqual(v, Vector256.LoadUnsafe(ref low, offset)) & Vector256.LessThanOrEqual(v, Vector256.LoadUnsafe(ref high, offset));
                    inside |= (ulong)held.ExtractMostSignificantBits() << i;
                    missing |= (ulong)(~Vector256.Equals(v, v)).ExtractMostSignificantBits() << i;
                }
            }
        }
        else if (path <= NumericPath.Copy && Vector256.IsHardwareAccelerated && lows.Length <= MaxAtoms && highs.Length == lows.Length && count <= lows.Length && count <= operands.Length)
        {
            (inside, missing) = Copied(slots, operands, count);
        }
        else
        {
            for (var i = 0; i < count && i < operands.Length && i < lows.Length && i < highs.Length; i++)
            {
                var value = slots[operands[i]];
                inside |= (ulong)((lows[i] <= value ? 1 : 0) & (value <= highs[i] ? 1 : 0)) << i;
                missing |= (double.IsNaN(value) ? 1UL : 0UL) << i;
            }
        }

        // Lanes past count hold whatever the buffer held; the lane masks drop them.
        return (inside & _intervalLanes) | (missing & _missingLanes) | (~inside & ~missing & _notEqualLanes);
    }

    /// <summary>The numeric atoms' tests over their operands copied into a buffer padded to whole vectors (without AVX2).</summary>
    [SkipLocalsInit]
    private (ulong Inside, ulong Missing) Copied(ReadOnlySpan<double> slots, int[] operands, int count)
    {
        var lows = _lows;
        var highs = _highs;
        ulong inside = 0;
        ulong missing = 0;
        Span<double> tested = stackalloc double[MaxAtoms];
        for (var i = 0; i < count; i++)
        {
            tested[i] = slots[operands[i]];
        }

        ref var value = ref MemoryMarshal.GetReference(tested);
        ref var low = ref MemoryMarshal.GetArrayDataReference(lows);
        ref var high = ref MemoryMarshal.GetArrayDataReference(highs);
        for (var i = 0; i < count; i += Vector256<double>.Count)
        {
            var offset = (nuint)i;
            var v = Vector256.LoadUnsafe(ref value, offset);
            var held = Vector256.GreaterThanOrEqual(v, Vector256.LoadUnsafe(ref low, offset)) & Vector256.LessThanOrEqual(v, Vector256.LoadUnsafe(ref high, offset));
            inside |= (ulong)held.ExtractMostSignificantBits() << i;
            missing |= (ulong)(~Vector256.Equals(v, v)).ExtractMostSignificantBits() << i;
        }

        return (inside, missing);
    }

    /// <summary>Gets whether a set holds a value, compared with <c>==</c> as the machine does (a missing value is in no set).</summary>
    internal static bool Contains(double[] set, double value)
    {
        foreach (var item in set)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool ContainsText(string[] set, string value)
    {
        foreach (var item in set)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The ways the atom table tests its numeric atoms, fastest first; each needs what the machine supports.</summary>
internal enum NumericPath
{
    /// <summary>AVX-512, at most <see cref="AtomTable.PermuteSlots"/> values: the operands permuted from two registers.</summary>
    Fastest,

    /// <summary>AVX2: the operands gathered from the values.</summary>
    Gather,

    /// <summary>256-bit vectors: the operands copied into a buffer.</summary>
    Copy,

    /// <summary>One atom at a time.</summary>
    Scalar,
}
