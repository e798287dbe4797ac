namespace HealthScore.Core.Rules;

/// <summary>
/// Binding of comparisons and <c>in</c> lists. Text (fields and literals) is compared by its own nodes, and a band
/// or phase compared with an id in quotes has the id resolved to its index here, so neither reaches emission as text.
/// </summary>
internal sealed partial class RuleCompiler
{
    private BoundNode BindComparison(BinaryNode binary)
    {
        var leftKind = Peek(binary.Left);
        var rightKind = Peek(binary.Right);
        if (leftKind == RuleType.Text || rightKind == RuleType.Text)
        {
            return BindTextComparison(binary, leftKind, rightKind);
        }

        var left = Bind(binary.Left);
        var right = Bind(binary.Right);
        return new BoundComparison(ComparisonType(binary, left.Type, right.Type), binary.Operator, left, right);
    }

    private RuleType ComparisonType(BinaryNode binary, RuleType left, RuleType right)
    {
        if (left == RuleType.Error || right == RuleType.Error)
        {
            return RuleType.Error;
        }

        var symbol = RulePrinter.Symbol(binary.Operator);
        if (left != right)
        {
            Error(binary.Position, $"'{symbol}' cannot compare {Describe(left)} with {Describe(right)}.");
            return RuleType.Error;
        }

        if (binary.Operator is not (TokenKind.EqualEqual or TokenKind.NotEqual) && left != RuleType.Number)
        {
            Error(binary.Position, $"'{symbol}' needs numbers, but both sides are {Describe(left)}; use '==' or '!='.");
            return RuleType.Error;
        }

        return RuleType.Boolean;
    }

    /// <summary>Binds a comparison with text on at least one side: a text field or literal, or a band or phase id in quotes.</summary>
    private BoundNode BindTextComparison(BinaryNode binary, RuleType leftKind, RuleType rightKind)
    {
        var op = binary.Operator;
        var symbol = RulePrinter.Symbol(op);
        var equality = op is TokenKind.EqualEqual or TokenKind.NotEqual;
        var literalLeft = binary.Left is StringNode;
        var literalRight = binary.Right is StringNode;
        if (literalLeft != literalRight && (leftKind is RuleType.Band or RuleType.Phase || rightKind is RuleType.Band or RuleType.Phase))
        {
            if (!equality)
            {
                Error(binary.Position, $"bands and phases can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                return BoundError.Leaf;
            }

            var subject = Bind(literalLeft ? binary.Right : binary.Left);
            var index = ResolveNamed(subject.Type, (StringNode)(literalLeft ? binary.Left : binary.Right));
            var type = double.IsNaN(index) ? RuleType.Error : RuleType.Boolean;
            return new BoundComparison(type, op, subject, new BoundConstant(subject.Type, index));
        }

        if (literalLeft != literalRight && Categories(literalLeft ? binary.Right : binary.Left) is { } categories)
        {
            if (!equality)
            {
                Error(binary.Position, $"categories can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                return BoundError.Leaf;
            }

            var subject = Bind(literalLeft ? binary.Right : binary.Left);
            var index = ResolveCategory(categories, (StringNode)(literalLeft ? binary.Left : binary.Right));
            return new BoundComparison(double.IsNaN(index) ? RuleType.Error : RuleType.Boolean, op, subject, new BoundConstant(RuleType.Number, index));
        }

        if (leftKind == RuleType.Text && rightKind == RuleType.Text)
        {
            if (!equality)
            {
                Error(binary.Position, $"text can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                return BoundError.Leaf;
            }

            var left = BindText(binary.Left);
            var right = BindText(binary.Right);
            return new BoundTextComparison(RuleType.Boolean, op, left, right);
        }

        if (leftKind != RuleType.Error && rightKind != RuleType.Error)
        {
            Error(binary.Position, $"'{symbol}' cannot compare {Describe(leftKind)} with {Describe(rightKind)}.");
            return BoundError.Leaf;
        }

        return new BoundError([Bind(leftKind == RuleType.Error ? binary.Left : binary.Right)]);
    }

    private BoundNode BindIn(InNode node)
    {
        if (Peek(node.Operand) == RuleType.Text)
        {
            var operand = BindText(node.Operand);
            var texts = new List<string>();
            var ok = true;
            foreach (var item in node.Items)
            {
                if (item is StringNode s)
                {
                    texts.Add(s.Value);
                }
                else
                {
                    Error(item.Position, $"this list holds text, so every item must be a text in quotes.");
                    ok = false;
                }
            }

            return new BoundTextIn(ok ? RuleType.Boolean : RuleType.Error, operand, [.. texts]);
        }

        var bound = Bind(node.Operand);
        var type = bound.Type;
        var values = new double[node.Items.Length];
        var valid = type != RuleType.Error;
        for (var i = 0; i < values.Length; i++)
        {
            var item = node.Items[i];
            switch (type, item)
            {
                case (RuleType.Number, NumberNode number):
                    values[i] = number.Value;
                    break;
                case (RuleType.Boolean, BooleanNode boolean):
                    values[i] = boolean.Value ? 1 : 0;
                    break;
                case (RuleType.Band or RuleType.Phase, StringNode literal):
                    values[i] = ResolveNamed(type, literal);
                    valid &= !double.IsNaN(values[i]);
                    break;
                case (RuleType.Number, StringNode literal) when Categories(node.Operand) is { } categories:
                    values[i] = ResolveCategory(categories, literal);
                    valid &= !double.IsNaN(values[i]);
                    break;
                case (RuleType.Error, _):
                    values[i] = double.NaN;
                    break;
                default:
                    Error(item.Position, $"'in' on {Describe(type)} needs a list of {ItemKind(type)}.");
                    values[i] = double.NaN;
                    valid = false;
                    break;
            }
        }

        return new BoundInSet(valid ? RuleType.Boolean : RuleType.Error, bound, values);
    }

    /// <summary>The category ids of a categorical metric named by <paramref name="node"/>, or null.</summary>
    private string[]? Categories(RuleNode node) =>
        node is IdentifierNode { Root: "metrics" } identifier && _symbols is not null && Resolve(identifier, out _, out _) is { Kind: SlotKind.Metric } slot
        && _symbols.TryGetCategories(slot.Index, out var ids) ? ids : null;

    /// <summary>A category id in quotes, as the category's position; NaN (with an error) when the metric has no such category.</summary>
    private double ResolveCategory(string[] categories, StringNode literal)
    {
        var index = Array.IndexOf(categories, literal.Value);
        if (index >= 0)
        {
            return index;
        }

        Error(literal.Position, $"unknown category '{Model.ErrorText.Quote(literal.Value)}'.{Model.IdSuggestions.DidYouMean(literal.Value, categories)} The categories are {string.Join(", ", categories)}.");
        return double.NaN;
    }

    /// <summary>Binds a text operand, which <see cref="Peek"/> found to be a literal or a text field.</summary>
    private BoundText BindText(RuleNode node) => node is StringNode s
        ? new BoundText(s.Value, default)
        : new BoundText(null, Resolve((IdentifierNode)node, out _, out _)!.Value);

    /// <summary>The type of a node for the text and band/phase special cases, without binding or reporting.</summary>
    private RuleType Peek(RuleNode node) => node switch
    {
        StringNode => RuleType.Text,
        IdentifierNode identifier => Resolve(identifier, out var type, out _) is null ? RuleType.Error : type,
        _ => RuleType.Number,
    };
}
