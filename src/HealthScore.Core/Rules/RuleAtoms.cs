using System.Runtime.CompilerServices;

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

    private static bool SameItems<T>(T[]? a, T[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}

/// <summary>
/// The distinct atoms of a set of rules (at most 64), evaluated together for one account into a bit set, with the
/// slots they read loaded once. Immutable; evaluation allocates nothing.
/// </summary>
internal sealed class AtomTable
{
    public const int MaxAtoms = 64;

    private readonly SlotKind[] _slotKinds;
    private readonly int[] _slotIndexes;
    private readonly AtomOp[] _ops;
    private readonly int[] _operands;
    private readonly double[] _lows;
    private readonly double[] _highs;
    private readonly double[]?[] _sets;
    private readonly string[]?[] _texts;
    private readonly ulong _negated;
    private readonly int _rangeCount;

    private AtomTable(List<Atom> atoms)
    {
        var slots = new List<(SlotKind Kind, int Index)>();
        _ops = new AtomOp[atoms.Count];
        _operands = new int[atoms.Count];
        _lows = new double[atoms.Count];
        _highs = new double[atoms.Count];
        _sets = new double[]?[atoms.Count];
        _texts = new string[]?[atoms.Count];
        for (var i = 0; i < atoms.Count; i++)
        {
            var atom = atoms[i];
            _ops[i] = atom.Op;
            (_lows[i], _highs[i]) = atom.Op switch
            {
                // Every interval test is low <= value <= high, which is false for a missing (NaN) value.
                AtomOp.Equal => (atom.Low, atom.Low),
                AtomOp.Less => (double.NegativeInfinity, Math.BitDecrement(atom.Low)),
                AtomOp.LessEqual => (double.NegativeInfinity, atom.Low),
                AtomOp.Greater => (Math.BitIncrement(atom.Low), double.PositiveInfinity),
                AtomOp.GreaterEqual => (atom.Low, double.PositiveInfinity),
                AtomOp.IsTrue => (1, 1),
                _ => (atom.Low, atom.High),
            };
            if (IsRange(atom.Op))
            {
                _rangeCount = i + 1;
            }

            _sets[i] = atom.Set;
            _texts[i] = atom.Texts;
            if (atom.Negate)
            {
                _negated |= 1UL << i;
            }

            if (atom.Kind == SlotKind.Text)
            {
                _operands[i] = atom.Index;
                continue;
            }

            var slot = slots.IndexOf((atom.Kind, atom.Index));
            if (slot < 0)
            {
                slot = slots.Count;
                slots.Add((atom.Kind, atom.Index));
            }

            _operands[i] = slot;
        }

        _slotKinds = new SlotKind[slots.Count];
        _slotIndexes = new int[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            (_slotKinds[i], _slotIndexes[i]) = slots[i];
        }
    }

    /// <summary>Builds the table for the rules that fit; returns each rule's mask, or 0 for a rule evaluated by its program.</summary>
    public static AtomTable Build(IReadOnlyList<RuleProgram> programs, out ulong[] masks)
    {
        var atoms = new List<Atom>();
        masks = new ulong[programs.Count];
        for (var r = 0; r < programs.Count; r++)
        {
            var conjunction = programs[r].Conjunction;
            if (conjunction is null || conjunction.Length == 0)
            {
                continue;
            }

            var mask = 0UL;
            var added = new List<Atom>();
            foreach (var atom in conjunction)
            {
                var index = atoms.FindIndex(a => a.SameAs(atom));
                if (index < 0)
                {
                    index = added.FindIndex(a => a.SameAs(atom));
                    index = index < 0 ? atoms.Count + added.Count : atoms.Count + index;
                    if (index >= atoms.Count + added.Count)
                    {
                        added.Add(atom);
                    }
                }

                mask |= index < MaxAtoms ? 1UL << index : 0;
                if (index >= MaxAtoms)
                {
                    mask = 0;
                    break;
                }
            }

            if (mask != 0)
            {
                atoms.AddRange(added);
                masks[r] = mask;
            }
        }

        // Order the atoms by test so the evaluation loop runs through each kind of test in one stretch.
        var order = new int[atoms.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => Rank(atoms[a]) != Rank(atoms[b]) ? Rank(atoms[a]).CompareTo(Rank(atoms[b])) : a.CompareTo(b));
        var position = new int[atoms.Count];
        var sorted = new List<Atom>(atoms.Count);
        for (var i = 0; i < order.Length; i++)
        {
            position[order[i]] = i;
            sorted.Add(atoms[order[i]]);
        }

        for (var r = 0; r < masks.Length; r++)
        {
            var remapped = 0UL;
            for (var bit = 0; bit < atoms.Count; bit++)
            {
                if ((masks[r] & (1UL << bit)) != 0)
                {
                    remapped |= 1UL << position[bit];
                }
            }

            masks[r] = remapped;
        }

        return new AtomTable(sorted);
    }

    /// <summary>Interval tests first (evaluated branch-free), then the others grouped by kind.</summary>
    private static int Rank(in Atom atom) => IsRange(atom.Op) ? -1 : (int)atom.Op;

    private static bool IsRange(AtomOp op) => op is AtomOp.Equal or AtomOp.Less or AtomOp.LessEqual or AtomOp.Greater
        or AtomOp.GreaterEqual or AtomOp.Between or AtomOp.IsTrue;

    public int Count => _ops.Length;

    /// <summary>Evaluates every atom for one account; bit i is set when atom i holds.</summary>
    [SkipLocalsInit]
    public ulong Evaluate(in RuleContext context)
    {
        Span<double> slots = stackalloc double[MaxAtoms];
        var kinds = _slotKinds;
        var indexes = _slotIndexes;
        for (var s = 0; s < kinds.Length; s++)
        {
            slots[s] = RuleProgram.Load(context, kinds[s], indexes[s]);
        }

        var ops = _ops;
        var operands = _operands;
        var lows = _lows;
        var highs = _highs;
        var bits = 0UL;
        var ranges = _rangeCount;
        for (var i = 0; i < ranges && i < operands.Length && i < lows.Length && i < highs.Length; i++)
        {
            var value = slots[operands[i]];
            bits |= (ulong)((lows[i] <= value ? 1 : 0) & (value <= highs[i] ? 1 : 0)) << i;
        }

        for (var i = ranges; i < ops.Length; i++)
        {
            var op = ops[i];
            bool holds;
            if (op < AtomOp.TextEqual)
            {
                var value = slots[operands[i]];
                var low = lows[i];
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

    private static bool Contains(double[] set, double value)
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

    private static bool ContainsText(string[] set, string value)
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
