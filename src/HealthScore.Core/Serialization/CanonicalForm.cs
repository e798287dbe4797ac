using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
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
internal static partial class CanonicalForm
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly ConcurrentDictionary<Type, JsonElement?> Defaults = new();
    private static readonly ConditionalWeakTable<JsonTypeInfo, Shape> Shapes = new();

    /// <summary>Returns the SHA-256 of the canonical form, as lowercase hex.</summary>
    public static string Hash(HealthModelDefinition definition, ScoringFunctionTypes types) => Convert.ToHexString(SHA256.HashData(Write(definition, types))).ToLowerInvariant();

    /// <summary>Returns the canonical form as UTF-8 JSON, read straight from the definition's objects where their metadata allows.</summary>
    public static byte[] Write(HealthModelDefinition definition, ScoringFunctionTypes types) => Written(definition, types.Info(typeof(HealthModelDefinition)), root: true, direct: true);

    /// <summary>Returns the canonical form as UTF-8 JSON by serializing the definition and rewriting what was written: the reference <see cref="Write"/> agrees with.</summary>
    internal static byte[] WriteFromDocument(HealthModelDefinition definition, ScoringFunctionTypes types) => Written(definition, types.Info(typeof(HealthModelDefinition)), root: true, direct: false);

    /// <summary>The canonical form of <paramref name="value"/>, written from its objects (<paramref name="direct"/>) or through the serializer.</summary>
    private static byte[] Written(object value, JsonTypeInfo info, bool root, bool direct)
    {
        var buffer = new ArrayBufferWriter<byte>(root ? 16 * 1024 : 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (direct)
            {
                WriteDirect(writer, value, info, root);
            }
            else
            {
                WriteSerialized(writer, value, info, root);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement element, JsonTypeInfo? info)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when info?.Kind == JsonTypeInfoKind.Dictionary:
                WriteDictionary(writer, element, ElementOf(info));
                break;
            case JsonValueKind.Object:
                WriteObject(writer, element, info, root: false);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var elementInfo = ElementOf(info);
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
        if (info?.PolymorphismOptions is not { } options || !element.TryGetProperty(options.TypeDiscriminatorPropertyName, out var type) || type.ValueKind != JsonValueKind.String)
        {
            return info;
        }

        var metadata = TypeMetadata.Of(info);
        for (var i = 0; i < metadata.Discriminators.Length; i++)
        {
            if (type.ValueEquals(metadata.Discriminators[i]))
            {
                return metadata.Derived[i];
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

        var metadata = TypeMetadata.Of(info);
        for (var i = 0; i < metadata.Names.Length; i++)
        {
            if (metadata.Names[i] == name)
            {
                return metadata.Properties[i];
            }
        }

        return null;
    }

    private static JsonTypeInfo? ElementOf(JsonTypeInfo? info) => info is null ? null : TypeMetadata.Of(info).Element;
}
