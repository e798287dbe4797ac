using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>The shape pass over containers: scoring functions found by their type, arrays and dictionaries.</summary>
internal ref partial struct DocumentShape
{
    private bool WalkPolymorphic(ref Utf8JsonReader reader, JsonTypeInfo info, string path, string? propertyName)
    {
        var options = info.PolymorphismOptions!;
        var discriminator = options.TypeDiscriminatorPropertyName;
        var known = new List<string>();
        foreach (var derived in options.DerivedTypes)
        {
            known.Add((string)derived.TypeDiscriminator!);
        }

        // Look ahead for the discriminator without moving the reader.
        var scan = reader;
        string? typeName = null;
        var typeStart = -1;
        var typeIsString = true;
        while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
        {
            var isType = scan.ValueTextEquals(discriminator);
            scan.Read();
            if (isType && typeStart < 0)
            {
                typeStart = (int)scan.TokenStartIndex;
                typeIsString = scan.TokenType == JsonTokenType.String;
                typeName = typeIsString && TryGetStringQuietly(ref scan, out var text) ? text : null;
            }

            scan.Skip();
        }

        var list = string.Join(", ", known);
        string? problem = null;
        if (typeStart < 0)
        {
            problem = $"a scoring function needs a \"{discriminator}\": one of {list}.";
        }
        else if (!typeIsString || typeName is null)
        {
            problem = $"\"{discriminator}\" must be a string: one of {list}.";
        }
        else if (!known.Contains(typeName))
        {
            problem = $"unknown scoring function type '{ErrorText.Quote(typeName)}'.{IdSuggestions.DidYouMean(typeName, known)} Known types: {list}.";
        }

        if (problem is not null)
        {
            if (typeStart >= 0)
            {
                FailAt(typeStart, PathOf(path, discriminator), problem);
                _failed.Add(path);
            }
            else
            {
                Fail(ref reader, path, problem);
            }

            reader.Skip();
            return false;
        }

        var derivedType = options.DerivedTypes[known.IndexOf(typeName!)].DerivedType;
        WriteName(propertyName);
        WalkObject(ref reader, _types.Info(derivedType)!, path, (discriminator, typeName!));
        return true;
    }

    private static bool TryGetStringQuietly(ref Utf8JsonReader reader, out string text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private void WalkArray(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        var elementInfo = _types.Info(info.ElementType!)!;
        var elementExpected = Classify(elementInfo, out _);
        _writer.WriteStartArray();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var elementPath = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            if (!Value(ref reader, elementInfo, elementPath, nullable: false, propertyName: null))
            {
                // Keep the later elements at their positions: a placeholder stands in for the one at fault.
                WritePlaceholder(elementExpected, elementInfo);
            }

            index++;
        }

        _writer.WriteEndArray();
    }

    private void WalkDictionary(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        var valueInfo = _types.Info(info.ElementType!)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!NextName(ref reader, path, seen, "key", out var key, out _))
            {
                continue;
            }

            var entryPath = PathOf(path, key);

            Value(ref reader, valueInfo, entryPath, nullable: false, propertyName: key);
        }

        _writer.WriteEndObject();
    }

    private void WritePlaceholder(Expected expected, JsonTypeInfo info)
    {
        switch (expected)
        {
            case Expected.Array:
                _writer.WriteStartArray();
                _writer.WriteEndArray();
                break;
            case Expected.Polymorphic:
                _writer.WriteStartObject();
                _writer.WriteString(info.PolymorphismOptions!.TypeDiscriminatorPropertyName, (string)info.PolymorphismOptions.DerivedTypes[0].TypeDiscriminator!);
                _writer.WriteEndObject();
                break;
            case Expected.Object or Expected.Dictionary:
                _writer.WriteStartObject();
                _writer.WriteEndObject();
                break;
            case Expected.Number or Expected.WholeNumber:
                _writer.WriteNumberValue(0);
                break;
            case Expected.Boolean:
                _writer.WriteBooleanValue(false);
                break;
            case Expected.Enum:
                _writer.WriteStringValue(EnumNames.Of(Nullable.GetUnderlyingType(info.Type) ?? info.Type)[0]);
                break;
            default:
                _writer.WriteStringValue(string.Empty);
                break;
        }
    }

    /// <summary>
    /// Reads a property name and moves to its value. A name that is not text, or one the object already has, is
    /// reported and its value skipped: the caller goes on with the next property.
    /// </summary>
    private bool NextName(ref Utf8JsonReader reader, string path, HashSet<string> seen, string what, out string name, out int nameStart)
    {
        nameStart = (int)reader.TokenStartIndex;
        var readable = TryGetStringQuietly(ref reader, out name);
        reader.Read();
        if (!readable)
        {
            FailAt(nameStart, path, $"holds a {what} that is not valid text (invalid UTF-8 or half of an escaped surrogate pair); save the document as UTF-8 and remove it.");
        }
        else if (!seen.Add(name))
        {
            FailAt(nameStart, PathOf(path, name), $"'{ErrorText.Quote(name)}' is given more than once in this object; keep one.");
        }
        else
        {
            return true;
        }

        reader.Skip();
        return false;
    }
}
