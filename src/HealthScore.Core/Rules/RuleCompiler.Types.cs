using System.Globalization;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Type checking: each expression's type, with the instructions it compiles to.</summary>
internal sealed partial class RuleCompiler
{
    private RuleType Bind(RuleNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberNode number:
                Emit(OpCode.Constant, AddNumber(number.Value), 0, +1);
                return RuleType.Number;
            case BooleanNode boolean:
                Emit(OpCode.Constant, AddNumber(boolean.Value ? 1 : 0), 0, +1);
                return RuleType.Boolean;
            case StringNode s:
                Error(s.Position, "text can only be compared with '==', '!=' or 'in'.");
                return RuleType.Error;
            case IdentifierNode identifier:
                {
                    var slot = Resolve(identifier, out var type, out var message);
                    if (slot is null)
                    {
                        Error(identifier.Position, message!);
                        return RuleType.Error;
                    }

                    if (type == RuleType.Text)
                    {
                        Error(identifier.Position, $"'{identifier.Name}' is text; text can only be compared with '==', '!=' or 'in', or tested with isMissing.");
                        return RuleType.Error;
                    }

                    Emit(OpCode.Load, (int)slot.Value.Kind, slot.Value.Index, +1);
                    return type;
                }

            case UnaryNode unary:
                {
                    var type = Bind(unary.Operand);
                    var wanted = unary.Operator == TokenKind.Bang ? RuleType.Boolean : RuleType.Number;
                    if (type != wanted && type != RuleType.Error)
                    {
                        Error(unary.Position, $"'{RulePrinter.Symbol(unary.Operator)}' needs {Describe(wanted)}, but its operand is {Describe(type)}.");
                        return RuleType.Error;
                    }

                    Emit(unary.Operator == TokenKind.Bang ? OpCode.Not : OpCode.Negate, 0, 0, 0);
                    return type;
                }

            case BinaryNode binary:
                {
                    // Chains such as a || b || c are left-deep trees as deep as they are long: walk the left spine
                    // with a stack of our own, so a 4,096-character chain cannot exhaust the thread's stack.
                    var spine = new Stack<BinaryNode>();
                    RuleNode leftmost = binary;
                    while (leftmost is BinaryNode chained && IsChain(chained.Operator))
                    {
                        spine.Push(chained);
                        leftmost = chained.Left;
                    }

                    var type = leftmost is BinaryNode comparison ? BindBinary(comparison) : Bind(leftmost);
                    while (spine.Count > 0)
                    {
                        type = BindChained(spine.Pop(), type);
                    }

                    return type;
                }
            case InNode inNode:
                return BindIn(inNode);
            case BetweenNode between:
                {
                    var ok = ExpectNumber(between.Operand, "'between'");
                    ok &= ExpectNumber(between.Low, "'between'");
                    ok &= ExpectNumber(between.High, "'between'");
                    Emit(OpCode.Between, 0, 0, -2);
                    return ok ? RuleType.Boolean : RuleType.Error;
                }

            case CallNode call:
                return BindCall(call);
            default:
                Error(node.Position, "unsupported expression.");
                return RuleType.Error;
        }
    }

    private static bool IsChain(TokenKind op) => op is TokenKind.AndAnd or TokenKind.OrOr or TokenKind.Plus or TokenKind.Minus
        or TokenKind.Star or TokenKind.Slash or TokenKind.Percent;

    /// <summary>Binds the right side of a chained operator whose left side is already emitted.</summary>
    private RuleType BindChained(BinaryNode binary, RuleType left)
    {
        var op = binary.Operator;
        var symbol = RulePrinter.Symbol(op);
        if (op is TokenKind.AndAnd or TokenKind.OrOr)
        {
            var jump = _code.Count;
            Emit(op == TokenKind.AndAnd ? OpCode.JumpIfFalseElsePop : OpCode.JumpIfTrueElsePop, 0, 0, -1);
            var right = Bind(binary.Right);
            _code[jump] = _code[jump] with { A = _code.Count };
            var ok = CheckOperand(binary, symbol, "left", left, RuleType.Boolean) & CheckOperand(binary, symbol, "right", right, RuleType.Boolean);
            return ok ? RuleType.Boolean : RuleType.Error;
        }

        var operand = Bind(binary.Right);
        Emit(op switch
        {
            TokenKind.Plus => OpCode.Add,
            TokenKind.Minus => OpCode.Subtract,
            TokenKind.Star => OpCode.Multiply,
            TokenKind.Slash => OpCode.Divide,
            _ => OpCode.Remainder,
        }, 0, 0, -1);
        var valid = CheckOperand(binary, symbol, "left", left, RuleType.Number) & CheckOperand(binary, symbol, "right", operand, RuleType.Number);
        return valid ? RuleType.Number : RuleType.Error;
    }

    private RuleType BindBinary(BinaryNode binary)
    {
        var op = binary.Operator;
        var symbol = RulePrinter.Symbol(op);

        var equality = op is TokenKind.EqualEqual or TokenKind.NotEqual;
        var leftKind = Peek(binary.Left);
        var rightKind = Peek(binary.Right);

        // Text: only fields and literals, compared by a fused instruction.
        if (leftKind == RuleType.Text || rightKind == RuleType.Text)
        {
            var literalLeft = binary.Left is StringNode;
            var literalRight = binary.Right is StringNode;
            if (literalLeft != literalRight && (leftKind is RuleType.Band or RuleType.Phase || rightKind is RuleType.Band or RuleType.Phase))
            {
                if (!equality)
                {
                    Error(binary.Position, $"bands and phases can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                    return RuleType.Error;
                }

                var subject = literalLeft ? binary.Right : binary.Left;
                var literal = (StringNode)(literalLeft ? binary.Left : binary.Right);
                var subjectType = Bind(subject);
                var index = ResolveNamed(subjectType, literal);
                Emit(OpCode.Constant, AddNumber(index), 0, +1);
                Emit(op == TokenKind.EqualEqual ? OpCode.Equal : OpCode.NotEqual, 0, 0, -1);
                return double.IsNaN(index) ? RuleType.Error : RuleType.Boolean;
            }

            if (leftKind == RuleType.Text && rightKind == RuleType.Text)
            {
                if (!equality)
                {
                    Error(binary.Position, $"text can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                    return RuleType.Error;
                }

                var a = TextOperand(binary.Left);
                var b = TextOperand(binary.Right);
                Emit(op == TokenKind.EqualEqual ? OpCode.TextEqual : OpCode.TextNotEqual, a, b, +1);
                return RuleType.Boolean;
            }

            if (leftKind != RuleType.Error && rightKind != RuleType.Error)
            {
                Error(binary.Position, $"'{symbol}' cannot compare {Describe(leftKind)} with {Describe(rightKind)}.");
            }
            else
            {
                Bind(leftKind == RuleType.Error ? binary.Left : binary.Right);
            }

            return RuleType.Error;
        }

        var leftType = Bind(binary.Left);
        var rightType = Bind(binary.Right);
        Emit(op switch
        {
            TokenKind.EqualEqual => OpCode.Equal,
            TokenKind.NotEqual => OpCode.NotEqual,
            TokenKind.Less => OpCode.Less,
            TokenKind.LessEqual => OpCode.LessEqual,
            TokenKind.Greater => OpCode.Greater,
            _ => OpCode.GreaterEqual,
        }, 0, 0, -1);
        if (leftType == RuleType.Error || rightType == RuleType.Error)
        {
            return RuleType.Error;
        }

        if (leftType != rightType)
        {
            Error(binary.Position, $"'{symbol}' cannot compare {Describe(leftType)} with {Describe(rightType)}.");
            return RuleType.Error;
        }

        if (!equality && leftType != RuleType.Number)
        {
            Error(binary.Position, $"'{symbol}' needs numbers, but both sides are {Describe(leftType)}; use '==' or '!='.");
            return RuleType.Error;
        }

        return RuleType.Boolean;
    }

    private RuleType BindIn(InNode node)
    {
        var kind = Peek(node.Operand);
        if (kind == RuleType.Text)
        {
            var operand = TextOperand(node.Operand);
            var start = _strings.Count;
            var ok = true;
            foreach (var item in node.Items)
            {
                if (item is StringNode s)
                {
                    _strings.Add(s.Value);
                }
                else
                {
                    Error(item.Position, $"this list holds text, so every item must be a text in quotes.");
                    ok = false;
                }
            }

            Emit(OpCode.TextIn, operand, start, +1);
            Emit(OpCode.Constant, _strings.Count - start, 0, 0);
            return ok ? RuleType.Boolean : RuleType.Error;
        }

        var type = Bind(node.Operand);
        var first = _numbers.Count;
        var valid = type != RuleType.Error;
        foreach (var item in node.Items)
        {
            double value;
            switch (type, item)
            {
                case (RuleType.Number, NumberNode number):
                    value = number.Value;
                    break;
                case (RuleType.Boolean, BooleanNode boolean):
                    value = boolean.Value ? 1 : 0;
                    break;
                case (RuleType.Band or RuleType.Phase, StringNode literal):
                    value = ResolveNamed(type, literal);
                    valid &= !double.IsNaN(value);
                    break;
                case (RuleType.Error, _):
                    value = double.NaN;
                    break;
                default:
                    Error(item.Position, $"'in' on {Describe(type)} needs a list of {ItemKind(type)}.");
                    value = double.NaN;
                    valid = false;
                    break;
            }

            _numbers.Add(value);
        }

        Emit(OpCode.InSet, first, _numbers.Count - first, 0);
        return valid ? RuleType.Boolean : RuleType.Error;
    }

    private RuleType BindCall(CallNode call)
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
                        return RuleType.Error;
                    }

                    var ok = true;
                    foreach (var argument in call.Arguments)
                    {
                        ok &= ExpectNumber(argument, name);
                    }

                    Emit(name == "min" ? OpCode.Min : OpCode.Max, count, 0, 1 - count);
                    return ok ? RuleType.Number : RuleType.Error;
                }

            case "abs":
                if (count != 1)
                {
                    Error(call.Position, "abs needs exactly one number.");
                    return RuleType.Error;
                }

                var valid = ExpectNumber(call.Arguments[0], "abs");
                Emit(OpCode.Abs, 0, 0, 0);
                return valid ? RuleType.Number : RuleType.Error;
            case "isMissing":
                {
                    if (count != 1)
                    {
                        Error(call.Position, "isMissing needs exactly one identifier or expression.");
                        return RuleType.Error;
                    }

                    var argument = call.Arguments[0];
                    if (Peek(argument) == RuleType.Text && argument is not StringNode)
                    {
                        Emit(OpCode.TextIsMissing, TextOperand(argument), 0, +1);
                        return RuleType.Boolean;
                    }

                    var type = Bind(argument);
                    Emit(OpCode.IsMissing, 0, 0, 0);
                    if (type == RuleType.Boolean)
                    {
                        Error(argument.Position, "isMissing needs a number, text, band or phase; true/false values are never missing.");
                        return RuleType.Error;
                    }

                    return type == RuleType.Error ? RuleType.Error : RuleType.Boolean;
                }

            default:
                foreach (var argument in call.Arguments)
                {
                    Bind(argument);
                }

                Error(call.Position, $"unknown function '{name}'.{IdSuggestions.DidYouMean(name, FunctionNames)} The functions are min, max, abs and isMissing.");
                return RuleType.Error;
        }
    }

    private bool ExpectNumber(RuleNode node, string what)
    {
        var type = Bind(node);
        if (type is RuleType.Number or RuleType.Error)
        {
            return type == RuleType.Number;
        }

        Error(node.Position, $"{what} needs numbers, but this is {Describe(type)}.");
        return false;
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

    /// <summary>The type of a node for the text and band/phase special cases, without emitting or reporting.</summary>
    private RuleType Peek(RuleNode node) => node switch
    {
        StringNode => RuleType.Text,
        IdentifierNode identifier => Resolve(identifier, out var type, out _) is null ? RuleType.Error : type,
        _ => RuleType.Number,
    };

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
