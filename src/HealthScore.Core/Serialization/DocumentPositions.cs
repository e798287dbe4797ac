namespace HealthScore.Core.Serialization;

/// <summary>Turns byte offsets in a UTF-8 document into the 1-based line and column a person reads (columns count characters, not bytes).</summary>
internal readonly ref struct DocumentPositions
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly List<int> _lineStarts;

    public DocumentPositions(ReadOnlySpan<byte> utf8)
    {
        _utf8 = utf8;
        _lineStarts = [0];
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) At(int offset)
    {
        offset = Math.Clamp(offset, 0, _utf8.Length);
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var column = 1;
        for (var i = _lineStarts[line]; i < offset; i++)
        {
            // Skip UTF-8 continuation bytes.
            if ((_utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }
}
