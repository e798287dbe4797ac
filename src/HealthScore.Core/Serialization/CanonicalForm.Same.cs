using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HealthScore.Core.Serialization;

internal static partial class CanonicalForm
{
    /// <summary>
    /// Whether <paramref name="value"/> and <paramref name="fallback"/> have the same canonical form, decided on the
    /// elements without writing them: values of different kinds never write the same bytes, numbers write the same
    /// bytes exactly when they are equal doubles, strings when they are equal, arrays element by element, and objects
    /// when they hold the same properties apart from those at their default.
    /// </summary>
    private static bool Same(JsonElement value, JsonElement fallback, JsonTypeInfo? info)
    {
        if (value.ValueKind != fallback.ValueKind)
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetDouble() == fallback.GetDouble();
            case JsonValueKind.String:
                return string.Equals(value.GetString(), fallback.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                return SameArray(value, fallback, ElementOf(info));
            case JsonValueKind.Object when info?.Kind == JsonTypeInfoKind.Dictionary:
                return SameEntries(value, fallback, ElementOf(info));
            case JsonValueKind.Object:
                return SameObject(value, fallback, info);
            default:
                // true, false and null: the same kind writes the same token.
                return true;
        }
    }

    private static bool SameArray(JsonElement value, JsonElement fallback, JsonTypeInfo? elementInfo)
    {
        if (value.GetArrayLength() != fallback.GetArrayLength())
        {
            return false;
        }

        using var other = fallback.EnumerateArray();
        foreach (var item in value.EnumerateArray())
        {
            other.MoveNext();
            if (!Same(item, other.Current, elementInfo))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameEntries(JsonElement value, JsonElement fallback, JsonTypeInfo? valueInfo)
    {
        var count = 0;
        foreach (var entry in value.EnumerateObject())
        {
            count++;
            if (!fallback.TryGetProperty(entry.Name, out var other) || !Same(entry.Value, other, valueInfo))
            {
                return false;
            }
        }

        foreach (var _ in fallback.EnumerateObject())
        {
            count--;
        }

        return count == 0;
    }

    private static bool SameObject(JsonElement value, JsonElement fallback, JsonTypeInfo? info)
    {
        var valueInfo = Resolve(value, info);
        if (!ReferenceEquals(valueInfo, Resolve(fallback, info)))
        {
            // Different scoring function types: compare what each writes.
            return Canonical(value, info).AsSpan().SequenceEqual(Canonical(fallback, info));
        }

        // Each object writes the properties not at their default, in name order; property names are unique, so the
        // two write the same when every written property of one is in the other with the same form, and they write
        // as many. A property written by one and at its default in the other cannot have the same form.
        var defaults = valueInfo is null ? null : DefaultOf(valueInfo);
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            var propertyInfo = PropertyType(valueInfo, property.Name);
            if (IsDefault(property, propertyInfo, defaults))
            {
                continue;
            }

            count++;
            if (!fallback.TryGetProperty(property.Name, out var other) || !Same(property.Value, other, propertyInfo))
            {
                return false;
            }
        }

        foreach (var property in fallback.EnumerateObject())
        {
            if (!IsDefault(property, PropertyType(valueInfo, property.Name), defaults))
            {
                count--;
            }
        }

        return count == 0;
    }

    private static bool IsDefault(JsonProperty property, JsonTypeInfo? propertyInfo, JsonElement? defaults) =>
        defaults is { } d && d.TryGetProperty(property.Name, out var fallback) && Same(property.Value, fallback, propertyInfo);

    private static byte[] Canonical(JsonElement element, JsonTypeInfo? info)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(writer, element, info);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
