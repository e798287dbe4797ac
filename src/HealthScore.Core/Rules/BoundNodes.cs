namespace HealthScore.Core.Rules;

/// <summary>The type of a rule expression, as binding works it out; <see cref="Error"/> when it could not.</summary>
internal enum RuleType
{
    Error,
    Number,
    Boolean,
    Text,
    Band,
    Phase,
}

/// <summary>
/// A type-checked rule expression, made by binding (<see cref="RuleCompiler"/>) from the syntax tree: names are
/// resolved to slots, band and phase ids to their indexes, and every node knows its type. Emission
/// (<see cref="RuleEmitter"/>) turns it into instructions; nothing in it needs checking again.
/// </summary>
internal abstract record BoundNode(RuleType Type);

/// <summary>A number, true or false (1 or 0), or a band or phase id resolved to its index (NaN when it could not be).</summary>
internal sealed record BoundConstant(RuleType Type, double Value) : BoundNode(Type);

/// <summary>The value of an identifier, read from its slot. Text fields are never loaded: see <see cref="BoundText"/>.</summary>
internal sealed record BoundLoad(RuleType Type, RuleSlot Slot) : BoundNode(Type);

/// <summary><c>!operand</c> (<see cref="TokenKind.Bang"/>) or <c>-operand</c> (<see cref="TokenKind.Minus"/>).</summary>
internal sealed record BoundUnary(RuleType Type, TokenKind Operator, BoundNode Operand) : BoundNode(Type);

/// <summary>
/// A left-deep run of <c>&amp;&amp; || + - * / %</c> operators, such as <c>a || b || c</c>, kept flat: the first operand,
/// then each operator with its right operand, in order. A chain is as long as the rule (up to 4,096 characters),
/// so neither pass may recurse along it; its operands are at most as deep as the parser's nesting limit.
/// </summary>
internal sealed record BoundChain(RuleType Type, BoundNode First, ChainStep[] Steps) : BoundNode(Type);

/// <summary>One operator of a <see cref="BoundChain"/> with its right operand.</summary>
internal readonly record struct ChainStep(TokenKind Operator, BoundNode Operand);

/// <summary>
/// A comparison of numbers, true/false values, bands or phases (<c>== != &lt; &lt;= &gt; &gt;=</c>). A band or phase compared
/// with an id in quotes has the identifier on the <see cref="Left"/> and the resolved id on the right, whichever
/// way round the rule wrote them.
/// </summary>
internal sealed record BoundComparison(RuleType Type, TokenKind Operator, BoundNode Left, BoundNode Right) : BoundNode(Type);

/// <summary>
/// A text operand: a literal in quotes when <see cref="Literal"/> is set, otherwise the text field
/// <see cref="Field"/>. Text never goes on the machine's stack; the instruction that tests it names it.
/// </summary>
internal readonly record struct BoundText(string? Literal, RuleSlot Field);

/// <summary><c>left == right</c> or <c>left != right</c> on text.</summary>
internal sealed record BoundTextComparison(RuleType Type, TokenKind Operator, BoundText Left, BoundText Right) : BoundNode(Type);

/// <summary><c>operand in ["a", "b"]</c> on text; <see cref="Items"/> holds the items that are text in quotes.</summary>
internal sealed record BoundTextIn(RuleType Type, BoundText Operand, string[] Items) : BoundNode(Type);

/// <summary><c>isMissing(field)</c> on a text field.</summary>
internal sealed record BoundTextIsMissing(RuleSlot Field) : BoundNode(RuleType.Boolean);

/// <summary><c>operand in [...]</c> on numbers, true/false, bands or phases, with the items' values (NaN for an invalid item).</summary>
internal sealed record BoundInSet(RuleType Type, BoundNode Operand, double[] Items) : BoundNode(Type);

/// <summary><c>operand between low and high</c>.</summary>
internal sealed record BoundBetween(RuleType Type, BoundNode Operand, BoundNode Low, BoundNode High) : BoundNode(Type);

/// <summary>A call of <c>min</c>, <c>max</c>, <c>abs</c> or (on anything but text) <c>isMissing</c>.</summary>
internal sealed record BoundCall(RuleType Type, string Name, BoundNode[] Arguments) : BoundNode(Type);

/// <summary>
/// An expression that failed to bind (its error is reported), with the operands that were bound on the way for
/// their own errors. Emission emits those operands only: a rule with errors is never run, but its stack depth is
/// still measured, so that being too complex is reported with its other problems.
/// </summary>
internal sealed record BoundError(BoundNode[] Operands) : BoundNode(RuleType.Error)
{
    /// <summary>Gets a failed expression with nothing bound inside it.</summary>
    public static BoundError Leaf { get; } = new([]);
}
