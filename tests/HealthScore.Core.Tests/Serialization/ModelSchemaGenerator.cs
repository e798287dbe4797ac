using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>
/// Writes docs/model.schema.json: the shape the serializer's own metadata describes (<see cref="JsonSchemaExporter"/>),
/// a description on every property taken from the library's XML documentation, and the constraints the model
/// compiler checks that a draft 2020-12 schema can express (<see cref="ModelSchemaConstraints"/>).
/// </summary>
internal static partial class ModelSchemaGenerator
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Generate()
    {
        var docs = XmlDocs.Load();
        var exported = JsonSchemaExporter.GetJsonSchemaAsNode(
            HealthModelJsonContext.Default.HealthModelDefinition,
            new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = (context, node) => Transform(context, node, docs),
            });
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:healthscore-core:model-document:2",
            ["title"] = "HealthScore.Core model document, format 2",
        };
        foreach (var (name, value) in exported.AsObject().ToList())
        {
            schema[name] = value?.DeepClone();
        }

        ModelSchemaConstraints.ApplyDocumentRules(schema);
        return schema.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node, XmlDocs docs)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        if (schema.ContainsKey("properties"))
        {
            ModelSchemaConstraints.ApplyType(context.TypeInfo.Type, schema);
        }

        if (context.PropertyInfo is { } property && property.AttributeProvider is MemberInfo member)
        {
            var type = member.DeclaringType!;
            if (docs.Property(type, member.Name) is { } description)
            {
                schema.Insert(0, "description", description);
            }

            ModelSchemaConstraints.ApplyProperty(type, member.Name, schema);
        }
        else if (context.PropertyInfo is null && schema.ContainsKey("properties") && docs.Type(context.TypeInfo.Type) is { } typeDescription)
        {
            schema.Insert(0, "description", typeDescription);
        }

        return schema;
    }

    /// <summary>The summaries (and default values) of the library's XML documentation, as plain text.</summary>
    private sealed partial class XmlDocs(Dictionary<string, XElement> members)
    {
        public static XmlDocs Load()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "HealthScore.Core.xml");
            var document = XDocument.Load(path);
            var members = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var member in document.Descendants("member"))
            {
                members[(string)member.Attribute("name")!] = member;
            }

            return new XmlDocs(members);
        }

        public string? Property(Type type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (members.TryGetValue("P:" + Name(current) + "." + name, out var member))
                {
                    var summary = Text(member.Element("summary"));
                    var value = Text(member.Element("value"));
                    var text = Describe(summary);
                    return value is null ? text : text + " " + value;
                }
            }

            return null;
        }

        public string? Type(Type type) =>
            members.TryGetValue("T:" + Name(type), out var member) && Text(member.Element("summary")) is { } summary ? summary : null;

        private static string Name(Type type) => type.FullName!.Replace('+', '.');

        /// <summary>"Gets or sets the raw value that scores 0" reads "The raw value that scores 0" in an editor.</summary>
        private static string Describe(string? summary)
        {
            if (summary is null)
            {
                return string.Empty;
            }

            foreach (var prefix in new[] { "Gets or sets whether ", "Gets or sets ", "Gets " })
            {
                if (summary.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var rest = summary[prefix.Length..];
                    return prefix.EndsWith("whether ", StringComparison.Ordinal) ? "Whether " + rest : char.ToUpperInvariant(rest[0]) + rest[1..];
                }
            }

            return summary;
        }

        private static string? Text(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var text = new StringBuilder();
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XText plain:
                        text.Append(plain.Value);
                        break;
                    case XElement { Name.LocalName: "see" or "seealso" } see:
                        text.Append((string?)see.Attribute("langword") ?? Reference((string?)see.Attribute("cref")) ?? see.Value);
                        break;
                    case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                        text.Append((string?)reference.Attribute("name"));
                        break;
                    case XElement inner:
                        text.Append(Text(inner));
                        break;
                }
            }

            return Whitespace().Replace(text.ToString(), " ").Trim();
        }

        /// <summary>An enum member reads as it is written in a document (camelCase); any other reference by its last name.</summary>
        private static string? Reference(string? cref)
        {
            if (cref is null)
            {
                return null;
            }

            var name = cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var parenthesis = name.IndexOf('(', StringComparison.Ordinal);
            if (parenthesis >= 0)
            {
                name = name[..parenthesis];
            }

            var parts = name.Split('.');
            var last = parts[^1];
            var isEnumMember = cref.StartsWith("F:", StringComparison.Ordinal)
                && typeof(HealthModelDocument).Assembly.GetType(string.Join('.', parts[..^1])) is { IsEnum: true };
            return isEnumMember ? char.ToLowerInvariant(last[0]) + last[1..] : last;
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
