using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HealthScore.Core.Rules;

/// <summary>The test an <see cref="Atom"/> applies to one slot.</summary>
internal enum AtomOp : byte
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Between,
    InSet,
    IsMissing,
    IsTrue,
    TextEqual,
    TextNotEqual,
    TextIn,
    TextIsMissing,
}

/// <summary>
/// One elementary test of a rule that is a conjunction (<c>a &amp;&amp; b &amp;&amp; !c</c>) of such tests: a slot compared
/// with constants. Rules of this shape (most action rules) are evaluated by an <see cref="AtomTable"/>: every
/// distinct test once per account, and each rule as a bit mask over the results.
/// </summary>
internal readonly record struct Atom(SlotKind Kind, int Index, AtomOp Op, double Low, double High, double[]? Set, string[]? Texts, bool Negate)
{
    public bool SameAs(in Atom other) =>
        Kind == other.Kind && Index == other.Index && Op == other.Op && Low.Equals(other.Low) && High.Equals(other.High)
        && Negate == other.Negate && SameItems(Set, other.Set) && SameItems(Texts, other.Texts);

    internal static bool SameItems<T>(T[]? a, T[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}

/// <summary>
/// An atom as an <see cref="AtomTable"/> holds it: the test applied to one of the table's values (a slot, or an
/// expression over slots such as <c>abs(delta)</c>), or, for a text test, to a text field.
/// </summary>
internal readonly record struct TableAtom(int Operand, AtomOp Op, double Low, double High, double[]? Set, string[]? Texts, bool Negate)
{
    public bool IsText => Op >= AtomOp.TextEqual;

    /// <summary>Gets whether both apply the same test to the same operand, whether or not negated.</summary>
    public bool SameTest(in TableAtom other) =>
        Operand == other.Operand && Op == other.Op && Low.Equals(other.Low) && High.Equals(other.High)
        && Atom.SameItems(Set, other.Set) && Atom.SameItems(Texts, other.Texts);

    public bool SameAs(in TableAtom other) => Negate == other.Negate && SameTest(other);
}

/// <summary>
/// A value of an <see cref="AtomTable"/>: a slot (<see cref="OpCode.Load"/>), a constant (its bits, so that 0 and -0
/// stay apart), or an operation of the rule machine over earlier values (<see cref="Left"/>, <see cref="Right"/>).
/// </summary>
internal readonly record struct ValueNode(OpCode Op, SlotKind Kind, int Index, long Bits, int Left, int Right);

/// <summary>
/// The distinct atoms of a set of rules (at most 64), evaluated together for one account into a bit set, over the
/// values they test computed once: every slot loaded once, every expression over slots (<c>abs(delta)</c>,
/// <c>min(a, b)</c>, <c>score - previous_score</c>) computed once. Immutable; evaluation allocates nothing.
/// </summary>
internal sealed class AtomTable
{
    public const int MaxAtoms = 64;

    private readonly OpCode[] _valueOps;
    private readonly SlotKind[] _slotKinds;
    private readonly int[] _slotIndexes;
    private readonly double[] _constants;
    private readonly int[] _lefts;
    private readonly int[] _rights;
    private readonly int _loadCount;

    // The loads of metric values come first: they are read straight from the span, without the general switch.
    private readonly int _metricLoadCount;
    private readonly AtomOp[] _ops;
    private readonly int[] _operands;
    private readonly double[] _lows;
    private readonly double[] _highs;
    private readonly double[]?[] _sets;
    private readonly string[]?[] _texts;
    private readonly ulong _negated;

    // The first atoms are numeric tests that are an interval test, its complement, or the missing test; they are
    // tested a vector at a time over their operands gathered into a buffer padded to whole vectors.
    private readonly int _numericCount;
    private readonly ulong _intervalLanes;
    private readonly ulong _missingLanes;
    private readonly ulong _notEqualLanes;
    private readonly (SlotKind Kind, int Index, int Value)[] _loadsBySlot;

    internal AtomTable(List<TableAtom> atoms, List<ValueNode> values, IReadOnlyCollection<int>? keep = null)
    {
        // Keep the values the atoms test (and those the caller asks for) and what those are computed from; loads
        // first, metric loads before the others, then the rest in order (every value comes after its operands).
        var used = new bool[values.Count];
        foreach (var atom in atoms)
        {
            if (!atom.IsText)
            {
                used[atom.Operand] = true;
            }
        }

        foreach (var value in keep ?? [])
        {
            used[value] = true;
        }

        for (var v = values.Count - 1; v >= 0; v--)
        {
            if (used[v] && values[v].Op is not (OpCode.Load or OpCode.Constant))
            {
                used[values[v].Left] = true;
                used[values[v].Right] = true;
            }
        }

        var slot = new int[values.Count];
        var kept = new List<int>();
        for (var pass = 0; pass < 3; pass++)
        {
            for (var v = 0; v < values.Count; v++)
            {
                var wanted = pass switch
                {
                    0 => values[v].Op == OpCode.Load && values[v].Kind == SlotKind.Metric,
                    1 => values[v].Op == OpCode.Load && values[v].Kind != SlotKind.Metric,
                    _ => values[v].Op != OpCode.Load,
                };
                if (used[v] && wanted)
                {
                    slot[v] = kept.Count;
                    kept.Add(v);
                }
            }

            if (pass == 0)
            {
                _metricLoadCount = kept.Count;
            }
            else if (pass == 1)
            {
                _loadCount = kept.Count;
            }
        }

        _valueOps = new OpCode[kept.Count];
        _slotKinds = new SlotKind[kept.Count];
        _slotIndexes = new int[kept.Count];
        _constants = new double[kept.Count];
        _lefts = new int[kept.Count];
        _rights = new int[kept.Count];
        var loadsBySlot = new List<(SlotKind Kind, int Index, int Value)>();
        for (var s = 0; s < kept.Count; s++)
        {
            var node = values[kept[s]];
            _valueOps[s] = node.Op;
            _slotKinds[s] = node.Kind;
            _slotIndexes[s] = node.Index;
            _constants[s] = BitConverter.Int64BitsToDouble(node.Bits);
            _lefts[s] = node.Left >= 0 ? slot[node.Left] : 0;
            _rights[s] = node.Right >= 0 ? slot[node.Right] : 0;
            if (node.Op == OpCode.Load)
            {
                loadsBySlot.Add((node.Kind, node.Index, s));
            }
        }

        _loadsBySlot = [.. loadsBySlot];
        _ops = new AtomOp[atoms.Count];
        _operands = new int[atoms.Count];
        var padded = (atoms.Count + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
        _lows = new double[padded];
        _highs = new double[padded];
        _sets = new double[]?[atoms.Count];
        _texts = new string[]?[atoms.Count];
        for (var i = 0; i < atoms.Count; i++)
        {
            var atom = atoms[i];
            _ops[i] = atom.Op;
            (_lows[i], _highs[i]) = atom.Op switch
            {
                // Every interval test is low <= value <= high, which is false for a missing (NaN) value; != is the
                // complement of the equality interval for a value that is not missing.
                AtomOp.Equal or AtomOp.NotEqual => (atom.Low, atom.Low),
                AtomOp.Less => (double.NegativeInfinity, Math.BitDecrement(atom.Low)),
                AtomOp.LessEqual => (double.NegativeInfinity, atom.Low),
                AtomOp.Greater => (Math.BitIncrement(atom.Low), double.PositiveInfinity),
                AtomOp.GreaterEqual => (atom.Low, double.PositiveInfinity),
                AtomOp.IsTrue => (1, 1),
                _ => (atom.Low, atom.High),
            };
            if (IsNumeric(atom.Op) && i == _numericCount)
            {
                _numericCount = i + 1;
                if (atom.Op == AtomOp.IsMissing)
                {
                    _missingLanes |= 1UL << i;
                }
                else if (atom.Op == AtomOp.NotEqual)
                {
                    _notEqualLanes |= 1UL << i;
                }
                else
                {
                    _intervalLanes |= 1UL << i;
                }
            }

            _sets[i] = atom.Set;
            _texts[i] = atom.Texts;
            if (atom.Negate)
            {
                _negated |= 1UL << i;
            }

            _operands[i] = atom.IsText ? atom.Operand : slot[atom.Operand];
        }
    }

    /// <summary>Gets how many values a buffer passed to <see cref="Evaluate(in RuleContext, Span{double})"/> must hold.</summary>
    public int ValueCount => _valueOps.Length;

    /// <summary>Gets where <see cref="Evaluate(in RuleContext, Span{double})"/> leaves the value of a slot, or -1 when the table does not load it.</summary>
    public int ValueOf(SlotKind kind, int index)
    {
        foreach (var load in _loadsBySlot)
        {
            if (load.Kind == kind && load.Index == index)
            {
                return load.Value;
            }
        }

        return -1;
    }

    public int Count => _ops.Length;

    /// <summary>Builds the table for the conjunctions that fit; returns each rule's mask, or 0 for a rule evaluated by its program.</summary>
    public static AtomTable Build(IReadOnlyList<RuleProgram> programs, out ulong[] masks)
    {
        var builder = new AtomTableBuilder();
        masks = new ulong[programs.Count];
        for (var r = 0; r < programs.Count; r++)
        {
            var conjunction = programs[r].Conjunction;
            if (conjunction is null || conjunction.Length == 0)
            {
                continue;
            }

            var term = new List<TableAtom>(conjunction.Length);
            foreach (var atom in conjunction)
            {
                var operand = atom.Kind == SlotKind.Text ? atom.Index : builder.Load(atom.Kind, atom.Index);
                term.Add(new TableAtom(operand, atom.Op, atom.Low, atom.High, atom.Set, atom.Texts, atom.Negate));
            }

            if (builder.TryAdd([term], out var termMasks))
            {
                masks[r] = termMasks[0];
            }
        }

        var table = builder.Build(out var position);
        for (var r = 0; r < masks.Length; r++)
        {
            masks[r] = AtomTableBuilder.Remap(masks[r], position);
        }

        return table;
    }

    /// <summary>
    /// Builds the table for every rule that can be taken apart into atoms (<see cref="RuleForms"/>) and fits: each
    /// rule's terms, the rule holding when for one of them <c>(bits &amp; mask) == mask</c> (no term: never; a mask of
    /// 0: always), or null for a rule evaluated by its program.
    /// </summary>
    public static AtomTable BuildTerms(IReadOnlyList<RuleProgram> programs, out ulong[]?[] terms) => BuildTerms(programs, null, out terms);

    /// <summary>Builds the table as <see cref="BuildTerms(IReadOnlyList{RuleProgram}, out ulong[][])"/> does, loading some slots as well.</summary>
    /// <param name="programs">The rules.</param>
    /// <param name="loads">Slots the table loads as well, whether or not an atom tests them (see <see cref="ValueOf"/>).</param>
    /// <param name="terms">Each rule's terms, or null.</param>
    public static AtomTable BuildTerms(IReadOnlyList<RuleProgram> programs, IReadOnlyList<RuleSlot>? loads, out ulong[]?[] terms)
    {
        var builder = new AtomTableBuilder();
        terms = new ulong[]?[programs.Count];
        for (var r = 0; r < programs.Count; r++)
        {
            if (RuleForms.Terms(programs[r], builder) is { } forms && builder.TryAdd(forms, out var masks))
            {
                terms[r] = masks;
            }
        }

        var keep = new List<int>();
        foreach (var load in loads ?? [])
        {
            if (builder.Load(load.Kind, load.Index) is var value and >= 0)
            {
                keep.Add(value);
            }
        }

        var table = builder.Build(out var position, keep);
        foreach (var masks in terms)
        {
            for (var t = 0; masks is not null && t < masks.Length; t++)
            {
                masks[t] = AtomTableBuilder.Remap(masks[t], position);
            }
        }

        return table;
    }

    internal static bool IsRange(AtomOp op) => op is AtomOp.Equal or AtomOp.Less or AtomOp.LessEqual or AtomOp.Greater
        or AtomOp.GreaterEqual or AtomOp.Between or AtomOp.IsTrue;

    /// <summary>Gets whether a test is one of those <see cref="Numeric"/> evaluates: an interval, its complement, or missing.</summary>
    internal static bool IsNumeric(AtomOp op) => IsRange(op) || op is AtomOp.NotEqual or AtomOp.IsMissing;

    /// <summary>Applies an operation of the rule machine to one or two values, exactly as the machine does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Apply(OpCode op, double a, double b) => op switch
    {
        OpCode.Negate => -a,
        OpCode.Abs => Math.Abs(a),
        OpCode.Min => Math.Min(a, b),
        OpCode.Max => Math.Max(a, b),
        OpCode.Add => RuleProgram.Finite(a + b),
        OpCode.Subtract => RuleProgram.Finite(a - b),
        OpCode.Multiply => RuleProgram.Finite(a * b),
        OpCode.Divide => RuleProgram.Finite(a / b),
        OpCode.Remainder => RuleProgram.Finite(a % b),
        OpCode.Equal => a == b ? 1 : 0,
        OpCode.NotEqual => !double.IsNaN(a) && !double.IsNaN(b) && a != b ? 1 : 0,
        OpCode.Less => a < b ? 1 : 0,
        OpCode.LessEqual => a <= b ? 1 : 0,
        OpCode.Greater => a > b ? 1 : 0,
        OpCode.GreaterEqual => a >= b ? 1 : 0,
        _ => double.NaN,
    };

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
/// <summary>
/// Collects the values and distinct atoms of a set of rules for an <see cref="AtomTable"/>: values are shared
/// (each slot loaded once, each expression over slots computed once), and so are atoms.
/// </summary>
internal sealed class AtomTableBuilder
{
    /// <summary>At most this many values; a rule that needs more is left to its program.</summary>
    public const int MaxValues = 1024;

    private readonly List<ValueNode> _values = [];
    private readonly Dictionary<ValueNode, int> _valueIds = [];
    private readonly List<TableAtom> _atoms = [];

    public int AtomCount => _atoms.Count;

    /// <summary>Gets the value that loads a slot, or -1 when there are too many values.</summary>
    public int Load(SlotKind kind, int index) => Intern(new ValueNode(OpCode.Load, kind, index, 0, -1, -1));

    /// <summary>Gets the value that is a constant, or -1 when there are too many values.</summary>
    public int Constant(double value) => Intern(new ValueNode(OpCode.Constant, default, 0, BitConverter.DoubleToInt64Bits(value), -1, -1));

    /// <summary>Gets whether a value is a constant, and which.</summary>
    public bool IsConstant(int value, out double constant)
    {
        var node = _values[value];
        constant = BitConverter.Int64BitsToDouble(node.Bits);
        return node.Op == OpCode.Constant;
    }

    /// <summary>Gets the value of an operation over two values (the same value twice for one operand); constants fold.</summary>
    public int Apply(OpCode op, int left, int right)
    {
        if (left < 0 || right < 0)
        {
            return -1;
        }

        return IsConstant(left, out var a) && IsConstant(right, out var b)
            ? Constant(AtomTable.Apply(op, a, b))
            : Intern(new ValueNode(op, default, 0, 0, left, right));
    }

    /// <summary>
    /// Adds the atoms of a rule that holds when one of its terms (conjunctions of atoms) holds, and gets each term's
    /// mask; false, adding nothing, when the table cannot hold them all.
    /// </summary>
    public bool TryAdd(List<List<TableAtom>> terms, out ulong[] masks)
    {
        var before = _atoms.Count;
        masks = new ulong[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            foreach (var atom in terms[t])
            {
                var index = _atoms.FindIndex(a => a.SameAs(atom));
                if (index < 0)
                {
                    index = _atoms.Count;
                    _atoms.Add(atom);
                }

                if (index >= AtomTable.MaxAtoms)
                {
                    _atoms.RemoveRange(before, _atoms.Count - before);
                    masks = [];
                    return false;
                }

                masks[t] |= 1UL << index;
            }
        }

        return true;
    }

    /// <summary>Builds the table; <paramref name="position"/> gives each atom's bit in it, for <see cref="Remap"/>.</summary>
    public AtomTable Build(out int[] position, IReadOnlyCollection<int>? keep = null)
    {
        // Numeric tests first (evaluated a vector at a time), then the others grouped by kind.
        var order = new int[_atoms.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => Rank(_atoms[a]) != Rank(_atoms[b]) ? Rank(_atoms[a]).CompareTo(Rank(_atoms[b])) : a.CompareTo(b));
        position = new int[_atoms.Count];
        var sorted = new List<TableAtom>(_atoms.Count);
        for (var i = 0; i < order.Length; i++)
        {
            position[order[i]] = i;
            sorted.Add(_atoms[order[i]]);
        }

        return new AtomTable(sorted, _values, keep);
    }

    /// <summary>Moves each bit of a mask to the position <see cref="Build"/> gave its atom.</summary>
    public static ulong Remap(ulong mask, int[] position)
    {
        var remapped = 0UL;
        for (var bit = 0; bit < position.Length; bit++)
        {
            if ((mask & (1UL << bit)) != 0)
            {
                remapped |= 1UL << position[bit];
            }
        }

        return remapped;
    }

    private static int Rank(in TableAtom atom) => AtomTable.IsNumeric(atom.Op) ? -1 : (int)atom.Op;

    private int Intern(ValueNode node)
    {
        if (_valueIds.TryGetValue(node, out var id))
        {
            return id;
        }

        if (_values.Count >= MaxValues)
        {
            return -1;
        }

        id = _values.Count;
        _values.Add(node);
        _valueIds.Add(node, id);
        return id;
    }
}

/// <summary>
/// Takes a compiled rule apart into atoms: reads its program back into a condition over elementary tests, and
/// writes that as terms (conjunctions of atoms, the rule holding when one of them does). Every step keeps the
/// machine's semantics exactly: a value is true when it is 1, a missing (NaN) value fails every comparison but
/// <c>!=</c>'s own check, and arithmetic turns anything not finite into missing.
/// </summary>
internal static class RuleForms
{
    /// <summary>A rule that needs more terms than this is left to its program.</summary>
    public const int MaxTerms = 16;

    /// <summary>Gets the rule's terms, its values added to <paramref name="builder"/>; null when it cannot be taken apart.</summary>
    public static List<List<TableAtom>>? Terms(RuleProgram program, AtomTableBuilder builder)
    {
        var stack = new List<Entry>();
        if (!Run(program, builder, 0, program.Code.Length, stack) || stack.Count != 1 || AsCondition(builder, stack[0]) is not { } condition)
        {
            return null;
        }

        var terms = Expand(condition, false);
        if (terms is null)
        {
            return null;
        }

        // A term testing an atom and its negation never holds; an empty term always does.
        terms.RemoveAll(static term =>
        {
            for (var i = 0; i < term.Count; i++)
            {
                for (var j = i + 1; j < term.Count; j++)
                {
                    if (term[i].Negate != term[j].Negate && term[i].SameTest(term[j]))
                    {
                        return true;
                    }
                }
            }

            return false;
        });
        return terms.Exists(static term => term.Count == 0) ? [[]] : terms;
    }

    private static bool Run(RuleProgram program, AtomTableBuilder builder, int from, int to, List<Entry> stack)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }

        var code = program.Code;
        var numbers = program.Numbers;
        var strings = program.Strings;
        for (var pc = from; pc < to; pc++)
        {
            var instruction = code[pc];
            switch (instruction.Op)
            {
                case OpCode.Constant:
                    if ((uint)instruction.A >= (uint)numbers.Length)
                    {
                        return false;
                    }

                    stack.Add(new Entry(builder.Constant(numbers[instruction.A]), null));
                    break;
                case OpCode.Load:
                    stack.Add(new Entry(builder.Load((SlotKind)instruction.A, instruction.B), null));
                    break;
                case OpCode.Not:
                    if (!Pop(stack, out var negated) || AsCondition(builder, negated) is not { } operand)
                    {
                        return false;
                    }

                    stack.Add(new Entry(-1, new Negation(operand)));
                    break;
                case OpCode.Negate or OpCode.Abs:
                    {
                        if (!PopValue(stack, out var value))
                        {
                            return false;
                        }

                        stack.Add(new Entry(builder.Apply(instruction.Op, value, value), null));
                        break;
                    }

                case OpCode.Add or OpCode.Subtract or OpCode.Multiply or OpCode.Divide or OpCode.Remainder:
                    {
                        if (!PopValue(stack, out var right) || !PopValue(stack, out var left))
                        {
                            return false;
                        }

                        stack.Add(new Entry(builder.Apply(instruction.Op, left, right), null));
                        break;
                    }

                case OpCode.Min or OpCode.Max:
                    {
                        var count = instruction.A;
                        if (count < 1 || count > stack.Count)
                        {
                            return false;
                        }

                        // The machine folds from the left: min(min(a, b), c).
                        var first = stack.Count - count;
                        var result = stack[first].Value;
                        for (var i = first + 1; i < stack.Count && result >= 0; i++)
                        {
                            result = stack[i].Condition is null ? builder.Apply(instruction.Op, result, stack[i].Value) : -1;
                        }

                        if (result < 0 || stack[first].Condition is not null)
                        {
                            return false;
                        }

                        stack.RemoveRange(first, count);
                        stack.Add(new Entry(result, null));
                        break;
                    }

                case OpCode.Equal or OpCode.NotEqual or OpCode.Less or OpCode.LessEqual or OpCode.Greater or OpCode.GreaterEqual:
                    {
                        if (!PopValue(stack, out var right) || !PopValue(stack, out var left) || Compare(builder, instruction.Op, left, right) is not { } comparison)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, comparison));
                        break;
                    }

                case OpCode.IsMissing:
                    {
                        if (!PopValue(stack, out var value))
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, builder.IsConstant(value, out var constant)
                            ? new Fixed(double.IsNaN(constant))
                            : new Literal(new TableAtom(value, AtomOp.IsMissing, 0, 0, null, null, false))));
                        break;
                    }

                case OpCode.InSet:
                    {
                        if (!PopValue(stack, out var value) || instruction.A < 0 || instruction.B < 0 || instruction.A + instruction.B > numbers.Length)
                        {
                            return false;
                        }

                        var set = numbers.Slice(instruction.A, instruction.B).ToArray();
                        stack.Add(new Entry(-1, builder.IsConstant(value, out var constant)
                            ? new Fixed(AtomTable.Contains(set, constant))
                            : new Literal(new TableAtom(value, AtomOp.InSet, 0, 0, set, null, false))));
                        break;
                    }

                case OpCode.Between:
                    {
                        if (!PopValue(stack, out var high) || !PopValue(stack, out var low) || !PopValue(stack, out var value))
                        {
                            return false;
                        }

                        if (!builder.IsConstant(value, out _) && builder.IsConstant(low, out var lowest) && builder.IsConstant(high, out var highest))
                        {
                            stack.Add(new Entry(-1, new Literal(new TableAtom(value, AtomOp.Between, lowest, highest, null, null, false))));
                            break;
                        }

                        // low <= value && value <= high, as the machine tests it.
                        if (Compare(builder, OpCode.LessEqual, low, value) is not { } above || Compare(builder, OpCode.LessEqual, value, high) is not { } below)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, Junction.Of(true, above, below)));
                        break;
                    }

                case OpCode.JumpIfFalseElsePop or OpCode.JumpIfTrueElsePop:
                    {
                        // The right operand runs from here to the jump's target; the machine keeps the left's value
                        // when it decides, which is then true exactly when the left is.
                        var target = instruction.A;
                        if (target <= pc || target > to || !Pop(stack, out var leftEntry) || AsCondition(builder, leftEntry) is not { } left)
                        {
                            return false;
                        }

                        var depth = stack.Count;
                        if (!Run(program, builder, pc + 1, target, stack) || stack.Count != depth + 1 || !Pop(stack, out var rightEntry)
                            || AsCondition(builder, rightEntry) is not { } right)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, Junction.Of(instruction.Op == OpCode.JumpIfFalseElsePop, left, right)));
                        pc = target - 1;
                        break;
                    }

                case OpCode.TextEqual or OpCode.TextNotEqual:
                    {
                        var equal = instruction.Op == OpCode.TextEqual;
                        var (left, right) = (instruction.A, instruction.B);
                        if (left < 0 && right < 0)
                        {
                            if (~left >= strings.Length || ~right >= strings.Length)
                            {
                                return false;
                            }

                            stack.Add(new Entry(-1, new Fixed(string.Equals(strings[~left], strings[~right], StringComparison.Ordinal) == equal)));
                            break;
                        }

                        var (field, literal) = left >= 0 ? (left, right) : (right, left);
                        if (literal >= 0 || ~literal >= strings.Length)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, new Literal(new TableAtom(field, equal ? AtomOp.TextEqual : AtomOp.TextNotEqual, 0, 0, null, [strings[~literal]], false))));
                        break;
                    }

                case OpCode.TextIn:
                    {
                        if (pc + 1 >= to)
                        {
                            return false;
                        }

                        var count = code[++pc].A;
                        var start = instruction.B;
                        if (count < 0 || start < 0 || start + count > strings.Length)
                        {
                            return false;
                        }

                        var items = strings.Slice(start, count).ToArray();
                        if (instruction.A < 0)
                        {
                            if (~instruction.A >= strings.Length)
                            {
                                return false;
                            }

                            stack.Add(new Entry(-1, new Fixed(AtomTable.ContainsText(items, strings[~instruction.A]))));
                            break;
                        }

                        stack.Add(new Entry(-1, new Literal(new TableAtom(instruction.A, AtomOp.TextIn, 0, 0, null, items, false))));
                        break;
                    }

                case OpCode.TextIsMissing:
                    if (instruction.A < 0)
                    {
                        return false;
                    }

                    stack.Add(new Entry(-1, new Literal(new TableAtom(instruction.A, AtomOp.TextIsMissing, 0, 0, null, null, false))));
                    break;
                default:
                    return false;
            }

            if (stack.Count > 0 && stack[^1] is { Value: < 0, Condition: null })
            {
                // A value the table had no room for.
                return false;
            }
        }

        return true;
    }

    /// <summary>A comparison: an atom when one side is a constant, else a computed 1/0 value tested for truth.</summary>
    private static Condition? Compare(AtomTableBuilder builder, OpCode op, int left, int right)
    {
        var leftConstant = builder.IsConstant(left, out var a);
        var rightConstant = builder.IsConstant(right, out var b);
        if (leftConstant && rightConstant)
        {
            return new Fixed(AtomTable.Apply(op, a, b) == 1);
        }

        if (leftConstant || rightConstant)
        {
            var (value, constant) = rightConstant ? (left, b) : (right, a);
            // The comparisons come in the same order in both enums. Written constant first (3 < x), the test is
            // mirrored (x > 3).
            var test = (AtomOp)(op - OpCode.Equal);
            if (!rightConstant)
            {
                test = Mirror(test);
            }

            // != against a missing constant never holds. A strict test against an infinite bound is computed as
            // written: the interval form would let an infinite value through.
            if (test == AtomOp.NotEqual && double.IsNaN(constant))
            {
                return new Fixed(false);
            }

            if (!(test is AtomOp.Less or AtomOp.Greater && double.IsInfinity(constant)))
            {
                return new Literal(new TableAtom(value, test, constant, 0, null, null, false));
            }
        }

        var computed = builder.Apply(op, left, right);
        return computed < 0 ? null : new Literal(new TableAtom(computed, AtomOp.IsTrue, 0, 0, null, null, false));
    }

    private static AtomOp Mirror(AtomOp test) => test switch
    {
        AtomOp.Less => AtomOp.Greater,
        AtomOp.LessEqual => AtomOp.GreaterEqual,
        AtomOp.Greater => AtomOp.Less,
        AtomOp.GreaterEqual => AtomOp.LessEqual,
        _ => test,
    };

    /// <summary>A stack entry as a condition: a value holds when it is 1, as the machine tests it.</summary>
    private static Condition? AsCondition(AtomTableBuilder builder, Entry entry)
    {
        if (entry.Condition is { } condition)
        {
            return condition;
        }

        if (entry.Value < 0)
        {
            return null;
        }

        return builder.IsConstant(entry.Value, out var constant)
            ? new Fixed(constant == 1)
            : new Literal(new TableAtom(entry.Value, AtomOp.IsTrue, 0, 0, null, null, false));
    }

    private static bool Pop(List<Entry> stack, out Entry entry)
    {
        if (stack.Count == 0)
        {
            entry = default;
            return false;
        }

        entry = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return true;
    }

    private static bool PopValue(List<Entry> stack, out int value)
    {
        value = -1;
        if (!Pop(stack, out var entry) || entry.Condition is not null || entry.Value < 0)
        {
            return false;
        }

        value = entry.Value;
        return true;
    }

    /// <summary>The condition as terms, negated when <paramref name="negate"/> is set; null when there would be too many.</summary>
    private static List<List<TableAtom>>? Expand(Condition condition, bool negate)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return null;
        }

        switch (condition)
        {
            case Literal literal:
                return [[negate ? literal.Atom with { Negate = !literal.Atom.Negate } : literal.Atom]];
            case Fixed constant:
                return constant.Value != negate ? [[]] : [];
            case Negation negation:
                return Expand(negation.Operand, !negate);
            case Junction junction when junction.IsAnd != negate:
                {
                    List<List<TableAtom>> product = [[]];
                    foreach (var item in junction.Items)
                    {
                        var terms = Expand(item, negate);
                        if (terms is null || product.Count * terms.Count > MaxTerms)
                        {
                            return null;
                        }

                        var next = new List<List<TableAtom>>(product.Count * terms.Count);
                        foreach (var left in product)
                        {
                            foreach (var right in terms)
                            {
                                next.Add([.. left, .. right]);
                            }
                        }

                        product = next;
                    }

                    return product;
                }

            case Junction junction:
                {
                    var union = new List<List<TableAtom>>();
                    foreach (var item in junction.Items)
                    {
                        var terms = Expand(item, negate);
                        if (terms is null || union.Count + terms.Count > MaxTerms)
                        {
                            return null;
                        }

                        union.AddRange(terms);
                    }

                    return union;
                }

            default:
                return null;
        }
    }

    /// <summary>A machine stack entry: a value of the builder, or (<see cref="Value"/> -1) a condition.</summary>
    private readonly record struct Entry(int Value, Condition? Condition);

    private abstract class Condition;

    private sealed class Literal(TableAtom atom) : Condition
    {
        public TableAtom Atom { get; } = atom;
    }

    private sealed class Fixed(bool value) : Condition
    {
        public bool Value { get; } = value;
    }

    private sealed class Negation(Condition operand) : Condition
    {
        public Condition Operand { get; } = operand;
    }

    private sealed class Junction(bool isAnd, List<Condition> items) : Condition
    {
        public bool IsAnd { get; } = isAnd;

        public List<Condition> Items { get; } = items;

        /// <summary>Joins two conditions, keeping a run of the same operator flat.</summary>
        public static Junction Of(bool isAnd, Condition left, Condition right)
        {
            var items = left is Junction same && same.IsAnd == isAnd ? new List<Condition>(same.Items) : [left];
            items.Add(right);
            return new Junction(isAnd, items);
        }
    }
}
