using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HealthScore.Core.Serialization;

/// <summary>Where each value of a JSON document starts, by JSON path (<c>$.groups[1].metrics[0].weight</c>), as 1-based line and column.</summary>
internal sealed class JsonPathIndex
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    private JsonPathIndex()
    {
    }

    public static JsonPathIndex Build(ReadOnlySpan<byte> utf8)
    {
        var index = new JsonPathIndex();
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path[^1] = path[^1] with { Name = reader.GetString() };
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        if (path.Count > 0 && path[^1].IsArray)
                        {
                            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
                        }

                        index._positions.TryAdd(Format(path), Position(utf8, lineStarts, (int)reader.TokenStartIndex));
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            path.Add(new Segment(reader.TokenType == JsonTokenType.StartArray, -1, null));
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed document is reported by the deserializer; the index keeps what it read.
        }

        return index;
    }

    /// <summary>Finds the position of <paramref name="path"/>, or of its nearest ancestor present in the document.</summary>
    public (int Line, int Column)? Find(string path)
    {
        var candidate = path;
        while (candidate.Length > 0)
        {
            if (_positions.TryGetValue(candidate, out var position))
            {
                return position;
            }

            var cut = Math.Max(candidate.LastIndexOf('.'), candidate.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }

            candidate = candidate[..cut];
        }

        return _positions.TryGetValue("$", out var root) ? root : null;
    }

    private static string Format(List<Segment> path)
    {
        var text = new StringBuilder("$");
        foreach (var segment in path)
        {
            if (segment.IsArray)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment.Name is not null)
            {
                text.Append('.').Append(segment.Name);
            }
        }

        return text.ToString();
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, List<int> lineStarts, int offset)
    {
        var line = lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1;
        for (var i = lineStarts[line]; i < offset; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }

    private readonly record struct Segment(bool IsArray, int Index, string? Name);
}
