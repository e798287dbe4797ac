using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>
/// The canonical form of a definition, over which its content hash is taken: the definition as the document
/// serializer writes it, then with object properties in ordinal order, properties at their default value left out,
/// numbers in shortest round-trip form (<c>-0</c> as <c>0</c>), no whitespace, and <c>$schema</c> and
/// <c>formatVersion</c> left out. Text is kept as written (no Unicode normalisation), because labels and messages
/// reach people as written.
/// </summary>
internal static class CanonicalForm
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly Dictionary<Type, JsonElement?> Defaults = [];
    private static readonly object DefaultsLock = new();
    private static readonly ConditionalWeakTable<JsonTypeInfo, Entry[]> SortedEntries = new();

    /// <summary>Returns the SHA-256 of the canonical form, as lowercase hex.</summary>
    public static string Hash(HealthModelDefinition definition, ScoringFunctionTypes types) => Convert.ToHexString(SHA256.HashData(Write(definition, types))).ToLowerInvariant();

    /// <summary>Returns the canonical form as UTF-8 JSON.</summary>
    public static byte[] Write(HealthModelDefinition definition, ScoringFunctionTypes types)
    {
        var info = types.Info(typeof(HealthModelDefinition));
        var serialized = JsonSerializer.SerializeToUtf8Bytes(definition, info);
        using var document = JsonDocument.Parse(serialized);
        var buffer = new ArrayBufferWriter<byte>(serialized.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteObject(writer, document.RootElement, info, root: true);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement element, JsonTypeInfo? info)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when info?.Kind == JsonTypeInfoKind.Dictionary:
                WriteDictionary(writer, element, Info(info, info.ElementType));
                break;
            case JsonValueKind.Object:
                WriteObject(writer, element, info, root: false);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var elementInfo = Info(info, info?.ElementType);
                foreach (var item in element.EnumerateArray())
                {
                    WriteValue(writer, item, elementInfo);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                WriteNumber(writer, element.GetDouble());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, double number)
    {
        Span<byte> text = stackalloc byte[64];
        if (number == 0)
        {
            writer.WriteRawValue("0"u8, skipInputValidation: true);
        }
        else if (number.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture))
        {
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement element, JsonTypeInfo? info, bool root)
    {
        var declared = info;
        info = Resolve(element, info);
        if (info is not null && WriteKnown(writer, element, info, ReferenceEquals(info, declared) ? null : declared!.PolymorphismOptions?.TypeDiscriminatorPropertyName, root))
        {
            return;
        }

        var defaults = info is null ? null : DefaultOf(info);
        var properties = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            if (root && property.Name is "$schema" or "formatVersion")
            {
                continue;
            }

            if (IsDefault(property, PropertyType(info, property.Name), defaults))
            {
                continue;
            }

            properties.Add(property);
        }

        properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        writer.WriteStartObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            WriteValue(writer, property.Value, PropertyType(info, property.Name));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes an object whose every property its type describes (and the discriminator of a scoring function) in
    /// name order, without making the names as strings; false, with nothing written, when it has another property.
    /// </summary>
    private static bool WriteKnown(Utf8JsonWriter writer, JsonElement element, JsonTypeInfo info, string? discriminator, bool root)
    {
        var entries = EntriesOf(info, discriminator);
        if (entries.Length > 64)
        {
            return false;
        }

        var values = ArrayPool<JsonElement>.Shared.Rent(entries.Length);
        try
        {
            var present = 0UL;
            foreach (var property in element.EnumerateObject())
            {
                var index = -1;
                for (var i = 0; i < entries.Length; i++)
                {
                    if (property.NameEquals(entries[i].Utf8Name))
                    {
                        index = i;
                        break;
                    }
                }

                if (index < 0)
                {
                    return false;
                }

                values[index] = property.Value;
                present |= 1UL << index;
            }

            var defaults = DefaultOf(info);
            writer.WriteStartObject();
            for (var i = 0; i < entries.Length; i++)
            {
                if ((present & (1UL << i)) == 0)
                {
                    continue;
                }

                var entry = entries[i];
                if (root && entry.Name is "$schema" or "formatVersion")
                {
                    continue;
                }

                var value = values[i];
                if (defaults is { } d && d.TryGetProperty(entry.Utf8Name, out var fallback) && Same(value, fallback, entry.Info))
                {
                    continue;
                }

                writer.WritePropertyName(entry.Utf8Name);
                WriteValue(writer, value, entry.Info);
            }

            writer.WriteEndObject();
            return true;
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(values, clearArray: true);
        }
    }

    /// <summary>The properties of <paramref name="info"/> (and the discriminator, when there is one) in ordinal name order, with their UTF-8 names and metadata.</summary>
    private static Entry[] EntriesOf(JsonTypeInfo info, string? discriminator)
    {
        if (SortedEntries.TryGetValue(info, out var cached) && (discriminator is null || Array.Exists(cached, e => e.Name == discriminator)))
        {
            return cached;
        }

        var entries = new List<Entry>();
        foreach (var property in info.Properties)
        {
            entries.Add(new Entry(property.Name, Encoding.UTF8.GetBytes(property.Name), Info(info, property.PropertyType)));
        }

        if (discriminator is not null && !entries.Exists(e => e.Name == discriminator))
        {
            entries.Add(new Entry(discriminator, Encoding.UTF8.GetBytes(discriminator), null));
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var sorted = entries.ToArray();
        SortedEntries.AddOrUpdate(info, sorted);
        return sorted;
    }

    private static void WriteDictionary(Utf8JsonWriter writer, JsonElement element, JsonTypeInfo? valueInfo)
    {
        var entries = new List<JsonProperty>(element.EnumerateObject());
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        writer.WriteStartObject();
        foreach (var entry in entries)
        {
            writer.WritePropertyName(entry.Name);
            WriteValue(writer, entry.Value, valueInfo);
        }

        writer.WriteEndObject();
    }

    /// <summary>A polymorphic value (a scoring function) is read with its own type's metadata, found by its discriminator.</summary>
    private static JsonTypeInfo? Resolve(JsonElement element, JsonTypeInfo? info)
    {
        if (info?.PolymorphismOptions is not { } options || !element.TryGetProperty(options.TypeDiscriminatorPropertyName, out var type))
        {
            return info;
        }

        foreach (var derived in options.DerivedTypes)
        {
            if (type.ValueKind == JsonValueKind.String && (string?)derived.TypeDiscriminator == type.GetString())
            {
                return Info(info, derived.DerivedType);
            }
        }

        return info;
    }

    private static JsonTypeInfo? PropertyType(JsonTypeInfo? info, string name)
    {
        if (info is null)
        {
            return null;
        }

        foreach (var property in info.Properties)
        {
            if (property.Name == name)
            {
                return Info(info, property.PropertyType);
            }
        }

        return null;
    }

    private static JsonTypeInfo? Info(JsonTypeInfo? owner, Type? type) => owner is null || type is null ? null : owner.Options.GetTypeInfo(type);

    /// <summary>The serialized form of a new instance of the type: the defaults a document may leave out.</summary>
    private static JsonElement? DefaultOf(JsonTypeInfo info)
    {
        lock (DefaultsLock)
        {
            if (!Defaults.TryGetValue(info.Type, out var defaults))
            {
                defaults = info.CreateObject?.Invoke() is { } instance
                    ? JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(instance, info)).RootElement.Clone()
                    : null;
                Defaults.Add(info.Type, defaults);
            }

            return defaults;
        }
    }

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
                return SameArray(value, fallback, Info(info, info?.ElementType));
            case JsonValueKind.Object when info?.Kind == JsonTypeInfoKind.Dictionary:
                return SameEntries(value, fallback, Info(info, info.ElementType));
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

    private sealed record Entry(string Name, byte[] Utf8Name, JsonTypeInfo? Info);
}
