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
        List<int>? lineStarts = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<Segment>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path[^1] = path[^1] with { Name = NameOf(ref reader) };
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

                        index._positions.TryAdd(Format(path), DocumentPositions.At(utf8, ref lineStarts, (int)reader.TokenStartIndex));
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

    private static string NameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A name that is not text was reported by the shape pass; it cannot be a path any error asks for.
            return "\uFFFD";
        }
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

    private readonly record struct Segment(bool IsArray, int Index, string? Name);
}
