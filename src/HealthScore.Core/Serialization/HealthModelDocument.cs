using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>
/// Reads and writes the JSON model document: the <see cref="HealthModelDefinition"/> property for property, in
/// camelCase. Errors name the JSON path with line and column, e.g.
/// <c>$.groups[1].metrics[0].weight (line 14, column 20): must be a positive number…</c>; an unknown property is
/// an error with a suggestion. Only the source-generated serializer is used (trim- and AOT-safe).
/// </summary>
public static partial class HealthModelDocument
{
    /// <summary>The document format version this library writes. It also reads format 1 documents, upgrading them in memory (<see cref="Upgrade(string, ScoringFunctionTypes?)"/> writes the upgrade).</summary>
    public const int CurrentFormatVersion = 2;

    private static readonly Lazy<string> EmbeddedSchema = new(ReadSchema);

    /// <summary>
    /// Gets the JSON Schema (draft 2020-12) of the model document, for editors and for validating documents
    /// outside .NET. Point a document's <c>$schema</c> at a copy of it, or use <c>docs/model.schema.json</c>.
    /// </summary>
    public static string Schema => EmbeddedSchema.Value;

    /// <summary>Reads a model document.</summary>
    /// <param name="json">The document.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The definition, not yet validated beyond its JSON shape.</returns>
    /// <exception cref="HealthModelException">The document is not valid JSON, or has an unknown property, a value of the wrong type, a null where a value is needed or an unsupported format version; every such problem is listed.</exception>
    public static HealthModelDefinition Parse(string json, ScoringFunctionTypes? types = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), types);
    }

    /// <summary>Reads a model document from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The definition, not yet validated beyond its JSON shape.</returns>
    /// <exception cref="HealthModelException">The document is malformed, or has an unknown property, a value of the wrong type, a null where a value is needed or an unsupported format version; every such problem is listed.</exception>
    public static HealthModelDefinition Parse(ReadOnlySpan<byte> utf8Json, ScoringFunctionTypes? types = null)
    {
        var errors = new List<ModelError>();
        var definition = Read(utf8Json, errors, new HashSet<string>(StringComparer.Ordinal), types ?? ScoringFunctionTypes.Default);
        if (errors.Count > 0)
        {
            throw new HealthModelException(errors);
        }

        return definition!;
    }

    /// <summary>Reads a model document from a stream of UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="HealthModelException">The document is malformed or has an unknown property or a value of the wrong type.</exception>
    public static HealthModelDefinition Read(Stream utf8Json, ScoringFunctionTypes? types = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), types);
    }

    /// <summary>
    /// Reads and compiles a model document. Its shape, structure, values, rules and message templates are checked in
    /// one pass, and every problem is reported together, each with its JSON path, line and column (and for rules and
    /// templates the line and column inside the text).
    /// </summary>
    /// <param name="json">The document.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid; every problem is listed.</exception>
    public static HealthModel Compile(string json, ScoringFunctionTypes? types = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Compile(Encoding.UTF8.GetBytes(json), types);
    }

    /// <summary>
    /// Reads and compiles a model document from UTF-8 bytes. Its shape, structure, values, rules and message templates
    /// are checked in one pass, and every problem is reported together.
    /// </summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid; every problem is listed.</exception>
    public static HealthModel Compile(ReadOnlySpan<byte> utf8Json, ScoringFunctionTypes? types = null)
    {
        types ??= ScoringFunctionTypes.Default;
        var errors = new List<ModelError>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        var definition = Read(utf8Json, errors, failed, types, moved);
        if (definition is null)
        {
            throw new HealthModelException(errors);
        }

        try
        {
            var model = HealthModel.Compile(definition, types);
            if (errors.Count == 0)
            {
                return model;
            }
        }
        catch (HealthModelException exception)
        {
            var index = JsonPathIndex.Build(utf8Json);
            foreach (var error in exception.Errors)
            {
                var path = error.Path.Length == 0 ? "$" : "$." + error.Path;
                path = moved.GetValueOrDefault(path, path);
                var lookup = path.Contains(" (", StringComparison.Ordinal) ? path[..path.IndexOf(" (", StringComparison.Ordinal)] : path;
                if (!Covered(lookup, failed))
                {
                    var position = index.Find(lookup) ?? (1, 1);
                    errors.Add(error.At(path, position.Line, position.Column));
                }
            }
        }

        throw new HealthModelException(Ordered(errors));
    }

    /// <summary>Reads and compiles a model document file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static HealthModel CompileFile(string path, ScoringFunctionTypes? types = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Compile(File.ReadAllBytes(path), types);
    }

    /// <summary>
    /// Reads a model document of any supported format and writes it in the current one: a format 1 document's report
    /// headings become texts (<c>report.accounts</c>…). Comments are not kept; the model and its hash are unchanged.
    /// </summary>
    /// <param name="json">The document.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The document in format <see cref="CurrentFormatVersion"/>.</returns>
    /// <exception cref="HealthModelException">The document cannot be read; every problem is listed.</exception>
    public static string Upgrade(string json, ScoringFunctionTypes? types = null) => Write(Parse(json, types), types);

    /// <summary>Writes a definition as an indented model document.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <returns>The JSON document.</returns>
    public static string Write(HealthModelDefinition definition, ScoringFunctionTypes? types = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, (types ?? ScoringFunctionTypes.Default).Definition);
    }

    private static string ReadSchema()
    {
        using var stream = typeof(HealthModelDocument).Assembly.GetManifestResourceStream("HealthScore.Core.model.schema.json")
            ?? throw new InvalidOperationException("The model schema resource is missing from the HealthScore.Core assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Runs the shape pass and deserializes what is well-formed; null when the document is not JSON.</summary>
    private static HealthModelDefinition? Read(ReadOnlySpan<byte> utf8Json, List<ModelError> errors, HashSet<string> failed, ScoringFunctionTypes types, Dictionary<string, string>? moved = null)
    {
        var version = FormatVersion1.Peek(utf8Json);
        var headings = version is null or 1 ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        if (!DocumentShape.Check(utf8Json, errors, failed, headings, types, out var clean))
        {
            return null;
        }

        HealthModelDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(clean, types.Definition);
        }
        catch (JsonException exception)
        {
            // The shape pass passes only what the serializer reads; this is a gap in it, reported rather than thrown.
            errors.Add(new ModelError(ModelErrorKind.Shape, exception.Path ?? "$", "could not be read: " + exception.Message, 1, 1));
            return null;
        }

        if (definition is null)
        {
            errors.Add(new ModelError(ModelErrorKind.Shape, "$", "the document is null; it must be a JSON object.", 1, 1));
            return null;
        }

        if (headings is not null)
        {
            // Format 1: the report's headings become the report's texts, unless the document already set them there.
            foreach (var (name, heading) in headings)
            {
                var key = FormatVersion1.TextKey(name);
                if (definition.Texts is { } texts && texts.TryAdd(key, heading))
                {
                    moved?.Add("$.texts." + key, "$.report." + name);
                }
            }

            definition.FormatVersion = CurrentFormatVersion;
        }
        else if (definition.FormatVersion != CurrentFormatVersion && !failed.Contains("$.formatVersion"))
        {
            var position = JsonPathIndex.Build(utf8Json).Find("$.formatVersion") ?? (1, 1);
            errors.Add(new ModelError(
                ModelErrorKind.Value,
                "$.formatVersion",
                string.Create(CultureInfo.InvariantCulture, $"format version {definition.FormatVersion} is not supported; this library reads formats 1 and {CurrentFormatVersion}."),
                position.Line,
                position.Column));
        }

        return definition;
    }

    /// <summary>Whether the shape pass already reported <paramref name="path"/> or the value that holds it.</summary>
    private static bool Covered(string path, HashSet<string> failed)
    {
        if (failed.Count == 0)
        {
            return false;
        }

        var candidate = path;
        while (true)
        {
            if (failed.Contains(candidate))
            {
                return true;
            }

            var cut = Math.Max(candidate.LastIndexOf('.'), candidate.LastIndexOf('['));
            if (cut <= 0)
            {
                return false;
            }

            candidate = candidate[..cut];
        }
    }

    /// <summary>Orders errors by their place in the document, so a listing reads top to bottom whatever check found them.</summary>
    private static ModelError[] Ordered(List<ModelError> errors)
    {
        var ordered = errors.ToArray();
        var keys = new (int Line, int Column, int Index)[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            keys[i] = (ordered[i].Line ?? 0, ordered[i].Column ?? 0, i);
        }

        Array.Sort(keys, ordered);
        return ordered;
    }
}
