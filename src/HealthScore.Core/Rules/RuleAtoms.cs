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
