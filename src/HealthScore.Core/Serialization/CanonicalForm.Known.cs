using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HealthScore.Core.Serialization;

internal static partial class CanonicalForm
{
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

    private static JsonElement? DefaultOf(JsonTypeInfo info) =>
        Defaults.TryGetValue(info.Type, out var defaults) ? defaults : Defaults.GetOrAdd(info.Type, _ => info.CreateObject?.Invoke() is { } instance
            ? JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(instance, info)).RootElement.Clone()
            : null);

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
