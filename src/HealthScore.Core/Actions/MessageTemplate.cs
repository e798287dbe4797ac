using System.Globalization;
using System.Text;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Actions;

/// <summary>A message template split at compile time into literal text and identifiers, so rendering never parses.</summary>
internal sealed class MessageTemplate
{
    private readonly string[] _literals;
    private readonly RuleSlot?[] _slots;

    private MessageTemplate(string[] literals, RuleSlot?[] slots)
    {
        _literals = literals;
        _slots = slots;
    }

    public static MessageTemplate? Parse(int item, string text, RuleCompiler compiler, List<RuleError> errors)
    {
        if (text.Length > HealthModelLimits.MaxTemplateLength)
        {
            errors.Add(new RuleError(item, "message", ModelErrorKind.Template, 0, 0, HealthModelLimits.TooLong("a message", text.Length, HealthModelLimits.MaxTemplateLength)));
            return null;
        }

        void Fail(int position, string message)
        {
            var (line, column) = TextPosition.Of(text, position);
            errors.Add(new RuleError(item, "message", ModelErrorKind.Template, line, column, message));
        }

        var literals = new List<string>();
        var slots = new List<RuleSlot?>();
        var literal = new StringBuilder();
        var valid = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                Fail(i, "'}' has no opening '{'; write '}}' for a literal brace.");
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = text.IndexOf('}', i + 1);
            if (end < 0)
            {
                Fail(i, "'{' has no closing '}'; write '{{' for a literal brace.");
                return null;
            }

            var name = text[(i + 1)..end].Trim();
            if (name.StartsWith("metric:", StringComparison.Ordinal))
            {
                name = "metrics." + name["metric:".Length..];
            }
            else if (name.StartsWith("group:", StringComparison.Ordinal))
            {
                name = "groups." + name["group:".Length..];
            }

            var slot = compiler.ResolvePlaceholder(name, out var message);
            if (slot is null)
            {
                Fail(i, $"placeholder '{{{ErrorText.Quote(text[(i + 1)..end])}}}': {message}");
                valid = false;
            }

            literals.Add(literal.ToString());
            literal.Clear();
            slots.Add(slot);
            i = end;
        }

        literals.Add(literal.ToString());
        slots.Add(null);
        return valid ? new MessageTemplate([.. literals], [.. slots]) : null;
    }

    public string Render(in RuleContext context, string missing, IFormatProvider provider)
    {
        var text = new StringBuilder();
        for (var i = 0; i < _literals.Length; i++)
        {
            text.Append(_literals[i]);
            if (_slots[i] is not { } slot)
            {
                continue;
            }

            switch (slot.Kind)
            {
                case SlotKind.Band:
                    text.Append(context.Result.Band?.Label ?? missing);
                    break;
                case SlotKind.PreviousBand:
                    text.Append(context.Previous is { Band: { } band } ? band.Label : missing);
                    break;
                case SlotKind.Phase:
                    text.Append(context.Result.Phase?.Label ?? missing);
                    break;
                default:
                    var reading = RuleProgram.Read(context, slot);
                    text.Append(reading.Text ?? (reading.Number is { } number ? number.ToString("0.##", provider) : missing));
                    break;
            }
        }

        return text.ToString();
    }
}
