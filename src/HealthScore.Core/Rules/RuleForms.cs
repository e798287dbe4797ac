using System.Runtime.CompilerServices;

namespace HealthScore.Core.Rules;

/// <summary>
/// Takes a compiled rule apart into atoms: reads its program back into a condition over elementary tests, and
/// writes that as terms (conjunctions of atoms, the rule holding when one of them does). Every step keeps the
/// machine's semantics exactly: a value is true when it is 1, a missing (NaN) value fails every comparison but
/// <c>!=</c>'s own check, and arithmetic turns anything not finite into missing.
/// </summary>
internal static partial class RuleForms
{
    /// <summary>A rule that needs more terms than this is left to its program.</summary>
    public const int MaxTerms = 16;

    /// <summary>Gets the rule's terms, its values added to <paramref name="builder"/>; null when it cannot be taken apart.</summary>
    public static List<List<TableAtom>>? Terms(RuleProgram program, AtomTableBuilder builder)
    {
        var stack = new List<Entry>();
        if (!Run(program, builder, 0, program.Code.Length, stack) || stack.Count != 1 || AsCondition(builder, stack[0]) is not { } condition)
        {
            return null;
        }

        var terms = Expand(condition, false);
        if (terms is null)
        {
            return null;
        }

        // A term testing an atom and its negation never holds; an empty term always does.
        terms.RemoveAll(static term =>
        {
            for (var i = 0; i < term.Count; i++)
            {
                for (var j = i + 1; j < term.Count; j++)
                {
                    if (term[i].Negate != term[j].Negate && term[i].SameTest(term[j]))
                    {
                        return true;
                    }
                }
            }

            return false;
        });
        return terms.Exists(static term => term.Count == 0) ? [[]] : terms;
    }

    private static bool Run(RuleProgram program, AtomTableBuilder builder, int from, int to, List<Entry> stack)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }

        var code = program.Code;
        var numbers = program.Numbers;
        var strings = program.Strings;
        for (var pc = from; pc < to; pc++)
        {
            var instruction = code[pc];
            switch (instruction.Op)
            {
                case OpCode.Constant:
                    if ((uint)instruction.A >= (uint)numbers.Length)
                    {
                        return false;
                    }

                    stack.Add(new Entry(builder.Constant(numbers[instruction.A]), null));
                    break;
                case OpCode.Load:
                    stack.Add(new Entry(builder.Load((SlotKind)instruction.A, instruction.B), null));
                    break;
                case OpCode.Not:
                    if (!Pop(stack, out var negated) || AsCondition(builder, negated) is not { } operand)
                    {
                        return false;
                    }

                    stack.Add(new Entry(-1, new Negation(operand)));
                    break;
                case OpCode.Negate or OpCode.Abs:
                    {
                        if (!PopValue(stack, out var value))
                        {
                            return false;
                        }

                        stack.Add(new Entry(builder.Apply(instruction.Op, value, value), null));
                        break;
                    }

                case OpCode.Add or OpCode.Subtract or OpCode.Multiply or OpCode.Divide or OpCode.Remainder:
                    {
                        if (!PopValue(stack, out var right) || !PopValue(stack, out var left))
                        {
                            return false;
                        }

                        stack.Add(new Entry(builder.Apply(instruction.Op, left, right), null));
                        break;
                    }

                case OpCode.Min or OpCode.Max:
                    {
                        var count = instruction.A;
                        if (count < 1 || count > stack.Count)
                        {
                            return false;
                        }

                        // The machine folds from the left: min(min(a, b), c).
                        var first = stack.Count - count;
                        var result = stack[first].Value;
                        for (var i = first + 1; i < stack.Count && result >= 0; i++)
                        {
                            result = stack[i].Condition is null ? builder.Apply(instruction.Op, result, stack[i].Value) : -1;
                        }

                        if (result < 0 || stack[first].Condition is not null)
                        {
                            return false;
                        }

                        stack.RemoveRange(first, count);
                        stack.Add(new Entry(result, null));
                        break;
                    }

                case OpCode.Equal or OpCode.NotEqual or OpCode.Less or OpCode.LessEqual or OpCode.Greater or OpCode.GreaterEqual:
                    {
                        if (!PopValue(stack, out var right) || !PopValue(stack, out var left) || Compare(builder, instruction.Op, left, right) is not { } comparison)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, comparison));
                        break;
                    }

                case OpCode.IsMissing:
                    {
                        if (!PopValue(stack, out var value))
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, builder.IsConstant(value, out var constant)
                            ? new Fixed(double.IsNaN(constant))
                            : new Literal(new TableAtom(value, AtomOp.IsMissing, 0, 0, null, null, false))));
                        break;
                    }

                case OpCode.InSet:
                    {
                        if (!PopValue(stack, out var value) || instruction.A < 0 || instruction.B < 0 || instruction.A + instruction.B > numbers.Length)
                        {
                            return false;
                        }

                        var set = numbers.Slice(instruction.A, instruction.B).ToArray();
                        stack.Add(new Entry(-1, builder.IsConstant(value, out var constant)
                            ? new Fixed(AtomTable.Contains(set, constant))
                            : new Literal(new TableAtom(value, AtomOp.InSet, 0, 0, set, null, false))));
                        break;
                    }

                case OpCode.Between:
                    {
                        if (!PopValue(stack, out var high) || !PopValue(stack, out var low) || !PopValue(stack, out var value))
                        {
                            return false;
                        }

                        if (!builder.IsConstant(value, out _) && builder.IsConstant(low, out var lowest) && builder.IsConstant(high, out var highest))
                        {
                            stack.Add(new Entry(-1, new Literal(new TableAtom(value, AtomOp.Between, lowest, highest, null, null, false))));
                            break;
                        }

                        // low <= value && value <= high, as the machine tests it.
                        if (Compare(builder, OpCode.LessEqual, low, value) is not { } above || Compare(builder, OpCode.LessEqual, value, high) is not { } below)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, Junction.Of(true, above, below)));
                        break;
                    }

                case OpCode.JumpIfFalseElsePop or OpCode.JumpIfTrueElsePop:
                    {
                        // The right operand runs from here to the jump's target; the machine keeps the left's value
                        // when it decides, which is then true exactly when the left is.
                        var target = instruction.A;
                        if (target <= pc || target > to || !Pop(stack, out var leftEntry) || AsCondition(builder, leftEntry) is not { } left)
                        {
                            return false;
                        }

                        var depth = stack.Count;
                        if (!Run(program, builder, pc + 1, target, stack) || stack.Count != depth + 1 || !Pop(stack, out var rightEntry)
                            || AsCondition(builder, rightEntry) is not { } right)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, Junction.Of(instruction.Op == OpCode.JumpIfFalseElsePop, left, right)));
                        pc = target - 1;
                        break;
                    }

                case OpCode.TextEqual or OpCode.TextNotEqual:
                    {
                        var equal = instruction.Op == OpCode.TextEqual;
                        var (left, right) = (instruction.A, instruction.B);
                        if (left < 0 && right < 0)
                        {
                            if (~left >= strings.Length || ~right >= strings.Length)
                            {
                                return false;
                            }

                            stack.Add(new Entry(-1, new Fixed(string.Equals(strings[~left], strings[~right], StringComparison.Ordinal) == equal)));
                            break;
                        }

                        var (field, literal) = left >= 0 ? (left, right) : (right, left);
                        if (literal >= 0 || ~literal >= strings.Length)
                        {
                            return false;
                        }

                        stack.Add(new Entry(-1, new Literal(new TableAtom(field, equal ? AtomOp.TextEqual : AtomOp.TextNotEqual, 0, 0, null, [strings[~literal]], false))));
                        break;
                    }

                case OpCode.TextIn:
                    {
                        if (pc + 1 >= to)
                        {
                            return false;
                        }

                        var count = code[++pc].A;
                        var start = instruction.B;
                        if (count < 0 || start < 0 || start + count > strings.Length)
                        {
                            return false;
                        }

                        var items = strings.Slice(start, count).ToArray();
                        if (instruction.A < 0)
                        {
                            if (~instruction.A >= strings.Length)
                            {
                                return false;
                            }

                            stack.Add(new Entry(-1, new Fixed(AtomTable.ContainsText(items, strings[~instruction.A]))));
                            break;
                        }

                        stack.Add(new Entry(-1, new Literal(new TableAtom(instruction.A, AtomOp.TextIn, 0, 0, null, items, false))));
                        break;
                    }

                case OpCode.TextIsMissing:
                    if (instruction.A < 0)
                    {
                        return false;
                    }

                    stack.Add(new Entry(-1, new Literal(new TableAtom(instruction.A, AtomOp.TextIsMissing, 0, 0, null, null, false))));
                    break;
                default:
                    return false;
            }

            if (stack.Count > 0 && stack[^1] is { Value: < 0, Condition: null })
            {
                // A value the table had no room for.
                return false;
            }
        }

        return true;
    }
}
