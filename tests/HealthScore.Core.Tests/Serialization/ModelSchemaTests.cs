using System.Text.Json.Nodes;
using HealthScore.Core.Serialization;
using Json.Schema;

namespace HealthScore.Core.Tests.Serialization;

public sealed class ModelSchemaTests
{
    [Fact]
    public void Schema_InDocs_MatchesTheSerializerTypes()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot(), "docs", "model.schema.json");
        var expected = ModelSchemaGenerator.Generate();
        var actual = File.ReadAllText(path);
        if (actual != expected)
        {
            File.WriteAllText(path + ".received", expected);
        }

        Assert.True(actual == expected, $"docs/model.schema.json is out of step with the definition types; the current schema was written to {path}.received: review it and replace the file.");
    }

    [Fact]
    public void Schema_Embedded_IsTheDocsFile()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "model.schema.json"));

        Assert.Equal(docs, HealthModelDocument.Schema);
    }

    [Fact]
    public void Schema_SampleDocuments_Validate()
    {
        var schema = JsonSchema.FromText(HealthModelDocument.Schema);
        foreach (var definition in new[] { TestModels.SaasBuilder().Definition })
        {
            var document = JsonNode.Parse(HealthModelDocument.Write(definition));

            var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });

            Assert.True(result.IsValid, string.Join("\n", result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        }
    }

    [Fact]
    public void Schema_MisspelledProperty_IsInvalid()
    {
        var schema = JsonSchema.FromText(HealthModelDocument.Schema);
        var document = JsonNode.Parse(HealthModelDocument.Write(TestModels.SaasBuilder().Definition))!;
        document["groups"]![0]!["wieght"] = 3;

        Assert.False(schema.Evaluate(document).IsValid);
    }
}
