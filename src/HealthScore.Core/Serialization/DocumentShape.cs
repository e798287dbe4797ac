using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>
/// The first pass over a model document: walks the JSON with the source-generated metadata of the definition types
/// and records every shape error — unknown or repeated properties, values of the wrong JSON type, nulls where a value
/// is needed, numbers out of range, scoring functions without a known <c>type</c> — with its JSON path, line and
/// column. When something must be left out or rewritten, a second pass writes a copy of the document without
/// the values at fault, which the deserializer then reads without error, so the model's own checks run over
/// everything that is well-formed; a document with nothing to rewrite is deserialized as it is.
/// </summary>
internal ref partial struct DocumentShape
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly List<ModelError> _errors;
    private readonly HashSet<string> _failed;
    private readonly Utf8JsonWriter? _writer;
    private readonly Dictionary<string, string>? _headings;
    private readonly ScoringFunctionTypes _types;
    private readonly DocumentPath _path = new();
    private List<int>? _lineStarts;

    private DocumentShape(ReadOnlySpan<byte> utf8, List<ModelError> errors, HashSet<string> failed, Utf8JsonWriter? writer, Dictionary<string, string>? headings, ScoringFunctionTypes types)
    {
        _utf8 = utf8;
        _headings = headings;
        _types = types;
        _errors = errors;
        _failed = failed;
        _writer = writer;
    }

    private enum Expected
    {
        Object,
        Polymorphic,
        Array,
        Dictionary,
        String,
        Number,
        WholeNumber,
        Boolean,
        Enum,
    }

    /// <summary>Gets whether the walk found something the deserializer must not see as written: a value at fault, a format 1 heading or an enum name in another case.</summary>
    private bool Rewrite { get; set; }

    /// <summary>
    /// Checks the document's shape. Returns the well-formed part as UTF-8 JSON (the document itself when nothing had
    /// to be left out or rewritten), or null when the document is not JSON at all. Every path whose value was left
    /// out or replaced is added to <paramref name="failed"/>, so later checks can skip what this one already reported.
    /// </summary>
    /// <param name="utf8">The document.</param>
    /// <param name="errors">Receives the shape errors.</param>
    /// <param name="failed">Receives the paths of the values at fault.</param>
    /// <param name="headings">For a format 1 document, receives its report headings by name (they are left out of the copy); null for format 2.</param>
    /// <param name="types">The scoring function types the document may use.</param>
    /// <param name="clean">Receives the well-formed part: <paramref name="utf8"/> itself, or a copy without what was left out.</param>
    /// <returns>Whether the document is JSON.</returns>
    public static bool Check(ReadOnlySpan<byte> utf8, List<ModelError> errors, HashSet<string> failed, Dictionary<string, string>? headings, ScoringFunctionTypes types, out ReadOnlySpan<byte> clean)
    {
        clean = default;
        var shape = new DocumentShape(utf8, errors, failed, writer: null, headings, types);
        if (!shape.Run())
        {
            return false;
        }

        if (!shape.Rewrite)
        {
            clean = utf8;
            return true;
        }

        // The same walk again, writing the copy; what it reports was reported by the first walk.
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, utf8.Length));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }))
        {
            var copy = new DocumentShape(utf8, [], new HashSet<string>(StringComparer.Ordinal), writer, headings is null ? null : new Dictionary<string, string>(StringComparer.Ordinal), types);
            copy.Run();
        }

        clean = buffer.WrittenSpan;
        return true;
    }

    private bool Run()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                _errors.Add(new ModelError(ModelErrorKind.Syntax, "$", "the document is empty; it must be a JSON object, for example { \"groups\": [ … ], \"bands\": [ … ] }.", 1, 1));
                return false;
            }

            var root = _types.Info(typeof(HealthModelDefinition));
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Fail(ref reader, $"the document must be a JSON object, not {Describe(reader.TokenType)}.");
                return false;
            }

            Walk(ref reader, root, Expected.Object);
            if (reader.Read())
            {
                var position = At((int)reader.TokenStartIndex);
                _errors.Add(new ModelError(ModelErrorKind.Syntax, "$", "there is more after the end of the document's object; a document holds one JSON object.", position.Line, position.Column));
                return false;
            }
        }
        catch (JsonException exception)
        {
            _errors.Add(Malformed(exception));
            return false;
        }

        _writer?.Flush();
        return true;
    }

    private static ModelError Malformed(JsonException exception)
    {
        var line = (int)(exception.LineNumber ?? 0) + 1;
        var column = (int)(exception.BytePositionInLine ?? 0) + 1;
        var text = exception.Message;
        var cut = text.IndexOf(" LineNumber:", StringComparison.Ordinal);
        text = ErrorText.Quote((cut > 0 ? text[..cut] : text).TrimEnd(), 200);
        return new ModelError(ModelErrorKind.Syntax, "$", $"is not valid JSON: {text} Check for a missing comma, quote or bracket near here.", line, column);
    }

    private static Expected Classify(JsonTypeInfo info, out Type type)
    {
        type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return info.PolymorphismOptions is { DerivedTypes.Count: > 0 } ? Expected.Polymorphic : Expected.Object;
            case JsonTypeInfoKind.Enumerable:
                return Expected.Array;
            case JsonTypeInfoKind.Dictionary:
                return Expected.Dictionary;
        }

        if (type == typeof(string))
        {
            return Expected.String;
        }

        if (type == typeof(double))
        {
            return Expected.Number;
        }

        if (type == typeof(int))
        {
            return Expected.WholeNumber;
        }

        if (type == typeof(bool))
        {
            return Expected.Boolean;
        }

        return type.IsEnum ? Expected.Enum : Expected.String;
    }

    private static string Describe(Expected expected, Type type) => expected switch
    {
        Expected.Object or Expected.Polymorphic or Expected.Dictionary => "an object",
        Expected.Array => "an array",
        Expected.Number => "a number",
        Expected.WholeNumber => "a whole number",
        Expected.Boolean => "true or false",
        Expected.Enum => "one of " + string.Join(", ", EnumNames.Of(type)),
        _ => "a string",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "a " + token.ToString(),
    };

    private bool Walk(ref Utf8JsonReader reader, JsonTypeInfo info, Expected expected)
    {
        switch (expected)
        {
            case Expected.Array:
                WalkArray(ref reader, info);
                return true;
            case Expected.Dictionary:
                WalkDictionary(ref reader, info);
                return true;
            default:
                WalkObject(ref reader, info, discriminator: null);
                return true;
        }
    }

    private void WalkObject(ref Utf8JsonReader reader, JsonTypeInfo info, (string Name, string Value)? discriminator)
    {
        var properties = info.Properties;
        var shape = TypeMetadata.Of(info);
        var utf8Names = shape.Utf8Names;

        // Which known properties the object has given, as bits (a set for the names past 64); the other names
        // (the discriminator, unknown ones, format 1 headings) in a list made when one comes.
        var given = 0UL;
        HashSet<int>? givenPast64 = null;
        NameSet? others = null;
        var report = _headings is not null && _path.IsTopLevel("report");
        _writer?.WriteStartObject();
        if (discriminator is { } first)
        {
            // The discriminator goes first, where the deserializer looks for it.
            _writer?.WriteString(first.Name, first.Value);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            var index = -1;
            string name;
            if (!reader.ValueIsEscaped)
            {
                for (var i = 0; i < utf8Names.Length; i++)
                {
                    if (reader.ValueTextEquals(utf8Names[i]))
                    {
                        index = i;
                        break;
                    }
                }
            }

            if (index >= 0)
            {
                name = properties[index].Name;
                reader.Read();
            }
            else if (ReadName(ref reader, "property name", out name, nameStart))
            {
                index = IndexOf(properties, name);
            }
            else
            {
                continue;
            }

            var repeated = index < 0 ? !(others ??= new NameSet()).Add(name)
                : index < 64 ? (given & (1UL << index)) != 0
                : !(givenPast64 ??= []).Add(index);
            given |= index is >= 0 and < 64 ? 1UL << index : 0;
            if (repeated)
            {
                Repeated(ref reader, nameStart, name);
                continue;
            }

            if (discriminator is { } known && name == known.Name)
            {
                reader.Skip();
                continue;
            }

            _path.Push(name);
            if (index < 0 && report && Array.IndexOf(FormatVersion1.ReportHeadings, name) >= 0)
            {
                // Format 1: the heading is left out of the copy and becomes a text.
                Rewrite = true;
                if (reader.TokenType == JsonTokenType.String && TryGetString(ref reader, out var heading))
                {
                    _headings![name] = heading;
                }
                else if (reader.TokenType != JsonTokenType.String)
                {
                    Fail(ref reader, $"must be a string, not {Describe(reader.TokenType)}.");
                }

                _path.Pop();
                continue;
            }

            if (index < 0)
            {
                FailAt(nameStart, UnknownProperty(name, properties, discriminator?.Name));
                reader.Skip();
                _path.Pop();
                continue;
            }

            Value(ref reader, shape.Properties[index], shape.Nullable[index], name);
            _path.Pop();
        }

        _writer?.WriteEndObject();
    }

    private static int IndexOf(IList<JsonPropertyInfo> properties, string name)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private readonly void WriteName(string? propertyName)
    {
        if (propertyName is not null)
        {
            _writer?.WritePropertyName(propertyName);
        }
    }

    private static string UnknownProperty(string name, IList<JsonPropertyInfo> properties, string? discriminator)
    {
        var names = new List<string>();
        foreach (var property in properties)
        {
            names.Add(property.Name);
        }

        if (discriminator is not null)
        {
            names.Add(discriminator);
        }

        names.Sort(StringComparer.Ordinal);
        var suggestion = name.Length <= HealthModelLimits.MaxIdLength ? IdSuggestions.DidYouMean(name, names) : string.Empty;
        return suggestion.Length > 0
            ? $"unknown property '{ErrorText.Quote(name)}'.{suggestion} Check its spelling; properties are camelCase."
            : $"unknown property '{ErrorText.Quote(name)}'. The properties here are {string.Join(", ", names)}.";
    }

    private void Fail(ref Utf8JsonReader reader, string message)
    {
        FailAt((int)reader.TokenStartIndex, message);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    private void FailAt(int offset, string message)
    {
        Rewrite = true;
        var position = At(offset);
        var path = _path.ToString();
        _errors.Add(new ModelError(ModelErrorKind.Shape, path, message, position.Line, position.Column));
        _failed.Add(path);
    }

    /// <summary>The 1-based line and column of a byte offset (columns count characters, not bytes).</summary>
    private (int Line, int Column) At(int offset) => DocumentPositions.At(_utf8, ref _lineStarts, offset);
}
