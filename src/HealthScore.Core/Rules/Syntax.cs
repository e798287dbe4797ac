namespace HealthScore.Core.Rules;

/// <summary>The kinds of token in the rule language.</summary>
internal enum TokenKind
{
    End,
    Number,
    String,
    Identifier,
    True,
    False,
    In,
    Between,
    And,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    AndAnd,
    OrOr,
    Bang,
}

/// <summary>One token: its kind, where it starts, its text and (for numbers and strings) its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, string Text, double Number);

/// <summary>A node of a parsed rule. Positions are character offsets into the rule's text.</summary>
internal abstract class RuleNode(int position)
{
    public int Position { get; } = position;
}

internal sealed class NumberNode(int position, double value) : RuleNode(position)
{
    public double Value { get; } = value;
}

internal sealed class StringNode(int position, string value) : RuleNode(position)
{
    public string Value { get; } = value;
}

internal sealed class BooleanNode(int position, bool value) : RuleNode(position)
{
    public bool Value { get; } = value;
}

/// <summary>An identifier: a plain name (<c>score</c>) or a dotted one (<c>metrics.logins</c>).</summary>
internal sealed class IdentifierNode(int position, string root, string? member, int memberPosition) : RuleNode(position)
{
    public string Root { get; } = root;

    public string? Member { get; } = member;

    public int MemberPosition { get; } = memberPosition;

    public string Name => Member is null ? Root : Root + "." + Member;
}

internal sealed class UnaryNode(int position, TokenKind op, RuleNode operand) : RuleNode(position)
{
    public TokenKind Operator { get; } = op;

    public RuleNode Operand { get; } = operand;
}

internal sealed class BinaryNode(int position, TokenKind op, RuleNode left, RuleNode right) : RuleNode(position)
{
    public TokenKind Operator { get; } = op;

    public RuleNode Left { get; } = left;

    public RuleNode Right { get; } = right;
}

/// <summary><c>operand in [item, ...]</c>; items are literals.</summary>
internal sealed class InNode(int position, RuleNode operand, RuleNode[] items) : RuleNode(position)
{
    public RuleNode Operand { get; } = operand;

    public RuleNode[] Items { get; } = items;
}

/// <summary><c>operand between low and high</c>, both ends included.</summary>
internal sealed class BetweenNode(int position, RuleNode operand, RuleNode low, RuleNode high) : RuleNode(position)
{
    public RuleNode Operand { get; } = operand;

    public RuleNode Low { get; } = low;

    public RuleNode High { get; } = high;
}

internal sealed class CallNode(int position, string name, RuleNode[] arguments) : RuleNode(position)
{
    public string Name { get; } = name;

    public RuleNode[] Arguments { get; } = arguments;
}
