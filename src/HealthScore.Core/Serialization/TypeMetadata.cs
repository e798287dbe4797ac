using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace HealthScore.Core.Serialization;

/// <summary>
/// What the document's shape pass and the canonical form read of a type's serializer metadata, looked up once per
/// type from its options instead of once per value: each property's name (as a string and as UTF-8, to match names
/// without making strings), metadata and nullability; the element type's metadata; and each derived type's metadata by
/// its string discriminator.
/// </summary>
internal sealed class TypeMetadata
{
    private static readonly ConditionalWeakTable<JsonTypeInfo, TypeMetadata> Cache = new();

    private TypeMetadata(JsonTypeInfo owner)
    {
        var options = owner.Options;
        var properties = owner.Properties;
        Names = new string[properties.Count];
        Utf8Names = new byte[properties.Count][];
        Properties = new JsonTypeInfo[properties.Count];
        Nullable = new bool[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var type = property.PropertyType;
            Names[i] = property.Name;
            Utf8Names[i] = Encoding.UTF8.GetBytes(property.Name);
            Properties[i] = options.GetTypeInfo(type);
            Nullable[i] = System.Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && property.IsSetNullable);
        }

        Element = owner.ElementType is { } element ? options.GetTypeInfo(element) : null;
        var derived = owner.PolymorphismOptions?.DerivedTypes.Where(static d => d.TypeDiscriminator is string).ToArray() ?? [];
        Discriminators = [.. derived.Select(static d => (string)d.TypeDiscriminator!)];
        Derived = [.. derived.Select(d => options.GetTypeInfo(d.DerivedType))];
    }

    /// <summary>Gets the properties' names, in their order.</summary>
    public string[] Names { get; }

    /// <summary>Gets the properties' names as UTF-8, in their order.</summary>
    public byte[][] Utf8Names { get; }

    /// <summary>Gets each property's metadata, from the same options.</summary>
    public JsonTypeInfo[] Properties { get; }

    /// <summary>Gets whether each property takes <c>null</c>.</summary>
    public bool[] Nullable { get; }

    /// <summary>Gets the metadata of a collection's or dictionary's elements; <see langword="null"/> for other types.</summary>
    public JsonTypeInfo? Element { get; }

    /// <summary>Gets the string discriminators of the derived types.</summary>
    public string[] Discriminators { get; }

    /// <summary>Gets each derived type's metadata, in the order of <see cref="Discriminators"/>.</summary>
    public JsonTypeInfo[] Derived { get; }

    /// <summary>The metadata of <paramref name="info"/>'s type, worked out on first use.</summary>
    /// <param name="info">The type's serializer metadata.</param>
    /// <returns>Its metadata.</returns>
    public static TypeMetadata Of(JsonTypeInfo info) => Cache.GetValue(info, static owner => new TypeMetadata(owner));
}
