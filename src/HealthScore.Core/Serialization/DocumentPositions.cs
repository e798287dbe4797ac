namespace HealthScore.Core.Serialization;

/// <summary>Turns byte offsets in a UTF-8 document into the 1-based line and column a person reads (columns count characters, not bytes).</summary>
internal static class DocumentPositions
{
    /// <summary>Returns the line and column of <paramref name="offset"/>; the line starts are found on the first call and kept in <paramref name="lineStarts"/>.</summary>
    public static (int Line, int Column) At(ReadOnlySpan<byte> utf8, ref List<int>? lineStarts, int offset)
    {
        lineStarts ??= LineStarts(utf8);
        offset = Math.Clamp(offset, 0, utf8.Length);
        var line = lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var column = 1;
        for (var i = lineStarts[line]; i < offset; i++)
        {
            // Skip UTF-8 continuation bytes.
            if ((utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<int> { 0 };
        var at = 0;
        while (true)
        {
            var next = utf8[at..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return starts;
            }

            at += next + 1;
            starts.Add(at);
        }
    }
}
