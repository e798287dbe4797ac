namespace HealthScore.Core.Rules;

/// <summary>
/// Splitting into atoms: a bound rule that is a conjunction of simple tests (<c>a &amp;&amp; b &amp;&amp; !c</c>) is taken apart
/// into atoms, which the action engine evaluates once per account for all the rules that share them.
/// </summary>
internal sealed partial class RuleCompiler
{
    /// <summary>Gets the atoms of a rule that is a conjunction of simple tests, or null when it has another shape.</summary>
    private static Atom[]? Conjunction(BoundNode rule)
    {
        // Only a rule that type-checked is split. Compiled without model symbols, a rule comparing a band or phase
        // with an id in quotes is an error without a message: the id cannot be resolved, and gives no atom.
        var atoms = new List<Atom>();
        return rule.Type == RuleType.Boolean && Decompose(rule, atoms) ? [.. atoms] : null;
    }

    private static bool Decompose(BoundNode node, List<Atom> atoms)
    {
        if (node is not BoundChain chain || !Array.TrueForAll(chain.Steps, static step => step.Operator == TokenKind.AndAnd))
        {
            return DecomposeTerm(node, atoms);
        }

        if (!Decompose(chain.First, atoms))
        {
            return false;
        }

        foreach (var step in chain.Steps)
        {
            if (!Decompose(step.Operand, atoms))
            {
                return false;
            }
        }

        return true;
    }

    private static bool DecomposeTerm(BoundNode node, List<Atom> atoms)
    {
        switch (node)
        {
            case BoundConstant { Type: RuleType.Boolean, Value: 1 }:
                return true;
            case BoundUnary { Operator: TokenKind.Bang } not:
                {
                    var inner = new List<Atom>();
                    if (!Decompose(not.Operand, inner) || inner.Count != 1)
                    {
                        return false;
                    }

                    atoms.Add(inner[0] with { Negate = !inner[0].Negate });
                    return true;
                }

            default:
                if (ToAtom(node) is { } atom)
                {
                    atoms.Add(atom);
                    return true;
                }

                return false;
        }
    }

    private static Atom? ToAtom(BoundNode node)
    {
        switch (node)
        {
            case BoundLoad { Slot: var flag } when flag.Kind is SlotKind.BandChanged or SlotKind.PhaseChanged or SlotKind.Flag or SlotKind.Consent:
                return Test(flag, AtomOp.IsTrue);
            case BoundComparison comparison:
                {
                    var flipped = comparison.Left is not BoundLoad;
                    if ((flipped ? comparison.Right : comparison.Left) is not BoundLoad { Slot: var slot })
                    {
                        return null;
                    }

                    var op = comparison.Operator switch
                    {
                        TokenKind.EqualEqual => AtomOp.Equal,
                        TokenKind.NotEqual => AtomOp.NotEqual,
                        TokenKind.Less => flipped ? AtomOp.Greater : AtomOp.Less,
                        TokenKind.LessEqual => flipped ? AtomOp.GreaterEqual : AtomOp.LessEqual,
                        TokenKind.Greater => flipped ? AtomOp.Less : AtomOp.Greater,
                        _ => flipped ? AtomOp.LessEqual : AtomOp.GreaterEqual,
                    };
                    return Constant(flipped ? comparison.Left : comparison.Right) is { } constant ? Test(slot, op) with { Low = constant } : null;
                }

            case BoundTextComparison comparison:
                {
                    var (subject, other) = comparison.Left.Literal is null ? (comparison.Left, comparison.Right) : (comparison.Right, comparison.Left);
                    if (subject.Literal is not null || other.Literal is not { } literal)
                    {
                        return null;
                    }

                    return Test(subject.Field, comparison.Operator == TokenKind.EqualEqual ? AtomOp.TextEqual : AtomOp.TextNotEqual) with { Texts = [literal] };
                }

            case BoundTextIn { Operand: { Literal: null, Field: var field } } textIn:
                return Test(field, AtomOp.TextIn) with { Texts = textIn.Items };
            case BoundInSet { Operand: BoundLoad { Slot: var slot } } inSet:
                return Test(slot, AtomOp.InSet) with { Set = inSet.Items };
            case BoundBetween { Operand: BoundLoad { Slot: var slot } } between when Constant(between.Low) is { } low && Constant(between.High) is { } high:
                return Test(slot, AtomOp.Between) with { Low = low, High = high };
            case BoundCall { Name: "isMissing", Arguments: [BoundLoad { Slot: var slot }] }:
                return Test(slot, AtomOp.IsMissing);
            case BoundTextIsMissing missing:
                return Test(missing.Field, AtomOp.TextIsMissing);
            default:
                return null;
        }
    }

    private static Atom Test(RuleSlot slot, AtomOp op) => new(slot.Kind, slot.Index, op, 0, 0, null, null, false);

    /// <summary>A constant operand: a number, a negated number, or a band or phase id resolved to its index.</summary>
    private static double? Constant(BoundNode node) => node switch
    {
        BoundConstant { Type: RuleType.Number or RuleType.Band or RuleType.Phase } constant => constant.Value,
        BoundUnary { Operator: TokenKind.Minus, Operand: BoundConstant { Type: RuleType.Number } constant } => -constant.Value,
        _ => null,
    };
}
