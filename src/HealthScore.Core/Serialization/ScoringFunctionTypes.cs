using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Serialization;

/// <summary>
/// The registry of scoring function types a model may use: the built-in ones (<see cref="Default"/>) and those their
/// authors add with <see cref="With{T}(string, IJsonTypeInfoResolver)"/>. A registered function is read from and
/// written to model documents by its <c>type</c>, checked like the built-in ones, and covered by the model's content
/// hash. Immutable and thread-safe: adding a type returns a new registry, so what one host registers never changes
/// how another reads its documents.
/// </summary>
/// <example>
/// <code>
/// [JsonSerializable(typeof(ThresholdScoring))]
/// [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
/// internal sealed partial class MyScoringContext : JsonSerializerContext;
///
/// var types = ScoringFunctionTypes.Default.With&lt;ThresholdScoring&gt;("threshold", MyScoringContext.Default);
/// var model = HealthModelDocument.Compile(json, types);
/// </code>
/// </example>
public sealed partial class ScoringFunctionTypes
{
    private readonly (Type Type, string Name)[] _registered;
    private readonly IJsonTypeInfoResolver[] _resolvers;
    private readonly JsonSerializerOptions _options;
    private readonly string[] _names;

    private ScoringFunctionTypes((Type Type, string Name)[] registered, IJsonTypeInfoResolver[] resolvers)
    {
        _registered = registered;
        _resolvers = resolvers;
        _options = Create(registered, resolvers);
        var names = new List<string>();
        foreach (var derived in _options.GetTypeInfo(typeof(ScoringFunctionDefinition)).PolymorphismOptions!.DerivedTypes)
        {
            names.Add((string)derived.TypeDiscriminator!);
        }

        _names = [.. names];
        Names = Array.AsReadOnly(_names);
    }

    /// <summary>Gets the built-in scoring function types: linear, boundedLinear, piecewiseLinear, singlePeaked, tiers, logistic, targetRatio, categories.</summary>
    public static ScoringFunctionTypes Default { get; } = new([], []);

    /// <summary>Gets the type names a document may give a scoring function, the built-in ones first.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The serializer options of model documents: the library's source-generated metadata and every registered function's.</summary>
    internal JsonSerializerOptions Options => _options;

    /// <summary>
    /// Returns a registry that also knows <typeparamref name="T"/>, so documents can hold it as
    /// <c>{ "type": "<paramref name="type"/>", … }</c>. Its metadata comes from the author's source-generated
    /// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>, so reading and writing stay free of reflection,
    /// trim- and AOT-safe.
    /// </summary>
    /// <typeparam name="T">The definition type; its <see cref="ScoringFunctionDefinition.Type"/> override must be marked <c>[JsonIgnore]</c>.</typeparam>
    /// <param name="type">The type name documents use: letters and digits, starting with a lowercase letter.</param>
    /// <param name="resolver">A resolver that knows <typeparamref name="T"/>, usually the author's <c>JsonSerializerContext.Default</c>.</param>
    /// <returns>The new registry; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The name is not valid or already used, the type is already registered, or its metadata cannot be used in documents.</exception>
    public ScoringFunctionTypes With<T>(string type, IJsonTypeInfoResolver resolver)
        where T : ScoringFunctionDefinition
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(resolver);
        if (!NamePattern().IsMatch(type))
        {
            throw new ArgumentException($"'{type}' is not a scoring function type name: use letters and digits, starting with a lowercase letter, e.g. threshold.", nameof(type));
        }

        if (Array.IndexOf(_names, type) >= 0)
        {
            throw new ArgumentException($"The scoring function type '{type}' is already registered.", nameof(type));
        }

        if (IsRegistered(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} is already registered as a scoring function type.", nameof(type));
        }

        if (resolver.GetTypeInfo(typeof(T), new JsonSerializerOptions(HealthModelJsonContext.Default.Options)) is null)
        {
            throw new ArgumentException($"The resolver has no metadata for {typeof(T).Name}; add [JsonSerializable(typeof({typeof(T).Name}))] to its JsonSerializerContext.", nameof(resolver));
        }

        try
        {
            return new ScoringFunctionTypes([.. _registered, (typeof(T), type)], [.. _resolvers, resolver]);
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException($"{typeof(T).Name} cannot be read from or written to documents: {exception.Message} Mark its Type override [JsonIgnore], as the built-in functions do.", nameof(type), exception);
        }
    }

    /// <summary>Whether documents can hold functions of <paramref name="type"/>: a built-in type or a registered one.</summary>
    /// <param name="type">The definition type.</param>
    /// <returns><see langword="true"/> when the type is known.</returns>
    public bool IsRegistered(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var derived in _options.GetTypeInfo(typeof(ScoringFunctionDefinition)).PolymorphismOptions!.DerivedTypes)
        {
            if (derived.DerivedType == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The metadata of a type of the document, under this registry's options.</summary>
    internal JsonTypeInfo Info(Type type) => _options.GetTypeInfo(type);

    /// <summary>The metadata of the document itself.</summary>
    internal JsonTypeInfo<Model.HealthModelDefinition> Definition => (JsonTypeInfo<Model.HealthModelDefinition>)_options.GetTypeInfo(typeof(Model.HealthModelDefinition));

    private static JsonSerializerOptions Create((Type Type, string Name)[] registered, IJsonTypeInfoResolver[] custom)
    {
        var resolvers = new IJsonTypeInfoResolver[custom.Length + 1];
        resolvers[0] = HealthModelJsonContext.Default;
        custom.CopyTo(resolvers, 1);
        var options = new JsonSerializerOptions(HealthModelJsonContext.Default.Options)
        {
            // Documents are written for people, in their language: labels stay readable, not \u-escaped.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(resolvers).WithAddedModifier(info =>
            {
                if (info.Type == typeof(ScoringFunctionDefinition))
                {
                    foreach (var (derived, name) in registered)
                    {
                        info.PolymorphismOptions!.DerivedTypes.Add(new JsonDerivedType(derived, name));
                    }
                }

                // A model without profiles is written as it was before profiles existed.
                if (info.Type == typeof(Model.HealthModelDefinition))
                {
                    foreach (var property in info.Properties)
                    {
                        if (property.Name is "profiles" or "profileRules")
                        {
                            property.ShouldSerialize = static (_, value) => value is System.Collections.ICollection { Count: > 0 };
                        }
                    }
                }
            }),
        };
        options.MakeReadOnly();

        // Configure now, so a type the serializer cannot use is refused when it is registered, not when a document is read.
        options.GetTypeInfo(typeof(ScoringFunctionDefinition));
        options.GetTypeInfo(typeof(Model.HealthModelDefinition));
        foreach (var (type, _) in registered)
        {
            options.GetTypeInfo(type);
        }

        return options;
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
