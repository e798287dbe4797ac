using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// Binding: walks the syntax tree, checks each expression's type and builds the bound tree, reporting every
/// problem it finds. Comparisons and <c>in</c> lists, with their text and band/phase special cases, are in
/// RuleCompiler.Comparisons.cs; names are resolved in RuleCompiler.Names.cs.
/// </summary>
internal sealed partial class RuleCompiler
{
    private BoundNode Bind(RuleNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberNode number:
                return new BoundConstant(RuleType.Number, number.Value);
            case BooleanNode boolean:
                return new BoundConstant(RuleType.Boolean, boolean.Value ? 1 : 0);
            case StringNode s:
                Error(s.Position, "text can only be compared with '==', '!=' or 'in'.");
                return BoundError.Leaf;
            case IdentifierNode identifier:
                return BindIdentifier(identifier);
            case UnaryNode unary:
                return BindUnary(unary);
            case BinaryNode binary:
                return BindChain(binary);
            case InNode inNode:
                return BindIn(inNode);
            case BetweenNode between:
                {
                    var operand = ExpectNumber(between.Operand, "'between'");
                    var low = ExpectNumber(between.Low, "'between'");
                    var high = ExpectNumber(between.High, "'between'");
                    var ok = operand.Type == RuleType.Number && low.Type == RuleType.Number && high.Type == RuleType.Number;
                    return new BoundBetween(ok ? RuleType.Boolean : RuleType.Error, operand, low, high);
                }

            case CallNode call:
                return BindCall(call);
            default:
                Error(node.Position, "unsupported expression.");
                return BoundError.Leaf;
        }
    }

    private BoundNode BindIdentifier(IdentifierNode identifier)
    {
        var slot = Resolve(identifier, out var type, out var message);
        if (slot is null)
        {
            Error(identifier.Position, message!);
            return BoundError.Leaf;
        }

        if (type == RuleType.Text)
        {
            Error(identifier.Position, $"'{identifier.Name}' is text; text can only be compared with '==', '!=' or 'in', or tested with isMissing.");
            return BoundError.Leaf;
        }

        return new BoundLoad(type, slot.Value);
    }

    private BoundNode BindUnary(UnaryNode unary)
    {
        var operand = Bind(unary.Operand);
        var wanted = unary.Operator == TokenKind.Bang ? RuleType.Boolean : RuleType.Number;
        if (operand.Type != wanted && operand.Type != RuleType.Error)
        {
            Error(unary.Position, $"'{RulePrinter.Symbol(unary.Operator)}' needs {Describe(wanted)}, but its operand is {Describe(operand.Type)}.");
            return new BoundError([operand]);
        }

        return new BoundUnary(operand.Type, unary.Operator, operand);
    }

    /// <summary>Binds a binary operator: a comparison, or a chain of <c>&amp;&amp; || + - * / %</c> made flat.</summary>
    private BoundNode BindChain(BinaryNode binary)
    {
        // Chains such as a || b || c are left-deep trees as deep as they are long: walk the left spine with a
        // stack of our own, so a 4,096-character chain cannot exhaust the thread's stack.
        var spine = new Stack<BinaryNode>();
        RuleNode leftmost = binary;
        while (leftmost is BinaryNode chained && IsChain(chained.Operator))
        {
            spine.Push(chained);
            leftmost = chained.Left;
        }

        var first = leftmost is BinaryNode comparison ? BindComparison(comparison) : Bind(leftmost);
        if (spine.Count == 0)
        {
            return first;
        }

        var type = first.Type;
        var steps = new ChainStep[spine.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            var link = spine.Pop();
            var right = Bind(link.Right);
            type = ChainedType(link, type, right.Type);
            steps[i] = new ChainStep(link.Operator, right);
        }

        return new BoundChain(type, first, steps);
    }

    private static bool IsChain(TokenKind op) => op is TokenKind.AndAnd or TokenKind.OrOr or TokenKind.Plus or TokenKind.Minus
        or TokenKind.Star or TokenKind.Slash or TokenKind.Percent;

    /// <summary>Checks both sides of one chained operator: true/false for <c>&amp;&amp;</c> and <c>||</c>, numbers for the others.</summary>
    private RuleType ChainedType(BinaryNode binary, RuleType left, RuleType right)
    {
        var symbol = RulePrinter.Symbol(binary.Operator);
        var wanted = binary.Operator is TokenKind.AndAnd or TokenKind.OrOr ? RuleType.Boolean : RuleType.Number;
        var ok = CheckOperand(binary, symbol, "left", left, wanted) & CheckOperand(binary, symbol, "right", right, wanted);
        return ok ? wanted : RuleType.Error;
    }

    private BoundNode BindCall(CallNode call)
    {
        var name = call.Name;
        var count = call.Arguments.Length;
        switch (name)
        {
            case "min" or "max":
                {
                    if (count < 2)
                    {
                        Error(call.Position, $"{name} needs at least two numbers.");
                        return BoundError.Leaf;
                    }

                    var ok = true;
                    var arguments = new BoundNode[count];
                    for (var i = 0; i < count; i++)
                    {
                        arguments[i] = ExpectNumber(call.Arguments[i], name);
                        ok &= arguments[i].Type == RuleType.Number;
                    }

                    return new BoundCall(ok ? RuleType.Number : RuleType.Error, name, arguments);
                }

            case "abs":
                {
                    if (count != 1)
                    {
                        Error(call.Position, "abs needs exactly one number.");
                        return BoundError.Leaf;
                    }

                    var argument = ExpectNumber(call.Arguments[0], "abs");
                    return new BoundCall(argument.Type == RuleType.Number ? RuleType.Number : RuleType.Error, name, [argument]);
                }

            case "isMissing":
                {
                    if (count != 1)
                    {
                        Error(call.Position, "isMissing needs exactly one identifier or expression.");
                        return BoundError.Leaf;
                    }

                    var argument = call.Arguments[0];
                    if (Peek(argument) == RuleType.Text && argument is not StringNode)
                    {
                        return new BoundTextIsMissing(BindText(argument).Field);
                    }

                    var bound = Bind(argument);
                    if (bound.Type == RuleType.Boolean)
                    {
                        Error(argument.Position, "isMissing needs a number, text, band or phase; true/false values are never missing.");
                    }

                    return new BoundCall(bound.Type is RuleType.Boolean or RuleType.Error ? RuleType.Error : RuleType.Boolean, name, [bound]);
                }

            default:
                {
                    var arguments = new BoundNode[count];
                    for (var i = 0; i < count; i++)
                    {
                        arguments[i] = Bind(call.Arguments[i]);
                    }

                    Error(call.Position, $"unknown function '{name}'.{IdSuggestions.DidYouMean(name, FunctionNames)} The functions are min, max, abs and isMissing.");
                    return new BoundError(arguments);
                }
        }
    }

    /// <summary>Binds an operand that must be a number, reporting it when it is another type; check the result's type.</summary>
    private BoundNode ExpectNumber(RuleNode node, string what)
    {
        var bound = Bind(node);
        if (bound.Type is not (RuleType.Number or RuleType.Error))
        {
            Error(node.Position, $"{what} needs numbers, but this is {Describe(bound.Type)}.");
        }

        return bound;
    }

    private bool CheckOperand(BinaryNode binary, string symbol, string side, RuleType actual, RuleType wanted)
    {
        if (actual == wanted)
        {
            return true;
        }

        if (actual != RuleType.Error)
        {
            Error(binary.Position, $"'{symbol}' needs {Describe(wanted)} on both sides, but the {side} side is {Describe(actual)}.");
        }

        return false;
    }

    private static string Describe(RuleType type) => type switch
    {
        RuleType.Number => "a number",
        RuleType.Boolean => "true/false",
        RuleType.Text => "text",
        RuleType.Band => "a band",
        RuleType.Phase => "a phase",
        _ => "invalid",
    };

    private static string ItemKind(RuleType type) => type switch
    {
        RuleType.Number => "numbers",
        RuleType.Boolean => "true/false values",
        RuleType.Band => "band ids in quotes",
        RuleType.Phase => "phase ids in quotes",
        _ => "literals",
    };
}
