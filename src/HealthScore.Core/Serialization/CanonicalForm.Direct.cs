using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HealthScore.Core.Serialization;

/// <summary>
/// The canonical form written straight from the definition's objects, through their serializer metadata, instead of
/// serializing the definition, parsing what was written and rewriting it. It writes the same bytes: a value is read
/// this way only where its metadata says exactly what the serializer would write (the library's own types, strings,
/// booleans, enumerations, doubles and integers, lists and string-keyed dictionaries); anything else (a registered
/// scoring function's type, a value of another type) is serialized and rewritten as before.
/// </summary>
internal static partial class CanonicalForm
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, DirectShape> DirectShapes = new();
    private static readonly ConditionalWeakTable<JsonTypeInfo, DirectShape> DiscriminatedShapes = new();

    /// <summary>Writes <paramref name="value"/>, declared as <paramref name="info"/>'s type, in canonical form.</summary>
    private static void WriteDirect(Utf8JsonWriter writer, object? value, JsonTypeInfo info, bool root)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.None when WriteScalar(writer, value, info):
                return;
            case JsonTypeInfoKind.Object when ShapeOf(value, info) is { } shape:
                WriteShape(writer, value, shape, root);
                return;
            case JsonTypeInfoKind.Enumerable when value is IEnumerable items && TypeMetadata.Of(info).Element is { } element:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteDirect(writer, item, element, root: false);
                }

                writer.WriteEndArray();
                return;
            case JsonTypeInfoKind.Dictionary when value is IDictionary entries && info.KeyType == typeof(string) && info.Options.DictionaryKeyPolicy is null && TypeMetadata.Of(info).Element is { } element:
                WriteEntries(writer, entries, element);
                return;
        }

        WriteSerialized(writer, value, info, root);
    }

    /// <summary>What the definition path did for every value: serialize it, then rewrite the element in canonical form.</summary>
    private static void WriteSerialized(Utf8JsonWriter writer, object value, JsonTypeInfo info, bool root)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, info));
        if (root)
        {
            WriteObject(writer, document.RootElement, info, root: true);
        }
        else
        {
            WriteValue(writer, document.RootElement, info);
        }
    }

    /// <summary>Writes a value the serializer writes as one token, when it is one whose canonical form is known without writing it; false, with nothing written, otherwise.</summary>
    private static bool WriteScalar(Utf8JsonWriter writer, object value, JsonTypeInfo info)
    {
        switch (value)
        {
            case string text when !HasLoneSurrogate(text):
                writer.WriteStringValue(text);
                return true;
            case double number when double.IsFinite(number):
                WriteNumber(writer, number);
                return true;
            case int number:
                WriteNumber(writer, number);
                return true;
            case long number:
                WriteNumber(writer, number);
                return true;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return true;
            case Enum:
                JsonSerializer.Serialize(writer, value, info);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Whether two values of a scalar property have the same canonical form; null when that is not known without writing them.</summary>
    private static bool? SameScalar(object value, object fallback) => (value, fallback) switch
    {
        (string a, string b) when !HasLoneSurrogate(a) && !HasLoneSurrogate(b) => string.Equals(a, b, StringComparison.Ordinal),
        (double a, double b) when double.IsFinite(a) && double.IsFinite(b) => a == b,
        (int a, int b) => a == b,
        (long a, long b) => a == b,
        (bool a, bool b) => a == b,
        (Enum a, Enum b) when a.GetType() == b.GetType() => a.Equals(b),
        _ => null,
    };

    /// <summary>Whether a value is its type's zero value, as the serializer's WhenWritingDefault decides for these types; false for any other type.</summary>
    private static bool IsZero(object value) => value switch
    {
        Enum e => e.Equals(Enum.ToObject(e.GetType(), 0)),
        int i => i == 0,
        long l => l == 0,
        double d => BitConverter.DoubleToInt64Bits(d) == 0,
        bool b => !b,
        _ => false,
    };

    /// <summary>Whether the text holds a surrogate without its pair, which the serializer does not write as it is.</summary>
    private static bool HasLoneSurrogate(string text)
    {
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAnyInRange('\uD800', '\uDFFF'); at >= 0; at = rest.IndexOfAnyInRange('\uD800', '\uDFFF'))
        {
            if (Rune.DecodeFromUtf16(rest[at..], out _, out var used) != OperationStatus.Done)
            {
                return true;
            }

            rest = rest[(at + used)..];
        }

        return false;
    }

    private static void WriteEntries(Utf8JsonWriter writer, IDictionary entries, JsonTypeInfo valueInfo)
    {
        var keys = new string[entries.Count];
        var count = 0;
        foreach (DictionaryEntry entry in entries)
        {
            keys[count++] = (string)entry.Key;
        }

        Array.Sort(keys, StringComparer.Ordinal);
        writer.WriteStartObject();
        foreach (var key in keys)
        {
            writer.WritePropertyName(key);
            WriteDirect(writer, entries[key], valueInfo, root: false);
        }

        writer.WriteEndObject();
    }

    private static void WriteShape(Utf8JsonWriter writer, object value, DirectShape shape, bool root)
    {
        writer.WriteStartObject();
        foreach (var entry in shape.Entries)
        {
            if (entry.Property is not { } property)
            {
                writer.WritePropertyName(entry.Utf8Name);
                writer.WriteStringValue(shape.Discriminator!);
                continue;
            }

            if (root && entry.LeftOutOfTheRoot)
            {
                continue;
            }

            var item = property.Get!(value);
            if (item is null || (property.ShouldSerialize is { } should && !should(value, item)))
            {
                continue;
            }

            switch (entry.Kind)
            {
                case DefaultKind.Empty when item is ICollection { Count: 0 }:
                    continue;
                case DefaultKind.Canonical:
                    var written = CanonicalBytes(item, entry.Info);
                    if (!written.AsSpan().SequenceEqual((byte[])entry.Default!))
                    {
                        writer.WritePropertyName(entry.Utf8Name);
                        writer.WriteRawValue(written, skipInputValidation: true);
                    }

                    continue;
                case DefaultKind.Scalar when SameScalar(item, entry.Default!) ?? CanonicalBytes(item, entry.Info).AsSpan().SequenceEqual(CanonicalBytes(entry.Default!, entry.Info)):
                    continue;
            }

            writer.WritePropertyName(entry.Utf8Name);
            WriteDirect(writer, item, entry.Info, root: false);
        }

        writer.WriteEndObject();
    }

    private static byte[] CanonicalBytes(object value, JsonTypeInfo info) => Written(value, info, root: false, direct: true);

    /// <summary>The shape the serializer writes <paramref name="value"/> with, declared as <paramref name="info"/>'s type; null when it is not known exactly.</summary>
    private static DirectShape? ShapeOf(object value, JsonTypeInfo info)
    {
        if (info.PolymorphismOptions is not { } polymorphism)
        {
            var shape = DirectShapes.GetValue(info, static i => DirectShape.Create(i, null, null));
            return shape.Direct ? shape : null;
        }

        var metadata = TypeMetadata.Of(info);
        var type = value.GetType();
        for (var i = 0; i < metadata.Derived.Length; i++)
        {
            if (metadata.Derived[i].Type == type)
            {
                var derived = metadata.Derived[i];
                if (!DiscriminatedShapes.TryGetValue(derived, out var shape))
                {
                    shape = DirectShape.Create(derived, polymorphism.TypeDiscriminatorPropertyName, metadata.Discriminators[i]);
                    DiscriminatedShapes.AddOrUpdate(derived, shape);
                }

                return shape.Direct ? shape : null;
            }
        }

        return null;
    }

    /// <summary>
    /// A type the canonical form can read straight from its objects: its serialized properties (and discriminator) in
    /// ordinal name order, each with its value in a new instance where the serializer writes that value.
    /// </summary>
    private sealed class DirectShape
    {
        private static readonly DirectShape Unusable = new([], null, direct: false);

        private DirectShape(DirectEntry[] entries, string? discriminator, bool direct)
        {
            Entries = entries;
            Discriminator = discriminator;
            Direct = direct;
        }

        public DirectEntry[] Entries { get; }

        public string? Discriminator { get; }

        public bool Direct { get; }

        /// <summary>
        /// The shape of <paramref name="info"/>, or an unusable one when what the serializer writes for it is not known
        /// from its metadata: a type of another resolver (its ignore conditions are not visible), a property with a
        /// converter of its own or extension data, nulls written, or a default the serializer leaves out without being
        /// the type's zero value.
        /// </summary>
        public static DirectShape Create(JsonTypeInfo info, string? discriminatorName, string? discriminator)
        {
            if (HealthModelJsonContext.Default.GetTypeInfo(info.Type) is null || info.CreateObject is not { } create)
            {
                return Unusable;
            }

            var instance = create();
            using var written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(instance, info));
            var entries = new List<DirectEntry>();
            if (discriminatorName is not null)
            {
                entries.Add(new DirectEntry(discriminatorName, null, info, DefaultKind.None, null));
            }

            var metadata = TypeMetadata.Of(info);
            for (var i = 0; i < info.Properties.Count; i++)
            {
                var property = info.Properties[i];
                if (property.Get is null)
                {
                    continue;
                }

                if (property.CustomConverter is not null || property.IsExtensionData || property.Name == discriminatorName)
                {
                    return Unusable;
                }

                var propertyInfo = metadata.Properties[i];
                var fallback = property.Get(instance);
                var present = written.RootElement.TryGetProperty(metadata.Utf8Names[i], out var element);
                if (present && element.ValueKind == JsonValueKind.Null)
                {
                    return Unusable;
                }

                var kind = DefaultKind.Scalar;
                object? @default = fallback;
                if (fallback is null || (!present && property.ShouldSerialize is not null))
                {
                    kind = DefaultKind.None;
                }
                else if (!present)
                {
                    // Left out when at the type's zero value (WhenWritingDefault): the same as leaving out a value at its default.
                    if (!IsZero(fallback))
                    {
                        return Unusable;
                    }
                }
                else if (propertyInfo.Kind == JsonTypeInfoKind.None)
                {
                    kind = DefaultKind.Scalar;
                }
                else if (fallback is ICollection { Count: 0 } && propertyInfo.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
                {
                    kind = DefaultKind.Empty;
                }
                else
                {
                    kind = DefaultKind.Canonical;
                    @default = CanonicalBytes(fallback, propertyInfo);
                }

                entries.Add(new DirectEntry(property.Name, property, propertyInfo, kind, @default));
            }

            entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return new DirectShape([.. entries], discriminator, direct: true);
        }
    }

    /// <summary>What a property's value in a new instance is, for leaving out values at their default.</summary>
    private enum DefaultKind
    {
        /// <summary>None is written: every value the serializer writes is.</summary>
        None,

        /// <summary>A value written as one token.</summary>
        Scalar,

        /// <summary>An empty list or dictionary.</summary>
        Empty,

        /// <summary>An object or a list with items, as canonical bytes.</summary>
        Canonical,
    }

    /// <summary>A serialized property (or, without <see cref="Property"/>, the discriminator) and its default.</summary>
    private sealed class DirectEntry(string name, JsonPropertyInfo? property, JsonTypeInfo info, DefaultKind kind, object? @default)
    {
        public string Name { get; } = name;

        public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

        public JsonPropertyInfo? Property { get; } = property;

        /// <summary>Gets whether the definition's own property is left out of the form (<c>$schema</c> and <c>formatVersion</c>).</summary>
        public bool LeftOutOfTheRoot { get; } = name is "$schema" or "formatVersion";

        public JsonTypeInfo Info { get; } = info;

        public DefaultKind Kind { get; } = kind;

        /// <summary>Gets the value in a new instance: a scalar, an empty collection or the canonical bytes of an object or list.</summary>
        public object? Default { get; } = @default;
    }
}
