namespace HealthScore.Core.Rules;

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
