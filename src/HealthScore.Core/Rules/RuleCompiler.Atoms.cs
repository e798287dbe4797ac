using System.Globalization;
using System.Runtime.CompilerServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Conjunctions of simple tests taken apart into atoms, which the action engine evaluates once per account for all the rules that share them.</summary>
internal sealed partial class RuleCompiler
{
    /// <summary>Splits a type-checked rule into a conjunction of atoms when it has that shape.</summary>
    private bool Decompose(RuleNode tree, List<Atom> atoms)
    {
        var pending = new Stack<RuleNode>();
        pending.Push(tree);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is BinaryNode { Operator: TokenKind.AndAnd } and)
            {
                pending.Push(and.Right);
                pending.Push(and.Left);
            }
            else if (!DecomposeTerm(node, atoms))
            {
                return false;
            }
        }

        return true;
    }

    private bool DecomposeTerm(RuleNode node, List<Atom> atoms)
    {
        switch (node)
        {
            case BooleanNode { Value: true }:
                return true;
            case UnaryNode { Operator: TokenKind.Bang } not:
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

    private Atom? ToAtom(RuleNode node)
    {
        switch (node)
        {
            case IdentifierNode identifier when Slot(identifier) is { } flag && flag.Kind is SlotKind.BandChanged or SlotKind.PhaseChanged or SlotKind.Flag or SlotKind.Consent:
                return new Atom(flag.Kind, flag.Index, AtomOp.IsTrue, 0, 0, null, null, false);
            case BinaryNode binary when binary.Operator is TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual:
                {
                    var flipped = binary.Left is not IdentifierNode;
                    if ((flipped ? binary.Right : binary.Left) is not IdentifierNode subject || Slot(subject) is not { } slot)
                    {
                        return null;
                    }

                    var other = flipped ? binary.Left : binary.Right;
                    var op = binary.Operator switch
                    {
                        TokenKind.EqualEqual => AtomOp.Equal,
                        TokenKind.NotEqual => AtomOp.NotEqual,
                        TokenKind.Less => flipped ? AtomOp.Greater : AtomOp.Less,
                        TokenKind.LessEqual => flipped ? AtomOp.GreaterEqual : AtomOp.LessEqual,
                        TokenKind.Greater => flipped ? AtomOp.Less : AtomOp.Greater,
                        _ => flipped ? AtomOp.LessEqual : AtomOp.GreaterEqual,
                    };
                    if (slot.Kind == SlotKind.Text)
                    {
                        return other is StringNode text
                            ? new Atom(slot.Kind, slot.Index, op == AtomOp.Equal ? AtomOp.TextEqual : AtomOp.TextNotEqual, 0, 0, null, [text.Value], false)
                            : null;
                    }

                    var constant = slot.Kind is SlotKind.Band or SlotKind.PreviousBand or SlotKind.Phase
                        ? other is StringNode named ? ResolveQuietly(slot.Kind, named) : null
                        : Constant(other);
                    return constant is { } c ? new Atom(slot.Kind, slot.Index, op, c, 0, null, null, false) : null;
                }

            case InNode inNode when inNode.Operand is IdentifierNode subject && Slot(subject) is { } slot:
                {
                    if (slot.Kind == SlotKind.Text)
                    {
                        var texts = new string[inNode.Items.Length];
                        for (var i = 0; i < texts.Length; i++)
                        {
                            texts[i] = ((StringNode)inNode.Items[i]).Value;
                        }

                        return new Atom(slot.Kind, slot.Index, AtomOp.TextIn, 0, 0, null, texts, false);
                    }

                    var set = new double[inNode.Items.Length];
                    for (var i = 0; i < set.Length; i++)
                    {
                        var value = inNode.Items[i] switch
                        {
                            NumberNode n => n.Value,
                            BooleanNode b => b.Value ? 1 : 0,
                            StringNode s => ResolveQuietly(slot.Kind, s),
                            _ => null,
                        };
                        if (value is not { } v)
                        {
                            return null;
                        }

                        set[i] = v;
                    }

                    return new Atom(slot.Kind, slot.Index, AtomOp.InSet, 0, 0, set, null, false);
                }

            case BetweenNode between when between.Operand is IdentifierNode subject && Slot(subject) is { } slot
                && Constant(between.Low) is { } low && Constant(between.High) is { } high:
                return new Atom(slot.Kind, slot.Index, AtomOp.Between, low, high, null, null, false);
            case CallNode { Name: "isMissing", Arguments: [IdentifierNode subject] } when Slot(subject) is { } slot:
                return new Atom(slot.Kind, slot.Index, slot.Kind == SlotKind.Text ? AtomOp.TextIsMissing : AtomOp.IsMissing, 0, 0, null, null, false);
            default:
                return null;
        }
    }

    private static double? Constant(RuleNode node) => node switch
    {
        NumberNode n => n.Value,
        UnaryNode { Operator: TokenKind.Minus, Operand: NumberNode n } => -n.Value,
        _ => null,
    };
}
