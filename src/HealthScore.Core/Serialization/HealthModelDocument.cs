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
public static class HealthModelDocument
{
    /// <summary>The document format version this library reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly Lazy<string> EmbeddedSchema = new(ReadSchema);

    private static readonly string[] ScoringTypes = ["linear", "boundedLinear", "piecewiseLinear", "tiers", "logistic", "targetRatio"];

    /// <summary>
    /// Gets the JSON Schema (draft 2020-12) of the model document, for editors and for validating documents
    /// outside .NET. Point a document's <c>$schema</c> at a copy of it, or use <c>docs/model.schema.json</c>.
    /// </summary>
    public static string Schema => EmbeddedSchema.Value;

    /// <summary>Reads a model document.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The definition, not yet validated beyond its JSON shape.</returns>
    /// <exception cref="HealthModelException">The document is not valid JSON, has an unknown property, a value of the wrong type, or an unsupported format version.</exception>
    public static HealthModelDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a model document from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The definition, not yet validated beyond its JSON shape.</returns>
    /// <exception cref="HealthModelException">The document is malformed or has an unknown property or a value of the wrong type.</exception>
    public static HealthModelDefinition Parse(ReadOnlySpan<byte> utf8Json)
    {
        HealthModelDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(utf8Json, HealthModelJsonContext.Default.HealthModelDefinition);
        }
        catch (JsonException exception)
        {
            throw new HealthModelException([Describe(exception)]);
        }

        if (definition is null)
        {
            throw new HealthModelException([new ModelError("$", "the document is null; it must be a JSON object.", 1, 1)]);
        }

        if (definition.FormatVersion != CurrentFormatVersion)
        {
            var position = JsonPathIndex.Build(utf8Json).Find("$.formatVersion") ?? (1, 1);
            throw new HealthModelException([new ModelError(
                "$.formatVersion",
                string.Create(CultureInfo.InvariantCulture, $"format version {definition.FormatVersion} is not supported; this library reads format {CurrentFormatVersion}."),
                position.Line,
                position.Column)]);
        }

        return definition;
    }

    /// <summary>Reads a model document from a stream of UTF-8 JSON.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="HealthModelException">The document is malformed or has an unknown property or a value of the wrong type.</exception>
    public static HealthModelDefinition Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads and compiles a model document. Validation errors carry the JSON path, line and column of the value at fault.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid; every problem is listed.</exception>
    public static HealthModel Compile(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Compile(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads and compiles a model document from UTF-8 bytes.</summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid; every problem is listed.</exception>
    public static HealthModel Compile(ReadOnlySpan<byte> utf8Json)
    {
        var definition = Parse(utf8Json);
        try
        {
            return HealthModel.Compile(definition);
        }
        catch (HealthModelException exception)
        {
            var index = JsonPathIndex.Build(utf8Json);
            var located = new ModelError[exception.Errors.Count];
            for (var i = 0; i < located.Length; i++)
            {
                var error = exception.Errors[i];
                var path = error.Path.Length == 0 ? "$" : "$." + error.Path;
                var lookup = path.Contains(" (", StringComparison.Ordinal) ? path[..path.IndexOf(" (", StringComparison.Ordinal)] : path;
                var position = index.Find(lookup) ?? (1, 1);
                located[i] = new ModelError(path, error.Message, position.Line, position.Column);
            }

            throw new HealthModelException(located);
        }
    }

    /// <summary>Reads and compiles a model document file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static HealthModel CompileFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Compile(File.ReadAllBytes(path));
    }

    /// <summary>Writes a definition as an indented model document.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The JSON document.</returns>
    public static string Write(HealthModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, HealthModelJsonContext.Default.HealthModelDefinition);
    }

    private static string ReadSchema()
    {
        using var stream = typeof(HealthModelDocument).Assembly.GetManifestResourceStream("HealthScore.Core.model.schema.json")
            ?? throw new InvalidOperationException("The model schema resource is missing from the HealthScore.Core assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static ModelError Describe(JsonException exception)
    {
        var path = exception.Path ?? "$";
        var line = (int)(exception.LineNumber ?? 0) + 1;
        var column = (int)(exception.BytePositionInLine ?? 0) + 1;
        var raw = exception.Message;
        string message;
        if (TryQuoted(raw, "The JSON property '", out var property) && raw.Contains("could not be mapped", StringComparison.Ordinal))
        {
            path = path.EndsWith("." + property, StringComparison.Ordinal) || path.EndsWith("['" + property + "']", StringComparison.Ordinal) ? path : path + "." + property;
            message = $"unknown property '{property}'.{DidYouMean(property, KnownPropertyNames())} Check its spelling; properties are camelCase.";
        }
        else if (TryQuoted(raw, "type discriminator id '", out var type))
        {
            message = $"unknown scoring function type '{type}'.{DidYouMean(type, ScoringTypes)} Known types: {string.Join(", ", ScoringTypes)}.";
        }
        else if (raw.Contains("abstract", StringComparison.Ordinal) || raw.Contains("type discriminator", StringComparison.Ordinal))
        {
            message = $"a scoring function needs a \"type\": one of {string.Join(", ", ScoringTypes)}.";
        }
        else if (raw.Contains("could not be converted to", StringComparison.Ordinal))
        {
            message = "has the wrong type: expected " + Expected(raw) + ".";
        }
        else
        {
            var cut = raw.IndexOf(" Path:", StringComparison.Ordinal);
            message = "is not valid JSON: " + (cut > 0 ? raw[..cut] : raw);
        }

        return new ModelError(path, message, line, column);
    }

    private static string Expected(string message)
    {
        if (message.Contains("HealthScore.Core.Model.Aggregation", StringComparison.Ordinal))
        {
            return "weightedMean, minimum or maximum";
        }

        if (message.Contains("HealthScore.Core.Model.MetricDirection", StringComparison.Ordinal))
        {
            return "higherIsBetter or lowerIsBetter";
        }

        if (message.Contains("HealthScore.Core.Model.MissingDataPolicy", StringComparison.Ordinal))
        {
            return "exclude, neutral or fixed";
        }

        if (message.Contains("System.Double", StringComparison.Ordinal))
        {
            return "a number";
        }

        if (message.Contains("System.Int32", StringComparison.Ordinal))
        {
            return "a whole number";
        }

        if (message.Contains("System.String", StringComparison.Ordinal))
        {
            return "a string";
        }

        if (message.Contains("List`1", StringComparison.Ordinal))
        {
            return "an array";
        }

        return "an object";
    }

    private static bool TryQuoted(string text, string prefix, out string value)
    {
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        if (start >= 0)
        {
            start += prefix.Length;
            var end = text.IndexOf('\'', start);
            if (end > start)
            {
                value = text[start..end];
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    private static string DidYouMean(string unknown, IEnumerable<string> candidates) => IdSuggestions.DidYouMean(unknown, candidates);

    private static SortedSet<string> KnownPropertyNames()
    {
        var context = HealthModelJsonContext.Default;
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(HealthModelDefinition), typeof(GroupDefinition), typeof(MetricDefinition), typeof(BandDefinition), typeof(PhaseDefinition), typeof(ScaleDefinition), typeof(TextsDefinition), typeof(TrendDefinition), typeof(Scoring.LinearScoring), typeof(Scoring.PiecewiseLinearScoring), typeof(Scoring.TierScoring), typeof(Scoring.LogisticScoring), typeof(Scoring.TargetRatioScoring), typeof(Scoring.ScoringPoint), typeof(Scoring.ScoringTier) })
        {
            if (context.GetTypeInfo(type) is JsonTypeInfo info)
            {
                foreach (var property in info.Properties)
                {
                    names.Add(property.Name);
                }
            }
        }

        return names;
    }
}
