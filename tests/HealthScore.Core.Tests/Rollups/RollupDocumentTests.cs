using System.Text.Json.Nodes;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using Json.Schema;

namespace HealthScore.Core.Tests.Rollups;

/// <summary>The document's <c>rollup</c>: checked with located errors, written and read back, described by the schema, covered by the hash.</summary>
public sealed class RollupDocumentTests
{
    private const string Document = """
        {
          "id": "portfolio",
          "account": { "numbers": [ "arr", "seats" ], "texts": [ "segment" ] },
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "watch", "label": "Watch", "color": "#F9A825", "lowerBound": 40 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 70 }
          ],
          "groups": [
            { "id": "usage", "label": "Usage", "metrics": [ { "id": "logins", "label": "Logins", "scoring": { "type": "linear", "worst": 0, "best": 5 } } ] }
          ],
          "rollup": ROLLUP
        }
        """;

    private static string With(string rollup) => Document.Replace("ROLLUP", rollup, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "method": "averag" }""", "$.rollup.method", 12, 25, "'averag' is not allowed here: use one of average, valueWeighted, worstChild, shareInBand.")]
    [InlineData("""{ "method": "shareInBand", "band": "wach" }""", "$.rollup.band", 12, 48, "'wach' is not a band of this model. Did you mean 'watch'?")]
    [InlineData("""{ "method": "shareInBand" }""", "$.rollup.band", 12, 13, "is required by the shareInBand method: the band counted with the bands below it, e.g. at_risk.")]
    [InlineData("""{ "method": "valueWeighted", "weightField": "ar" }""", "$.rollup.weightField", 12, 57, "'ar' is not a number field of this model. Did you mean 'arr'? Declare it in account.numbers.")]
    [InlineData("""{ "method": "valueWeighted", "weightField": "segment" }""", "$.rollup.weightField", 12, 57, "'segment' is not a number field: a weight must be a field declared in account.numbers.")]
    [InlineData("""{ "method": "valueWeighted" }""", "$.rollup.weightField", 12, 13, "is required by the valueWeighted method: name the number field of account.numbers that weighs each child, e.g. arr.")]
    [InlineData("""{ "method": "average", "band": "watch" }""", "$.rollup.band", 12, 44, "is read only by the shareInBand method: remove it, or set method to shareInBand.")]
    [InlineData("""{ "method": "worstChild", "weightField": "arr" }""", "$.rollup.weightField", 12, 54, "is read only by the valueWeighted method: remove it, or set method to valueWeighted.")]
    [InlineData("""{ "minimumChildren": 0 }""", "$.rollup.minimumChildren", 12, 34, "is 0; it must be a whole number, 1 or more: how many children a parent needs counted to have a roll-up.")]
    [InlineData("""{ "wieghtField": "arr" }""", "$.rollup.wieghtField", 12, 15, "unknown property 'wieghtField'. Did you mean 'weightField'? Check its spelling; properties are camelCase.")]
    public void Compile_RollupMistake_IsLocated(string rollup, string path, int line, int column, string message)
    {
        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(With(rollup)));

        var error = Assert.Single(exception.Errors);
        Assert.Equal((path, line, column, message), (error.Path, error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Compile_SeveralRollupMistakes_AreAllListed()
    {
        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(With("""{ "method": "valueWeighted", "weightField": "arrr", "band": "watch", "minimumChildren": -1 }""")));

        Assert.Equal(["$.rollup.weightField", "$.rollup.band", "$.rollup.minimumChildren"], exception.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Compile_RollupInCode_ErrorsHaveTheirPathWithoutTheDocumentRoot()
    {
        var builder = TestModels.SaasBuilder();
        builder.Definition.Rollup = new RollupDefinition { Method = (RollupMethod)9 };

        var exception = Assert.Throws<HealthModelException>(() => builder.Build());

        Assert.Equal(("rollup.method", "must be average, valueWeighted, worstChild or shareInBand."), (Assert.Single(exception.Errors).Path, exception.Errors[0].Message));
    }

    [Fact]
    public void WriteAndCompile_Rollup_RoundTrips()
    {
        var definition = HealthModelDocument.Parse(With("""{ "method": "valueWeighted", "weightField": "arr", "minimumChildren": 2 }"""));

        var written = HealthModelDocument.Write(definition);
        var model = HealthModelDocument.Compile(written);

        Assert.Contains("\"rollup\": {", written, StringComparison.Ordinal);
        Assert.Contains("\"method\": \"valueWeighted\"", written, StringComparison.Ordinal);
        Assert.Equal((RollupMethod.ValueWeighted, "arr", 2, (Band?)null), (model.Rollup!.Method, model.Rollup.WeightField, model.Rollup.MinimumChildren, model.Rollup.Band));
        Assert.Equal(HealthModelDocument.Compile(With("""{ "method": "valueWeighted", "weightField": "arr", "minimumChildren": 2 }""")).Hash, model.Hash);
    }

    [Fact]
    public void Write_NoRollup_LeavesThePropertyOut()
    {
        var written = HealthModelDocument.Write(TestModels.SaasBuilder().Definition);

        Assert.DoesNotContain("rollup", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_Rollup_ChangesWithItAndNotWithWrittenDefaults()
    {
        var none = HealthModelDocument.Compile(Document.Replace(",\n  \"rollup\": ROLLUP", string.Empty, StringComparison.Ordinal).Replace(",\r\n  \"rollup\": ROLLUP", string.Empty, StringComparison.Ordinal)).Hash;
        var empty = HealthModelDocument.Compile(With("{}")).Hash;
        var defaults = HealthModelDocument.Compile(With("""{ "method": "average", "minimumChildren": 1 }""")).Hash;
        var worst = HealthModelDocument.Compile(With("""{ "method": "worstChild" }""")).Hash;

        Assert.Equal(empty, defaults);
        Assert.NotEqual(none, empty);
        Assert.NotEqual(empty, worst);
    }

    [Fact]
    public void Schema_DocumentWithRollup_IsValidAndAnUnknownMethodIsNot()
    {
        var schema = JsonSchema.FromText(HealthModelDocument.Schema);

        Assert.True(schema.Evaluate(JsonNode.Parse(With("""{ "method": "shareInBand", "band": "at_risk", "minimumChildren": 3 }"""))).IsValid);
        Assert.False(schema.Evaluate(JsonNode.Parse(With("""{ "method": "median" }"""))).IsValid);
        Assert.False(schema.Evaluate(JsonNode.Parse(With("""{ "methd": "average" }"""))).IsValid);
    }
}
