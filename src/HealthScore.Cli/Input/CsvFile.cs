using System.Text;
using nietras.SeparatedValues;

namespace HealthScore.Cli.Input;

/// <summary>
/// One CSV file read a row at a time through Sep, never held whole: the header, then each row's fields trimmed and
/// unquoted, with the line it starts on and what is wrong with it. The delimiter is the one given, else the one the
/// header uses (',', ';', tab or '|'). Quoted fields may hold delimiters, doubled quotes and line breaks; blank
/// lines are skipped; a UTF-8 byte order mark is dropped.
/// </summary>
internal sealed class CsvFile : IDisposable
{
    private readonly SepReader _reader;
    private string?[] _unquoted = [];

    private CsvFile(SepReader reader, string name)
    {
        _reader = reader;
        Name = name;
    }

    /// <summary>Gets the file's name, as messages show it.</summary>
    public string Name { get; }

    /// <summary>Gets the delimiter the file is read with.</summary>
    public char Delimiter => _reader.Spec.Sep.Separator;

    /// <summary>Gets the header's names, trimmed and unquoted; empty for an empty file.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>Gets the line the current row starts on (1 is the header).</summary>
    public int Line { get; private set; }

    /// <summary>Gets the current row's length in characters, line break included.</summary>
    public int RowLength { get; private set; }

    /// <summary>Gets the current row's number of fields.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Gets what is wrong with the current row's quoting, or <see langword="null"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>Opens a file and reads its header. A missing file is a <see cref="CliException"/>.</summary>
    public static CsvFile Open(string path, char? delimiter)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found.");
        }

        var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var file = new CsvFile(Reader(delimiter).From(text), Path.GetFileName(path));
        file.ReadHeader();
        return file;
    }

    /// <summary>Reads CSV from any text reader, a row at a time as it is asked for.</summary>
    public static CsvFile From(TextReader text, string name, char? delimiter)
    {
        var file = new CsvFile(Reader(delimiter).From(text), name);
        file.ReadHeader();
        return file;
    }

    /// <summary>Moves to the next row that is not blank; <see langword="false"/> at the end of the file.</summary>
    public bool Read()
    {
        while (_reader.MoveNext())
        {
            var row = _reader.Current;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty)
            {
                continue;
            }

            // Sep numbers the first row's lines as if a header came before it.
            Line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            FieldCount = row.ColCount;
            RowLength = row.Span.Length + 1;
            Error = null;
            if (_unquoted.Length < FieldCount)
            {
                _unquoted = new string?[Math.Max(FieldCount, _unquoted.Length * 2)];
            }

            Array.Clear(_unquoted, 0, FieldCount);
            if (row.Span.Contains('"'))
            {
                for (var i = 0; i < FieldCount; i++)
                {
                    var raw = Trimmed(row, i);
                    if (raw.Contains('"'))
                    {
                        _unquoted[i] = Unquote(raw, out var error);
                        Error ??= error;
                    }
                }
            }

            return true;
        }

        return false;
    }

    /// <summary>The current row's field at <paramref name="index"/>, trimmed and unquoted; empty past the last field.</summary>
    public ReadOnlySpan<char> this[int index] =>
        index >= FieldCount ? [] : _unquoted[index] is { } unquoted ? unquoted.AsSpan() : Trimmed(_reader.Current, index);

    /// <summary>The field as a string, or <see langword="null"/> when it is blank.</summary>
    public string? Text(int index)
    {
        var span = this[index];
        return span.IsEmpty ? null : _unquoted[index] ?? span.ToString();
    }

    /// <summary>The current row's fields as strings (for a header or a small file).</summary>
    public List<string> Fields()
    {
        var fields = new List<string>(FieldCount);
        for (var i = 0; i < FieldCount; i++)
        {
            fields.Add(this[i].ToString());
        }

        return fields;
    }

    /// <summary>The current row's problem: its quoting, or a field count other than the header's; <see langword="null"/> when it is well formed.</summary>
    public string? Problem() =>
        Error ?? (FieldCount != Header.Count ? $"{FieldCount} fields, the header has {Header.Count}." : null);

    /// <summary>Reads a delimiter option: one character, or <c>tab</c>.</summary>
    public static char? ParseDelimiter(string? text) => text switch
    {
        null or "" or "auto" => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } when text[0] is ',' or ';' or '|' or ':' or ' ' => text[0],
        _ => throw new CliException($"--delimiter '{text}': expected one of , ; | tab (or leave it out to detect it from the header).", ExitCodes.Usage),
    };

    public void Dispose() => _reader.Dispose();

    private static SepReaderOptions Reader(char? delimiter) =>
        (delimiter is { } d ? new Sep(d) : Sep.Auto).Reader(static o => o with { HasHeader = false, DisableColCountCheck = true });

    private void ReadHeader()
    {
        if (!Read())
        {
            return;
        }

        var header = Fields();
        if (header.Count > 0 && header[0].StartsWith('\uFEFF'))
        {
            header[0] = header[0][1..].Trim();
        }

        Header = header;
    }

    private static ReadOnlySpan<char> Trimmed(SepReader.Row row, int index) => row[index].Span.Trim();

    /// <summary>RFC 4180 unquoting: <c>"a ""b"""</c> is <c>a "b"</c>. A quote inside an unquoted field, text after the closing quote and a quote never closed are errors.</summary>
    private static string Unquote(ReadOnlySpan<char> raw, out string? error)
    {
        error = null;
        if (raw[0] != '"')
        {
            error = "a quote inside an unquoted field.";
            return raw.ToString();
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                sb.Append(raw[i]);
            }
            else if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                sb.Append('"');
                i++;
            }
            else
            {
                if (i != raw.Length - 1)
                {
                    error = "text after a closing quote.";
                }

                return sb.ToString();
            }
        }

        error = "a quoted field is not closed.";
        return sb.ToString();
    }
}
