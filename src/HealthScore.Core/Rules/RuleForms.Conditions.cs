using System.Runtime.CompilerServices;

namespace HealthScore.Core.Rules;

internal static partial class RuleForms
{
    /// <summary>A comparison: an atom when one side is a constant, else a computed 1/0 value tested for truth.</summary>
    private static Condition? Compare(AtomTableBuilder builder, OpCode op, int left, int right)
    {
        var leftConstant = builder.IsConstant(left, out var a);
        var rightConstant = builder.IsConstant(right, out var b);
        if (leftConstant && rightConstant)
        {
            return new Fixed(AtomTable.Apply(op, a, b) == 1);
        }

        if (leftConstant || rightConstant)
        {
            var (value, constant) = rightConstant ? (left, b) : (right, a);
            // The comparisons come in the same order in both enums. Written constant first (3 < x), the test is
            // mirrored (x > 3).
            var test = (AtomOp)(op - OpCode.Equal);
            if (!rightConstant)
            {
                test = Mirror(test);
            }

            // != against a missing constant never holds. A strict test against an infinite bound is computed as
            // written: the interval form would let an infinite value through.
            if (test == AtomOp.NotEqual && double.IsNaN(constant))
            {
                return new Fixed(false);
            }

            if (!(test is AtomOp.Less or AtomOp.Greater && double.IsInfinity(constant)))
            {
                return new Literal(new TableAtom(value, test, constant, 0, null, null, false));
            }
        }

        var computed = builder.Apply(op, left, right);
        return computed < 0 ? null : new Literal(new TableAtom(computed, AtomOp.IsTrue, 0, 0, null, null, false));
    }

    private static AtomOp Mirror(AtomOp test) => test switch
    {
        AtomOp.Less => AtomOp.Greater,
        AtomOp.LessEqual => AtomOp.GreaterEqual,
        AtomOp.Greater => AtomOp.Less,
        AtomOp.GreaterEqual => AtomOp.LessEqual,
        _ => test,
    };

    /// <summary>A stack entry as a condition: a value holds when it is 1, as the machine tests it.</summary>
    private static Condition? AsCondition(AtomTableBuilder builder, Entry entry)
    {
        if (entry.Condition is { } condition)
        {
            return condition;
        }

        if (entry.Value < 0)
        {
            return null;
        }

        return builder.IsConstant(entry.Value, out var constant)
            ? new Fixed(constant == 1)
            : new Literal(new TableAtom(entry.Value, AtomOp.IsTrue, 0, 0, null, null, false));
    }

    private static bool Pop(List<Entry> stack, out Entry entry)
    {
        if (stack.Count == 0)
        {
            entry = default;
            return false;
        }

        entry = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return true;
    }

    private static bool PopValue(List<Entry> stack, out int value)
    {
        value = -1;
        if (!Pop(stack, out var entry) || entry.Condition is not null || entry.Value < 0)
        {
            return false;
        }

        value = entry.Value;
        return true;
    }

    /// <summary>The condition as terms, negated when <paramref name="negate"/> is set; null when there would be too many.</summary>
    private static List<List<TableAtom>>? Expand(Condition condition, bool negate)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return null;
        }

        switch (condition)
        {
            case Literal literal:
                return [[negate ? literal.Atom with { Negate = !literal.Atom.Negate } : literal.Atom]];
            case Fixed constant:
                return constant.Value != negate ? [[]] : [];
            case Negation negation:
                return Expand(negation.Operand, !negate);
            case Junction junction when junction.IsAnd != negate:
                {
                    List<List<TableAtom>> product = [[]];
                    foreach (var item in junction.Items)
                    {
                        var terms = Expand(item, negate);
                        if (terms is null || product.Count * terms.Count > MaxTerms)
                        {
                            return null;
                        }

                        var next = new List<List<TableAtom>>(product.Count * terms.Count);
                        foreach (var left in product)
                        {
                            foreach (var right in terms)
                            {
                                next.Add([.. left, .. right]);
                            }
                        }

                        product = next;
                    }

                    return product;
                }

            case Junction junction:
                {
                    var union = new List<List<TableAtom>>();
                    foreach (var item in junction.Items)
                    {
                        var terms = Expand(item, negate);
                        if (terms is null || union.Count + terms.Count > MaxTerms)
                        {
                            return null;
                        }

                        union.AddRange(terms);
                    }

                    return union;
                }

            default:
                return null;
        }
    }

    /// <summary>A machine stack entry: a value of the builder, or (<see cref="Value"/> -1) a condition.</summary>
    private readonly record struct Entry(int Value, Condition? Condition);

    private abstract class Condition;

    private sealed class Literal(TableAtom atom) : Condition
    {
        public TableAtom Atom { get; } = atom;
    }

    private sealed class Fixed(bool value) : Condition
    {
        public bool Value { get; } = value;
    }

    private sealed class Negation(Condition operand) : Condition
    {
        public Condition Operand { get; } = operand;
    }

    private sealed class Junction(bool isAnd, List<Condition> items) : Condition
    {
        public bool IsAnd { get; } = isAnd;

        public List<Condition> Items { get; } = items;

        /// <summary>Joins two conditions, keeping a run of the same operator flat.</summary>
        public static Junction Of(bool isAnd, Condition left, Condition right)
        {
            var items = left is Junction same && same.IsAnd == isAnd ? new List<Condition>(same.Items) : [left];
            items.Add(right);
            return new Junction(isAnd, items);
        }
    }
}
