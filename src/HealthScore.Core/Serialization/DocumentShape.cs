using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>
/// The first pass over a model document: walks the JSON with the source-generated metadata of the definition types
/// and records every shape error — unknown or repeated properties, values of the wrong JSON type, nulls where a value
/// is needed, numbers out of range, scoring functions without a known <c>type</c> — with its JSON path, line and
/// column. It writes a copy of the document without the values at fault, which the deserializer then reads
/// without error, so the model's own checks run over everything that is well-formed.
/// </summary>
internal ref partial struct DocumentShape
{
    private readonly DocumentPositions _positions;
    private readonly List<ModelError> _errors;
    private readonly HashSet<string> _failed;
    private readonly Utf8JsonWriter _writer;
    private readonly Dictionary<string, string>? _headings;
    private readonly ScoringFunctionTypes _types;

    private DocumentShape(ReadOnlySpan<byte> utf8, List<ModelError> errors, HashSet<string> failed, Utf8JsonWriter writer, Dictionary<string, string>? headings, ScoringFunctionTypes types)
    {
        _headings = headings;
        _types = types;
        _positions = new DocumentPositions(utf8);
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

    /// <summary>
    /// Checks the document's shape. Returns the well-formed part as UTF-8 JSON, or null when the document is not
    /// JSON at all. Every path whose value was left out or replaced is added to <paramref name="failed"/>, so later
    /// checks can skip what this one already reported.
    /// </summary>
    /// <param name="utf8">The document.</param>
    /// <param name="errors">Receives the shape errors.</param>
    /// <param name="failed">Receives the paths of the values at fault.</param>
    /// <param name="headings">For a format 1 document, receives its report headings by name (they are left out of the copy); null for format 2.</param>
    /// <param name="types">The scoring function types the document may use.</param>
    public static byte[]? Check(ReadOnlySpan<byte> utf8, List<ModelError> errors, HashSet<string> failed, Dictionary<string, string>? headings, ScoringFunctionTypes types)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, utf8.Length));
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false });
        var shape = new DocumentShape(utf8, errors, failed, writer, headings, types);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                errors.Add(new ModelError(ModelErrorKind.Syntax, "$", "the document is empty; it must be a JSON object, for example { \"groups\": [ … ], \"bands\": [ … ] }.", 1, 1));
                return null;
            }

            var root = types.Info(typeof(HealthModelDefinition));
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                shape.Fail(ref reader, "$", $"the document must be a JSON object, not {Describe(reader.TokenType)}.");
                return null;
            }

            shape.Walk(ref reader, root, Expected.Object, "$");
            if (reader.Read())
            {
                var position = shape._positions.At((int)reader.TokenStartIndex);
                errors.Add(new ModelError(ModelErrorKind.Syntax, "$", "there is more after the end of the document's object; a document holds one JSON object.", position.Line, position.Column));
                return null;
            }
        }
        catch (JsonException exception)
        {
            errors.Add(Malformed(exception));
            return null;
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
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

    private static string PathOf(string parent, string name) => parent + "." + name;

    /// <summary>Checks the value the reader is on against <paramref name="info"/>; writes it when it fits, and returns whether it did.</summary>
    private bool Value(ref Utf8JsonReader reader, JsonTypeInfo info, string path, bool nullable, string? propertyName)
    {
        var expected = Classify(info, out var type);
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            if (nullable)
            {
                WriteName(propertyName);
                _writer.WriteNullValue();
                return true;
            }

            Fail(ref reader, path, $"must be {Describe(expected, type)}, not null.{(propertyName is null ? string.Empty : " Leave the property out to use its default.")}");
            return false;
        }

        switch (expected)
        {
            case Expected.Polymorphic when token == JsonTokenType.StartObject:
                return WalkPolymorphic(ref reader, info, path, propertyName);
            case Expected.Object or Expected.Dictionary when token == JsonTokenType.StartObject:
            case Expected.Array when token == JsonTokenType.StartArray:
                WriteName(propertyName);
                return Walk(ref reader, info, expected, path);
            case Expected.String when token == JsonTokenType.String:
                if (!TryGetString(ref reader, path, out var text))
                {
                    return false;
                }

                WriteName(propertyName);
                _writer.WriteStringValue(text);
                return true;
            case Expected.Enum when token == JsonTokenType.String:
                return EnumValue(ref reader, type, path, propertyName);
            case Expected.Number when token == JsonTokenType.Number:
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    Fail(ref reader, path, "is too large a number: use a finite number, at most about 1.8e308 in size.");
                    return false;
                }

                WriteName(propertyName);
                _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                return true;
            case Expected.WholeNumber when token == JsonTokenType.Number:
                if (!reader.TryGetInt32(out var whole))
                {
                    Fail(ref reader, path, "must be a whole number from -2,147,483,648 to 2,147,483,647, without a fraction or exponent.");
                    return false;
                }

                WriteName(propertyName);
                _writer.WriteNumberValue(whole);
                return true;
            case Expected.Boolean when token is JsonTokenType.True or JsonTokenType.False:
                WriteName(propertyName);
                _writer.WriteBooleanValue(token == JsonTokenType.True);
                return true;
        }

        Fail(ref reader, path, $"must be {Describe(expected, type)}, not {Describe(token)}.");
        return false;
    }

    private bool EnumValue(ref Utf8JsonReader reader, Type type, string path, string? propertyName)
    {
        if (!TryGetString(ref reader, path, out var text))
        {
            return false;
        }

        var names = EnumNames.Of(type);
        foreach (var name in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                WriteName(propertyName);
                _writer.WriteStringValue(name);
                return true;
            }
        }

        Fail(ref reader, path, $"'{ErrorText.Quote(text)}' is not allowed here: use one of {string.Join(", ", names)}.");
        return false;
    }

    private bool TryGetString(ref Utf8JsonReader reader, string path, out string text)
    {
        if (TryGetStringQuietly(ref reader, out text))
        {
            return true;
        }

        // Invalid UTF-8, or an escaped lone surrogate (\ud800), passes the reader but is not text.
        Fail(ref reader, path, "is not valid text: it holds bytes that are not UTF-8, or half of an escaped surrogate pair (\\uD800–\\uDFFF alone); save the document as UTF-8 and remove them.");
        return false;
    }

    private bool Walk(ref Utf8JsonReader reader, JsonTypeInfo info, Expected expected, string path)
    {
        switch (expected)
        {
            case Expected.Array:
                WalkArray(ref reader, info, path);
                return true;
            case Expected.Dictionary:
                WalkDictionary(ref reader, info, path);
                return true;
            default:
                WalkObject(ref reader, info, path, discriminator: null);
                return true;
        }
    }

    private void WalkObject(ref Utf8JsonReader reader, JsonTypeInfo info, string path, (string Name, string Value)? discriminator)
    {
        var properties = info.Properties;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _writer.WriteStartObject();
        if (discriminator is { } first)
        {
            // The discriminator goes first, where the deserializer looks for it.
            _writer.WriteString(first.Name, first.Value);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!NextName(ref reader, path, seen, "property name", out var name, out var nameStart))
            {
                continue;
            }

            var propertyPath = PathOf(path, name);

            if (discriminator is { } known && name == known.Name)
            {
                reader.Skip();
                continue;
            }


            JsonPropertyInfo? property = null;
            foreach (var candidate in properties)
            {
                if (candidate.Name == name)
                {
                    property = candidate;
                    break;
                }
            }

            if (property is null && _headings is not null && path == "$.report" && Array.IndexOf(FormatVersion1.ReportHeadings, name) >= 0)
            {
                if (reader.TokenType == JsonTokenType.String && TryGetString(ref reader, propertyPath, out var heading))
                {
                    _headings[name] = heading;
                }
                else if (reader.TokenType != JsonTokenType.String)
                {
                    Fail(ref reader, propertyPath, $"must be a string, not {Describe(reader.TokenType)}.");
                }

                continue;
            }

            if (property is null)
            {
                FailAt(nameStart, propertyPath, UnknownProperty(name, properties, discriminator?.Name));
                reader.Skip();
                continue;
            }

            var propertyInfo = _types.Info(property.PropertyType)!;
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsSetNullable);
            Value(ref reader, propertyInfo, propertyPath, nullable, name);
        }

        _writer.WriteEndObject();
    }

    private void WriteName(string? propertyName)
    {
        if (propertyName is not null)
        {
            _writer.WritePropertyName(propertyName);
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

    private void Fail(ref Utf8JsonReader reader, string path, string message)
    {
        FailAt((int)reader.TokenStartIndex, path, message);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }

    private void FailAt(int offset, string path, string message)
    {
        var position = _positions.At(offset);
        _errors.Add(new ModelError(ModelErrorKind.Shape, path, message, position.Line, position.Column));
        _failed.Add(path);
    }
}
