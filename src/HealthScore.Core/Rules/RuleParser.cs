using System.Globalization;

namespace HealthScore.Core.Rules;

/// <summary>
/// Parses a rule's text into a tree by recursive descent. Recursion is bounded: every level of nesting
/// (parentheses, unary operators, function calls) is counted and refused beyond <see cref="MaxDepth"/>, and the
/// text is refused beyond <see cref="MaxLength"/> characters, so no input can exhaust the stack.
/// </summary>
internal sealed class RuleParser
{
    public const int MaxLength = 4096;
    public const int MaxDepth = 64;

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private RuleParser(List<Token> tokens) => _tokens = tokens;

    /// <summary>Parses <paramref name="text"/>; returns the tree, or null with the position and message of the first problem.</summary>
    public static RuleNode? Parse(string text, out (int Position, string Message)? error)
    {
        if (text.Length > MaxLength)
        {
            error = (MaxLength, string.Create(CultureInfo.InvariantCulture, $"the rule is {text.Length:N0} characters long; the limit is {MaxLength:N0}."));
            return null;
        }

        var tokens = RuleLexer.Tokenize(text, out error);
        if (error is not null)
        {
            return null;
        }

        var parser = new RuleParser(tokens);
        try
        {
            if (parser.Peek.Kind == TokenKind.End)
            {
                throw new ParseFailure(0, "the rule is empty; write a condition such as 'score < 40'.");
            }

            var node = parser.ParseOr();
            if (parser.Peek.Kind != TokenKind.End)
            {
                throw parser.Unexpected("an operator or the end of the rule");
            }

            return node;
        }
        catch (ParseFailure failure)
        {
            error = (failure.Position, failure.Message);
            return null;
        }
    }

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private RuleNode ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == TokenKind.OrOr)
        {
            var op = Next();
            left = new BinaryNode(op.Start, op.Kind, left, ParseAnd());
        }

        return left;
    }

    private RuleNode ParseAnd()
    {
        var left = ParseComparison();
        while (Peek.Kind == TokenKind.AndAnd)
        {
            var op = Next();
            left = new BinaryNode(op.Start, op.Kind, left, ParseComparison());
        }

        return left;
    }

    private RuleNode ParseComparison()
    {
        var left = ParseAdditive();
        var token = Peek;
        RuleNode result;
        switch (token.Kind)
        {
            case TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual:
                Next();
                result = new BinaryNode(token.Start, token.Kind, left, ParseAdditive());
                break;
            case TokenKind.In:
                Next();
                result = new InNode(token.Start, left, ParseList());
                break;
            case TokenKind.Between:
                Next();
                var low = ParseAdditive();
                Expect(TokenKind.And, "'and'");
                result = new BetweenNode(token.Start, left, low, ParseAdditive());
                break;
            default:
                return left;
        }

        if (IsComparison(Peek.Kind))
        {
            throw new ParseFailure(Peek.Start, $"comparisons cannot be chained: '{Peek.Text}' follows another comparison; join them with '&&'.");
        }

        return result;
    }

    private static bool IsComparison(TokenKind kind) => kind is TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less
        or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.In or TokenKind.Between;

    private RuleNode[] ParseList()
    {
        Expect(TokenKind.LeftBracket, "'[' to start a list");
        var items = new List<RuleNode>();
        if (Peek.Kind != TokenKind.RightBracket)
        {
            while (true)
            {
                if (items.Count >= 256)
                {
                    throw new ParseFailure(Peek.Start, "a list may hold at most 256 items.");
                }

                items.Add(ParseListItem());
                if (Peek.Kind != TokenKind.Comma)
                {
                    break;
                }

                Next();
            }
        }

        Expect(TokenKind.RightBracket, "',' or ']'");
        return [.. items];
    }

    private RuleNode ParseListItem()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberNode(token.Start, token.Number);
            case TokenKind.Minus when Peek.Kind == TokenKind.Number:
                return new NumberNode(token.Start, -Next().Number);
            case TokenKind.String:
                return new StringNode(token.Start, token.Text);
            case TokenKind.True or TokenKind.False:
                return new BooleanNode(token.Start, token.Kind == TokenKind.True);
            default:
                _index--;
                throw Unexpected("a number or a text in quotes (list items are literals)");
        }
    }

    private RuleNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Next();
            left = new BinaryNode(op.Start, op.Kind, left, ParseMultiplicative());
        }

        return left;
    }

    private RuleNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Next();
            left = new BinaryNode(op.Start, op.Kind, left, ParseUnary());
        }

        return left;
    }

    private RuleNode ParseUnary()
    {
        if (Peek.Kind is TokenKind.Bang or TokenKind.Minus)
        {
            var op = Next();
            Enter(op);
            var operand = ParseUnary();
            _depth--;
            return new UnaryNode(op.Start, op.Kind, operand);
        }

        return ParsePrimary();
    }

    private RuleNode ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberNode(token.Start, token.Number);
            case TokenKind.String:
                return new StringNode(token.Start, token.Text);
            case TokenKind.True or TokenKind.False:
                return new BooleanNode(token.Start, token.Kind == TokenKind.True);
            case TokenKind.LeftParen:
                Enter(token);
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'");
                _depth--;
                return inner;
            case TokenKind.Identifier when Peek.Kind == TokenKind.LeftParen:
                return ParseCall(token);
            case TokenKind.Identifier:
                if (Peek.Kind != TokenKind.Dot)
                {
                    return new IdentifierNode(token.Start, token.Text, null, 0);
                }

                Next();
                var member = Next();
                if (member.Kind is not (TokenKind.Identifier or TokenKind.True or TokenKind.False or TokenKind.In or TokenKind.Between or TokenKind.And))
                {
                    _index--;
                    throw Unexpected($"a name after '{token.Text}.'");
                }

                if (Peek.Kind == TokenKind.Dot)
                {
                    throw new ParseFailure(Peek.Start, $"unexpected '.' after '{token.Text}.{member.Text}'; identifiers have at most one '.'.");
                }

                return new IdentifierNode(token.Start, token.Text, member.Text, member.Start);
            default:
                _index--;
                throw Unexpected("a value, an identifier, '(' or '!'");
        }
    }

    private CallNode ParseCall(Token name)
    {
        var open = Next();
        Enter(open);
        var arguments = new List<RuleNode>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                if (arguments.Count >= 64)
                {
                    throw new ParseFailure(Peek.Start, "a function call may have at most 64 arguments.");
                }

                arguments.Add(ParseOr());
                if (Peek.Kind != TokenKind.Comma)
                {
                    break;
                }

                Next();
            }
        }

        Expect(TokenKind.RightParen, "',' or ')'");
        _depth--;
        return new CallNode(name.Start, name.Text, [.. arguments]);
    }

    private void Enter(Token token)
    {
        if (++_depth > MaxDepth)
        {
            throw new ParseFailure(token.Start, string.Create(CultureInfo.InvariantCulture, $"the rule nests more than {MaxDepth} levels deep; simplify it or split it into several rules."));
        }
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw Unexpected(what);
        }

        Next();
    }

    private ParseFailure Unexpected(string expected)
    {
        var token = Peek;
        var found = token.Kind switch
        {
            TokenKind.End => "the end of the rule",
            TokenKind.String => "a text",
            _ => "'" + token.Text + "'",
        };
        return new ParseFailure(token.Start, $"expected {expected} but found {found}.");
    }

    private sealed class ParseFailure(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }
}
