using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>The shape pass over containers: scoring functions found by their type, arrays and dictionaries.</summary>
internal ref partial struct DocumentShape
{
    private bool WalkPolymorphic(ref Utf8JsonReader reader, JsonTypeInfo info, string? propertyName)
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
                _failed.Add(_path.ToString());
                _path.Push(discriminator);
                FailAt(typeStart, problem);
                _path.Pop();
            }
            else
            {
                Fail(ref reader, problem);
            }

            reader.Skip();
            return false;
        }

        var derivedType = options.DerivedTypes[known.IndexOf(typeName!)].DerivedType;
        WriteName(propertyName);
        WalkObject(ref reader, _types.Info(derivedType)!, (discriminator, typeName!));
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

    private void WalkArray(ref Utf8JsonReader reader, JsonTypeInfo info)
    {
        var elementInfo = _types.Info(info.ElementType!)!;
        var elementExpected = Classify(elementInfo, out _);
        _writer?.WriteStartArray();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            _path.Push(index);
            if (!Value(ref reader, elementInfo, nullable: false, propertyName: null) && _writer is not null)
            {
                // Keep the later elements at their positions: a placeholder stands in for the one at fault.
                WritePlaceholder(elementExpected, elementInfo);
            }

            _path.Pop();
            index++;
        }

        _writer?.WriteEndArray();
    }

    private void WalkDictionary(ref Utf8JsonReader reader, JsonTypeInfo info)
    {
        var valueInfo = _types.Info(info.ElementType!)!;
        NameSet? seen = null;
        _writer?.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            if (!ReadName(ref reader, "key", out var key, nameStart))
            {
                continue;
            }

            if (!(seen ??= new NameSet()).Add(key))
            {
                Repeated(ref reader, nameStart, key);
                continue;
            }

            _path.Push(key);
            Value(ref reader, valueInfo, nullable: false, propertyName: key);
            _path.Pop();
        }

        _writer?.WriteEndObject();
    }

    private readonly void WritePlaceholder(Expected expected, JsonTypeInfo info)
    {
        var writer = _writer!;
        switch (expected)
        {
            case Expected.Array:
                writer.WriteStartArray();
                writer.WriteEndArray();
                break;
            case Expected.Polymorphic:
                writer.WriteStartObject();
                writer.WriteString(info.PolymorphismOptions!.TypeDiscriminatorPropertyName, (string)info.PolymorphismOptions.DerivedTypes[0].TypeDiscriminator!);
                writer.WriteEndObject();
                break;
            case Expected.Object or Expected.Dictionary:
                writer.WriteStartObject();
                writer.WriteEndObject();
                break;
            case Expected.Number or Expected.WholeNumber:
                writer.WriteNumberValue(0);
                break;
            case Expected.Boolean:
                writer.WriteBooleanValue(false);
                break;
            case Expected.Enum:
                writer.WriteStringValue(EnumNames.Of(Nullable.GetUnderlyingType(info.Type) ?? info.Type)[0]);
                break;
            default:
                writer.WriteStringValue(string.Empty);
                break;
        }
    }

    /// <summary>
    /// Reads a property name and moves to its value. A name that is not text is reported and its value skipped:
    /// the caller goes on with the next property.
    /// </summary>
    private bool ReadName(ref Utf8JsonReader reader, string what, out string name, int nameStart)
    {
        var readable = TryGetStringQuietly(ref reader, out name);
        reader.Read();
        if (readable)
        {
            return true;
        }

        FailAt(nameStart, $"holds a {what} that is not valid text (invalid UTF-8 or half of an escaped surrogate pair); save the document as UTF-8 and remove it.");
        reader.Skip();
        return false;
    }

    /// <summary>Reports a name the object already has and skips its value.</summary>
    private void Repeated(ref Utf8JsonReader reader, int nameStart, string name)
    {
        _path.Push(name);
        FailAt(nameStart, $"'{ErrorText.Quote(name)}' is given more than once in this object; keep one.");
        _path.Pop();
        reader.Skip();
    }
}
