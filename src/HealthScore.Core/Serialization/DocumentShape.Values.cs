using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>The shape pass over single values: numbers, booleans, enum names and text.</summary>
internal ref partial struct DocumentShape
{
    /// <summary>Checks the value the reader is on against <paramref name="info"/>; writes it when it fits, and returns whether it did.</summary>
    private bool Value(ref Utf8JsonReader reader, JsonTypeInfo info, bool nullable, string? propertyName)
    {
        var expected = Classify(info, out var type);
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            if (nullable)
            {
                if (_writer is { } nullWriter)
                {
                    WriteName(propertyName);
                    nullWriter.WriteNullValue();
                }

                return true;
            }

            Fail(ref reader, $"must be {Describe(expected, type)}, not null.{(propertyName is null ? string.Empty : " Leave the property out to use its default.")}");
            return false;
        }

        switch (expected)
        {
            case Expected.Polymorphic when token == JsonTokenType.StartObject:
                return WalkPolymorphic(ref reader, info, propertyName);
            case Expected.Object or Expected.Dictionary when token == JsonTokenType.StartObject:
            case Expected.Array when token == JsonTokenType.StartArray:
                WriteName(propertyName);
                return Walk(ref reader, info, expected);
            case Expected.String when token == JsonTokenType.String:
                if (_writer is null)
                {
                    return IsText(ref reader);
                }

                if (!TryGetString(ref reader, out var text))
                {
                    return false;
                }

                WriteName(propertyName);
                _writer.WriteStringValue(text);
                return true;
            case Expected.Enum when token == JsonTokenType.String:
                return EnumValue(ref reader, type, propertyName);
            case Expected.Number when token == JsonTokenType.Number:
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    Fail(ref reader, "is too large a number: use a finite number, at most about 1.8e308 in size.");
                    return false;
                }

                if (_writer is not null)
                {
                    WriteName(propertyName);
                    _writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                }

                return true;
            case Expected.WholeNumber when token == JsonTokenType.Number:
                if (!reader.TryGetInt32(out var whole))
                {
                    Fail(ref reader, "must be a whole number from -2,147,483,648 to 2,147,483,647, without a fraction or exponent.");
                    return false;
                }

                if (_writer is not null)
                {
                    WriteName(propertyName);
                    _writer.WriteNumberValue(whole);
                }

                return true;
            case Expected.Boolean when token is JsonTokenType.True or JsonTokenType.False:
                if (_writer is not null)
                {
                    WriteName(propertyName);
                    _writer.WriteBooleanValue(token == JsonTokenType.True);
                }

                return true;
        }

        Fail(ref reader, $"must be {Describe(expected, type)}, not {Describe(token)}.");
        return false;
    }

    private bool EnumValue(ref Utf8JsonReader reader, Type type, string? propertyName)
    {
        var names = EnumNames.Of(type);
        foreach (var name in names)
        {
            if (!reader.ValueIsEscaped && reader.ValueTextEquals(name))
            {
                if (_writer is not null)
                {
                    WriteName(propertyName);
                    _writer.WriteStringValue(name);
                }

                return true;
            }
        }

        if (!TryGetString(ref reader, out var text))
        {
            return false;
        }

        foreach (var name in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                // Written in the case the deserializer reads.
                Rewrite = true;
                if (_writer is not null)
                {
                    WriteName(propertyName);
                    _writer.WriteStringValue(name);
                }

                return true;
            }
        }

        Fail(ref reader, $"'{ErrorText.Quote(text)}' is not allowed here: use one of {string.Join(", ", names)}.");
        return false;
    }

    private bool TryGetString(ref Utf8JsonReader reader, out string text)
    {
        if (TryGetStringQuietly(ref reader, out text))
        {
            return true;
        }

        FailNotText(ref reader);
        return false;
    }

    /// <summary>Whether the string the reader is on is text, as <see cref="TryGetString"/> decides, without making the string when it need not.</summary>
    private bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            if (Utf8.IsValid(reader.ValueSpan))
            {
                return true;
            }

            FailNotText(ref reader);
            return false;
        }

        return TryGetString(ref reader, out _);
    }

    private void FailNotText(ref Utf8JsonReader reader) =>
        // Invalid UTF-8, or an escaped lone surrogate (\ud800), passes the reader but is not text.
        Fail(ref reader, "is not valid text: it holds bytes that are not UTF-8, or half of an escaped surrogate pair (\\uD800–\\uDFFF alone); save the document as UTF-8 and remove them.");
}
