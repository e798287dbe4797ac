using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// A problem found while binding rules, before it is placed in a definition: the item of the list it belongs to,
/// the property at fault and, for a rule's or template's text, the line and column inside it.
/// </summary>
/// <param name="Item">The index of the rule or action in its list, or -1 when the problem belongs to the list.</param>
/// <param name="Property">The property at fault (<c>when</c>, <c>then</c>, <c>message</c>…), or <see langword="null"/> for the item itself.</param>
/// <param name="Kind">Which check found it.</param>
/// <param name="Line">The 1-based line inside the text, or 0 when the problem is not in the text.</param>
/// <param name="Column">The 1-based column inside the text, or 0.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
internal readonly record struct RuleError(int Item, string? Property, ModelErrorKind Kind, int Line, int Column, string Message)
{
    /// <summary>Places the error in a definition: <c>list[item].property</c>, or <paramref name="list"/> alone for a problem of the list or of a single rule compiled on its own.</summary>
    public ModelError ToModelError(string list)
    {
        var path = list;
        if (Item >= 0)
        {
            path = FormattableString.Invariant($"{list}[{Item}]");
            if (Property is not null)
            {
                path += "." + Property;
            }
        }

        return Line > 0
            ? new ModelError(Kind, path, Message, expressionLine: Line, expressionColumn: Column)
            : new ModelError(Kind, path, Message);
    }

    /// <summary>Throws the errors, placed in <paramref name="list"/>, as the library's exception.</summary>
    public static void ThrowIfAny(List<RuleError> errors, string list)
    {
        if (errors.Count == 0)
        {
            return;
        }

        var placed = new ModelError[errors.Count];
        for (var i = 0; i < placed.Length; i++)
        {
            placed[i] = errors[i].ToModelError(list);
        }

        throw new HealthModelException(placed);
    }
}
