using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HealthScore.Core.Rules;

/// <summary>
/// The distinct atoms of a set of rules (at most 64), evaluated together for one account into a bit set, over the
/// values they test computed once: every slot loaded once, every expression over slots (<c>abs(delta)</c>,
/// <c>min(a, b)</c>, <c>score - previous_score</c>) computed once. Immutable; evaluation allocates nothing.
/// </summary>
internal sealed partial class AtomTable
{
    public const int MaxAtoms = 64;

    /// <summary>Tables of at most this many values test their numeric atoms by permuting two vector registers of them.</summary>
    public const int PermuteSlots = 16;

    private readonly OpCode[] _valueOps;
    private readonly SlotKind[] _slotKinds;
    private readonly int[] _slotIndexes;
    private readonly double[] _constants;
    private readonly int[] _lefts;
    private readonly int[] _rights;
    private readonly int _loadCount;

    // The loads of metric values come first: they are read straight from the span, without the general switch.
    private readonly int _metricLoadCount;

    // The account's own facts (score, band, phase, ... days to renewal) come next, each loaded at most once: every
    // account runs the same short sequence of tests, one per fact, to the slot that holds it (-1: not loaded).
    private const SlotKind LastScalar = SlotKind.DaysToRenewal;
    private readonly int _scalarLoadEnd;
    private readonly int[] _scalarSlots;
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

    // The numeric atoms' operands padded to whole vectors with slot 0, for a gather straight from the values.
    private readonly int[] _numericOperands;

    // The same as 64-bit lane indexes, for tables of at most PermuteSlots values: with AVX-512 the values fit in two
    // registers and each vector of operands is one permute of them.
    private readonly long[] _permuteOperands;

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
        _scalarSlots = new int[(int)LastScalar + 1];
        Array.Fill(_scalarSlots, -1);
        for (var pass = 0; pass < 4; pass++)
        {
            for (var v = 0; v < values.Count; v++)
            {
                var wanted = pass switch
                {
                    0 => values[v].Op == OpCode.Load && values[v].Kind == SlotKind.Metric,
                    1 => values[v].Op == OpCode.Load && values[v].Kind <= LastScalar,
                    2 => values[v].Op == OpCode.Load && values[v].Kind is not (SlotKind.Metric or <= LastScalar),
                    _ => values[v].Op != OpCode.Load,
                };
                if (used[v] && wanted)
                {
                    slot[v] = kept.Count;
                    kept.Add(v);
                    if (pass == 1)
                    {
                        // Loads are distinct, so each of the account's own facts is loaded at most once.
                        _scalarSlots[(int)values[v].Kind] = slot[v];
                    }
                }
            }

            if (pass == 0)
            {
                _metricLoadCount = kept.Count;
            }
            else if (pass == 1)
            {
                _scalarLoadEnd = kept.Count;
            }
            else if (pass == 2)
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
        var padded = (atoms.Count + Vector512<double>.Count - 1) / Vector512<double>.Count * Vector512<double>.Count;
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

        _numericOperands = new int[padded];
        Array.Copy(_operands, _numericOperands, _numericCount);
        _permuteOperands = new long[padded];
        for (var i = 0; i < _numericCount; i++)
        {
            _permuteOperands[i] = _numericOperands[i];
        }
    }

    /// <summary>Gets how many values a buffer passed to <see cref="Evaluate(in RuleContext, Span{double})"/> must hold.</summary>
    public int ValueCount => _valueOps.Length;

    /// <summary>
    /// Gets how long a values buffer should be for the fastest evaluation: <see cref="ValueCount"/>, or
    /// <see cref="PermuteSlots"/> for smaller tables (the slots past <see cref="ValueCount"/> are never read as values).
    /// </summary>
    public int BufferLength => Math.Max(_valueOps.Length, PermuteSlots);

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
}
