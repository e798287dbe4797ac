namespace HealthScore.Core.Rules;

/// <summary>Turns an offset in a rule's or template's text into the 1-based line and column a person reads.</summary>
internal static class TextPosition
{
    public static (int Line, int Column) Of(string text, int position)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else if (!char.IsLowSurrogate(text[i]))
            {
                column++;
            }
        }

        return (line, column);
    }
}
