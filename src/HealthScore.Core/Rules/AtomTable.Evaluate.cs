using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HealthScore.Core.Rules;

internal sealed partial class AtomTable
{
    /// <summary>Evaluates every atom for one account; bit i is set when atom i holds.</summary>
    [SkipLocalsInit]
    public ulong Evaluate(in RuleContext context)
    {
        Span<double> values = stackalloc double[_valueOps.Length];
        return Evaluate(context, values);
    }

    /// <summary>
    /// Evaluates every atom for one account; bit i is set when atom i holds. Leaves every value the table computed
    /// in <paramref name="values"/> (at least <see cref="ValueCount"/> long), each slot's where <see cref="ValueOf"/> says.
    /// </summary>
    [SkipLocalsInit]
    public ulong Evaluate(in RuleContext context, Span<double> values)
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
        for (var s = metricLoads; s < loads && s < kinds.Length && s < indexes.Length && s < slots.Length; s++)
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
        var bits = numeric > 0 ? Numeric(slots, operands, numeric) : 0;
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

    /// <summary>Tests the numeric atoms 0..count-1: interval tests, their complements (<c>!=</c>) and missing tests.</summary>
    [SkipLocalsInit]
    private ulong Numeric(ReadOnlySpan<double> slots, int[] operands, int count)
    {
        var lows = _lows;
        var highs = _highs;
        ulong inside = 0;
        ulong missing = 0;
        if (Vector256.IsHardwareAccelerated && lows.Length <= MaxAtoms && highs.Length == lows.Length && count <= lows.Length && count <= operands.Length)
        {
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
