using System.Text;

namespace HealthScore.Cli.Output;

/// <summary>Aligned columns in a terminal; East Asian wide characters count as two columns.</summary>
internal static class TextTable
{
    public static string Write(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = new int[header.Count];
        for (var c = 0; c < header.Count; c++)
        {
            widths[c] = Width(header[c]);
            foreach (var row in rows)
            {
                widths[c] = Math.Max(widths[c], Width(row[c]));
            }
        }

        var sb = new StringBuilder();
        sb.Append(Line(header, widths));
        sb.Append(Line([.. widths.Select(static w => new string('-', w))], widths));
        foreach (var row in rows)
        {
            sb.Append(Line(row, widths));
        }

        return sb.ToString();
    }

    /// <summary>One line of the table, each cell padded to its column's width, with its line break.</summary>
    public static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var c = 0; c < cells.Count; c++)
        {
            if (c > 0)
            {
                sb.Append("  ");
            }

            sb.Append(cells[c]);
            if (c < cells.Count - 1)
            {
                sb.Append(' ', widths[c] - Width(cells[c]));
            }
        }

        sb.Append('\n');
        return sb.ToString();
    }

    public static int Width(string text)
    {
        var width = 0;
        foreach (var ch in text)
        {
            width += IsWide(ch) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');
}
