using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace HealthScore.Core.Rules;

/// <summary>
/// Emission: walks a bound tree (<see cref="BoundNode"/>) and writes the postfix program the stack machine runs
/// (<see cref="RuleProgram"/>), with its constant numbers and strings, tracking how deep the machine's stack gets.
/// It checks nothing: binding already has. One emitter emits one rule.
/// </summary>
internal sealed class RuleEmitter
{
    private readonly List<Instruction> _code = [];
    private readonly List<double> _numbers = [];
    private readonly List<string> _strings = [];
    private int _depth;

    /// <summary>Gets the deepest the machine's stack gets while running what has been emitted.</summary>
    public int MaxDepth { get; private set; }

    public void Emit(BoundNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case BoundConstant constant:
                Add(OpCode.Constant, AddNumber(constant.Value), 0, +1);
                break;
            case BoundLoad load:
                Add(OpCode.Load, (int)load.Slot.Kind, load.Slot.Index, +1);
                break;
            case BoundUnary unary:
                Emit(unary.Operand);
                Add(unary.Operator == TokenKind.Bang ? OpCode.Not : OpCode.Negate, 0, 0, 0);
                break;
            case BoundChain chain:
                EmitChain(chain);
                break;
            case BoundComparison comparison:
                Emit(comparison.Left);
                Emit(comparison.Right);
                Add(Comparison(comparison.Operator), 0, 0, -1);
                break;
            case BoundTextComparison text:
                {
                    var left = Text(text.Left);
                    var right = Text(text.Right);
                    Add(text.Operator == TokenKind.EqualEqual ? OpCode.TextEqual : OpCode.TextNotEqual, left, right, +1);
                    break;
                }

            case BoundTextIn textIn:
                {
                    // The item count goes in the A of a second instruction, which the machine skips.
                    var operand = Text(textIn.Operand);
                    var start = _strings.Count;
                    _strings.AddRange(textIn.Items);
                    Add(OpCode.TextIn, operand, start, +1);
                    Add(OpCode.Constant, textIn.Items.Length, 0, 0);
                    break;
                }

            case BoundTextIsMissing missing:
                Add(OpCode.TextIsMissing, missing.Field.Index, 0, +1);
                break;
            case BoundInSet inSet:
                {
                    Emit(inSet.Operand);
                    var first = _numbers.Count;
                    _numbers.AddRange(inSet.Items);
                    Add(OpCode.InSet, first, inSet.Items.Length, 0);
                    break;
                }

            case BoundBetween between:
                Emit(between.Operand);
                Emit(between.Low);
                Emit(between.High);
                Add(OpCode.Between, 0, 0, -2);
                break;
            case BoundCall call:
                EmitCall(call);
                break;
            case BoundError error:
                foreach (var operand in error.Operands)
                {
                    Emit(operand);
                }

                break;
            default:
                throw new UnreachableException($"no instructions for {node.GetType().Name}.");
        }
    }

    /// <summary>Gets the emitted program, which reads <paramref name="reads"/> and splits into <paramref name="conjunction"/>.</summary>
    public RuleProgram ToProgram(RuleSlot[] reads, Atom[]? conjunction) =>
        new([.. _code], [.. _numbers], [.. _strings], Math.Max(1, MaxDepth), reads, conjunction);

    private void EmitChain(BoundChain chain)
    {
        Emit(chain.First);
        foreach (var step in chain.Steps)
        {
            if (step.Operator is TokenKind.AndAnd or TokenKind.OrOr)
            {
                // Short-circuit: when the left side decides, jump past the right one and keep the left's value.
                var jump = _code.Count;
                Add(step.Operator == TokenKind.AndAnd ? OpCode.JumpIfFalseElsePop : OpCode.JumpIfTrueElsePop, 0, 0, -1);
                Emit(step.Operand);
                _code[jump] = _code[jump] with { A = _code.Count };
                continue;
            }

            Emit(step.Operand);
            Add(step.Operator switch
            {
                TokenKind.Plus => OpCode.Add,
                TokenKind.Minus => OpCode.Subtract,
                TokenKind.Star => OpCode.Multiply,
                TokenKind.Slash => OpCode.Divide,
                _ => OpCode.Remainder,
            }, 0, 0, -1);
        }
    }

    private void EmitCall(BoundCall call)
    {
        foreach (var argument in call.Arguments)
        {
            Emit(argument);
        }

        var count = call.Arguments.Length;
        switch (call.Name)
        {
            case "min" or "max":
                Add(call.Name == "min" ? OpCode.Min : OpCode.Max, count, 0, 1 - count);
                break;
            case "abs":
                Add(OpCode.Abs, 0, 0, 0);
                break;
            default:
                Add(OpCode.IsMissing, 0, 0, 0);
                break;
        }
    }

    private static OpCode Comparison(TokenKind op) => op switch
    {
        TokenKind.EqualEqual => OpCode.Equal,
        TokenKind.NotEqual => OpCode.NotEqual,
        TokenKind.Less => OpCode.Less,
        TokenKind.LessEqual => OpCode.LessEqual,
        TokenKind.Greater => OpCode.Greater,
        _ => OpCode.GreaterEqual,
    };

    /// <summary>Gets the instruction operand for a text: a field's index (≥ 0), or <c>~i</c> for <c>Strings[i]</c>.</summary>
    private int Text(BoundText text)
    {
        if (text.Literal is null)
        {
            return text.Field.Index;
        }

        _strings.Add(text.Literal);
        return ~(_strings.Count - 1);
    }

    private int AddNumber(double value)
    {
        _numbers.Add(value);
        return _numbers.Count - 1;
    }

    private void Add(OpCode op, int a, int b, int stackEffect)
    {
        _code.Add(new Instruction(op, a, b));
        _depth += stackEffect;
        MaxDepth = Math.Max(MaxDepth, _depth);
    }
}
