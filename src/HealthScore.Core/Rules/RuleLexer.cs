using System.Globalization;
using System.Text;

namespace HealthScore.Core.Rules;

/// <summary>Splits a rule's text into tokens; stops at the first bad character.</summary>
internal static class RuleLexer
{
    public static List<Token> Tokenize(string text, out (int Position, string Message)? error)
    {
        var tokens = new List<Token>();
        error = null;
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, text.Length, string.Empty, 0));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                i = ScanNumber(text, i);
                var raw = text[start..i];
                if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_'))
                {
                    error = (i, $"unexpected '{text[i]}' after the number '{raw}'.");
                    return tokens;
                }

                if (!double.TryParse(raw, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    error = (start, $"the number '{raw}' is out of range.");
                    return tokens;
                }

                tokens.Add(new Token(TokenKind.Number, start, raw, value));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var word = text[start..i];
                var kind = word switch
                {
                    "true" => TokenKind.True,
                    "false" => TokenKind.False,
                    "in" => TokenKind.In,
                    "between" => TokenKind.Between,
                    "and" => TokenKind.And,
                    _ => TokenKind.Identifier,
                };
                tokens.Add(new Token(kind, start, word, 0));
                continue;
            }

            if (c == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length || text[i] == '\n')
                    {
                        error = (start, "the text starting here has no closing '\"'.");
                        return tokens;
                    }

                    if (text[i] == '"')
                    {
                        i++;
                        break;
                    }

                    if (text[i] == '\\')
                    {
                        if (i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                        {
                            value.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }

                        error = (i, "only \\\" and \\\\ may follow '\\' in text.");
                        return tokens;
                    }

                    value.Append(text[i]);
                    i++;
                }

                tokens.Add(new Token(TokenKind.String, start, value.ToString(), 0));
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind Kind, int Length)? symbol = c switch
            {
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                '[' => (TokenKind.LeftBracket, 1),
                ']' => (TokenKind.RightBracket, 1),
                ',' => (TokenKind.Comma, 1),
                '.' => (TokenKind.Dot, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                '%' => (TokenKind.Percent, 1),
                '=' when next == '=' => (TokenKind.EqualEqual, 2),
                '!' when next == '=' => (TokenKind.NotEqual, 2),
                '!' => (TokenKind.Bang, 1),
                '<' when next == '=' => (TokenKind.LessEqual, 2),
                '<' => (TokenKind.Less, 1),
                '>' when next == '=' => (TokenKind.GreaterEqual, 2),
                '>' => (TokenKind.Greater, 1),
                '&' when next == '&' => (TokenKind.AndAnd, 2),
                '|' when next == '|' => (TokenKind.OrOr, 2),
                _ => null,
            };
            if (symbol is not { } s)
            {
                error = (i, c switch
                {
                    '=' => "unexpected '='; use '==' to compare.",
                    '&' => "unexpected '&'; use '&&' for 'and'.",
                    '|' => "unexpected '|'; use '||' for 'or'.",
                    '\'' => "unexpected '''; text goes in double quotes.",
                    _ => string.Create(CultureInfo.InvariantCulture, $"unexpected character '{Printable(c)}'."),
                });
                return tokens;
            }

            tokens.Add(new Token(s.Kind, start, text.Substring(start, s.Length), 0));
            i += s.Length;
        }
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    private static string Printable(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString();
}
