using System.Buffers;
using System.Collections.Concurrent;
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
    private static readonly ConcurrentDictionary<Type, JsonElement?> Defaults = new();
    private static readonly ConditionalWeakTable<JsonTypeInfo, Shape> Shapes = new();

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
        var shape = ShapeOf(info, discriminator);
        var entries = shape.Entries;
        if (entries.Length > 64)
        {
            return false;
        }

        var values = ArrayPool<JsonElement>.Shared.Rent(entries.Length);
        try
        {
            var present = 0UL;
            var written = shape.Written;
            var next = 0;
            foreach (var property in element.EnumerateObject())
            {
                // The serializer writes the properties in the order of its metadata, so the next one written is
                // almost always found at or just after the one before.
                var index = -1;
                for (var k = 0; k < written.Length; k++)
                {
                    var at = next + k < written.Length ? next + k : next + k - written.Length;
                    if (property.NameEquals(entries[written[at]].Utf8Name))
                    {
                        index = written[at];
                        next = at + 1;
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
                if (entry.Default is { } fallback && Same(value, fallback, entry.Info))
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

    /// <summary>
    /// The properties of <paramref name="info"/> (and the discriminator, when there is one) in ordinal name order, with
    /// their UTF-8 names, metadata and default values, and the order the serializer writes them in.
    /// </summary>
    private static Shape ShapeOf(JsonTypeInfo info, string? discriminator)
    {
        if (Shapes.TryGetValue(info, out var cached) && (discriminator is null || cached.Has(discriminator)))
        {
            return cached;
        }

        var defaults = DefaultOf(info);
        var names = new List<string>();
        if (discriminator is not null)
        {
            names.Add(discriminator);
        }

        if (cached is not null)
        {
            names.AddRange(cached.WrittenNames());
        }

        foreach (var property in info.Properties)
        {
            if (!names.Contains(property.Name))
            {
                names.Add(property.Name);
            }
        }

        var entries = new Entry[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var utf8 = Encoding.UTF8.GetBytes(name);
            JsonElement? fallback = defaults is { } d && d.TryGetProperty(utf8, out var value) ? value : null;
            entries[i] = new Entry(name, utf8, PropertyType(info, name), fallback);
        }

        var written = new int[entries.Length];
        var sorted = (Entry[])entries.Clone();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 0; i < entries.Length; i++)
        {
            written[i] = Array.IndexOf(sorted, entries[i]);
        }

        var shape = new Shape(sorted, written);
        Shapes.AddOrUpdate(info, shape);
        return shape;
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
    private static JsonElement? DefaultOf(JsonTypeInfo info) =>
        Defaults.TryGetValue(info.Type, out var defaults) ? defaults : Defaults.GetOrAdd(info.Type, _ => info.CreateObject?.Invoke() is { } instance
            ? JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(instance, info)).RootElement.Clone()
            : null);

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

    /// <summary>A property: its name, as text and UTF-8, its metadata and its value in a new instance, when that instance writes it.</summary>
    private sealed class Entry(string name, byte[] utf8Name, JsonTypeInfo? info, JsonElement? fallback)
    {
        public string Name { get; } = name;

        public byte[] Utf8Name { get; } = utf8Name;

        public JsonTypeInfo? Info { get; } = info;

        public JsonElement? Default { get; } = fallback;
    }

    /// <summary>A type's entries in name order, and for each in the order the serializer writes them its place among them.</summary>
    private sealed class Shape(Entry[] entries, int[] written)
    {
        public Entry[] Entries { get; } = entries;

        public int[] Written { get; } = written;

        public bool Has(string name) => Array.Exists(Entries, e => e.Name == name);

        public IEnumerable<string> WrittenNames() => Written.Select(i => Entries[i].Name);
    }
}
