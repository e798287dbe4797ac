using System.Globalization;
using System.Text;

namespace HealthScore.Cli.Input;

/// <summary>How a percentage such as <c>11%</c> is read: not at all (an error that names the option), as the number written, or as a fraction.</summary>
internal enum PercentReading
{
    None,
    Number,
    Fraction,
}

/// <summary>
/// How the CLI reads the cells of a CRM export, the same for every input file: the delimiter (detected from the header
/// unless given), the words that mean "no value" (besides a blank cell), percentages and currency amounts.
/// </summary>
internal sealed record CsvReading
{
    /// <summary>Gets the delimiter, or <see langword="null"/> to detect it from the header.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Gets the words that mean missing, compared ignoring case (e.g. <c>NA</c>, <c>N/A</c>).</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = [];

    /// <summary>Gets how a number ending in <c>%</c> is read.</summary>
    public PercentReading Percent { get; init; }

    /// <summary>Gets whether a currency sign and <c>,</c> thousands separators are dropped from numbers (<c>$1,159.93</c> is 1159.93).</summary>
    public bool Currency { get; init; }

    /// <summary>Gets the reading the tests and the demo use: detected delimiter, only blank cells missing, no percentages or amounts.</summary>
    public static CsvReading Default { get; } = new();

    /// <summary>Reads <c>--missing-values NA,N/A</c>.</summary>
    public static IReadOnlyList<string> ParseMissingValues(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether a cell is blank or one of the missing words.</summary>
    public bool IsMissing(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        foreach (var word in MissingValues)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A cell as text, or <see langword="null"/> when it is missing.</summary>
    public string? Text(CsvFile csv, int column) => column < 0 || IsMissing(csv[column]) ? null : csv.Text(column);

    /// <summary>Reads a number with the options in force; a cell that is not one is a <see cref="CliException"/> naming the file, line and column, and the option that would read it.</summary>
    public double Number(ReadOnlySpan<char> text, string column, string file, int line)
    {
        if (TryNumber(text, out var value, out var hint))
        {
            return value;
        }

        throw new CliException($"{file} line {line}: column '{column}' has '{text}', not a number{hint}.");
    }

    /// <summary>Reads a number: a plain one, or with the percent and currency readings in force. <paramref name="hint"/> names the option that would read it, when one would.</summary>
    public bool TryNumber(ReadOnlySpan<char> text, out double value, out string hint)
    {
        hint = "";
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        if (text.Length > 128)
        {
            return false;
        }

        var scale = 1.0;
        var percent = text.EndsWith('%');
        if (percent)
        {
            if (Percent == PercentReading.None)
            {
                hint = $"; for percentages pass --percent number ('{text}' is {text[..^1].Trim()}) or --percent fraction (it is {text[..^1].Trim()}/100)";
                return false;
            }

            text = text[..^1].TrimEnd();
            scale = Percent == PercentReading.Fraction ? 0.01 : 1;
        }

        var hadCurrency = false;
        Span<char> cleaned = stackalloc char[128];
        var length = 0;
        foreach (var ch in text)
        {
            if (char.GetUnicodeCategory(ch) == UnicodeCategory.CurrencySymbol)
            {
                hadCurrency = true;
            }
            else if (Currency && ch == ',')
            {
                // A thousands separator in an amount.
            }
            else if (!char.IsWhiteSpace(ch))
            {
                cleaned[length++] = ch;
            }
        }

        if (hadCurrency && !Currency)
        {
            hint = "; for amounts with a currency sign pass --currency";
            return false;
        }

        if ((hadCurrency || percent) && double.TryParse(cleaned[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            value *= scale;
            return true;
        }

        if (LooksMissing(text))
        {
            hint = $"; if it means no value, pass --missing-values {text}";
        }

        return false;
    }

    /// <summary>Reads a date (ISO 8601; a date without a zone is UTC); a cell that is not one is a <see cref="CliException"/>.</summary>
    public static DateTimeOffset Date(ReadOnlySpan<char> text, string column, string file, int line) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new CliException($"{file} line {line}: column '{column}' has '{text}', not a date.");

    /// <summary>The words CRMs write for "no value", for the hint that names <c>--missing-values</c>.</summary>
    private static bool LooksMissing(ReadOnlySpan<char> text) =>
        text.Equals("NA", StringComparison.OrdinalIgnoreCase) || text.Equals("N/A", StringComparison.OrdinalIgnoreCase)
        || text.Equals("null", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase)
        || text.Equals("NaN", StringComparison.OrdinalIgnoreCase) || text.Equals("-", StringComparison.Ordinal)
        || text.Equals("#N/A", StringComparison.OrdinalIgnoreCase) || text.Equals("unknown", StringComparison.OrdinalIgnoreCase);

    /// <summary>A header or id reduced for loose matching: lower case, without spaces, underscores and hyphens.</summary>
    public static string Key(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            if (!char.IsWhiteSpace(ch) && ch is not '_' and not '-')
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    /// <summary>The edit distance between two names, for "did you mean".</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var previous = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var temp = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = temp;
            }
        }

        return d[b.Length];
    }
}
