using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace HealthScore.Core.Rules;

/// <summary>Prints a parsed rule back to text in canonical form, with only the parentheses it needs.</summary>
internal static class RulePrinter
{
    private const int OrLevel = 1;
    private const int AndLevel = 2;
    private const int ComparisonLevel = 3;
    private const int AdditiveLevel = 4;
    private const int MultiplicativeLevel = 5;
    private const int UnaryLevel = 6;
    private const int PrimaryLevel = 7;

    public static string Print(RuleNode node)
    {
        var text = new StringBuilder();
        Print(text, node);
        return text.ToString();
    }

    private static void Print(StringBuilder text, RuleNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberNode number:
                text.Append(number.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case StringNode s:
                text.Append('"').Append(s.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case BooleanNode b:
                text.Append(b.Value ? "true" : "false");
                break;
            case IdentifierNode identifier:
                text.Append(identifier.Name);
                break;
            case UnaryNode unary:
                text.Append(unary.Operator == TokenKind.Bang ? "!" : "-");
                Child(text, unary.Operand, Level(unary.Operand) < UnaryLevel || (unary.Operand is NumberNode n && n.Value < 0));
                break;
            case BinaryNode binary:
                var level = Level(binary);
                var comparison = level == ComparisonLevel;
                Child(text, binary.Left, Level(binary.Left) < level || (comparison && Level(binary.Left) == level));
                text.Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                Child(text, binary.Right, Level(binary.Right) <= level);
                break;
            case InNode inNode:
                Child(text, inNode.Operand, Level(inNode.Operand) <= ComparisonLevel);
                text.Append(" in [");
                for (var i = 0; i < inNode.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Print(text, inNode.Items[i]);
                }

                text.Append(']');
                break;
            case BetweenNode between:
                Child(text, between.Operand, Level(between.Operand) <= ComparisonLevel);
                text.Append(" between ");
                Child(text, between.Low, Level(between.Low) <= ComparisonLevel);
                text.Append(" and ");
                Child(text, between.High, Level(between.High) <= ComparisonLevel);
                break;
            case CallNode call:
                text.Append(call.Name).Append('(');
                for (var i = 0; i < call.Arguments.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Print(text, call.Arguments[i]);
                }

                text.Append(')');
                break;
            default:
                throw new InvalidOperationException("Unknown rule node.");
        }
    }

    private static void Child(StringBuilder text, RuleNode node, bool parenthesize)
    {
        if (parenthesize)
        {
            text.Append('(');
        }

        Print(text, node);
        if (parenthesize)
        {
            text.Append(')');
        }
    }

    private static int Level(RuleNode node) => node switch
    {
        BinaryNode b => b.Operator switch
        {
            TokenKind.OrOr => OrLevel,
            TokenKind.AndAnd => AndLevel,
            TokenKind.Plus or TokenKind.Minus => AdditiveLevel,
            TokenKind.Star or TokenKind.Slash or TokenKind.Percent => MultiplicativeLevel,
            _ => ComparisonLevel,
        },
        InNode or BetweenNode => ComparisonLevel,
        UnaryNode => UnaryLevel,
        NumberNode n when n.Value < 0 => UnaryLevel,
        _ => PrimaryLevel,
    };

    internal static string Symbol(TokenKind kind) => kind switch
    {
        TokenKind.OrOr => "||",
        TokenKind.AndAnd => "&&",
        TokenKind.EqualEqual => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Less => "<",
        TokenKind.LessEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterEqual => ">=",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.Slash => "/",
        TokenKind.Percent => "%",
        TokenKind.Bang => "!",
        _ => kind.ToString(),
    };
}
