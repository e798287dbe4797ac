using FsCheck;
using FsCheck.Xunit;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

public sealed class HealthModelDocumentTests
{
    private const string Document = """
        {
          "formatVersion": 1,
          "id": "saas",
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 70 }
          ],
          "groups": [
            {
              "id": "usage", "label": "Usage", "weight": 60,
              "metrics": [ { "id": "logins", "label": "Logins", "scoring": { "type": "linear", "worst": 0, "best": 5 } } ]
            },
            {
              "id": "support", "label": "Support", "weight": 40, "aggregation": "minimum",
              "metrics": [
                { "id": "tickets", "label": "Tickets", "weight": 0, "scoring": { "worst": 10, "best": 0, "type": "linear" }, "missing": "neutral" }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Compile_InvalidValue_ErrorNamesJsonPathLineAndColumn()
    {
        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(Document));

        var only = Assert.Single(error.Errors);
        Assert.Equal("$.groups[1].metrics[0].weight (line 16, column 58): must be a positive number; got 0. Weights are relative: any positive numbers, converted to shares.", only.ToString());
        Assert.Equal(16, only.Line);
    }

    [Fact]
    public void Parse_UnknownProperty_SuggestsTheRightName()
    {
        var json = Document.Replace("\"aggregation\": \"minimum\"", "\"agregation\": \"minimum\"", StringComparison.Ordinal);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Parse(json));

        Assert.Equal("$.groups[1].agregation (line 14, column 58): unknown property 'agregation'. Did you mean 'aggregation'? Check its spelling; properties are camelCase.", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void Parse_UnknownScoringType_ListsKnownTypes()
    {
        var json = Document.Replace("\"type\": \"linear\", \"worst\": 0", "\"type\": \"lineer\", \"worst\": 0", StringComparison.Ordinal);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Parse(json));

        Assert.StartsWith("$.groups[0].metrics[0].scoring", Assert.Single(error.Errors).Path);
        Assert.Contains("unknown scoring function type 'lineer'. Did you mean 'linear'? Known types: linear, boundedLinear, piecewiseLinear, singlePeaked, tiers, logistic, targetRatio", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"weight\": 60", "\"weight\": \"sixty\"", "$.groups[0].weight", "must be a number, not a string.")]
    [InlineData("\"aggregation\": \"minimum\"", "\"aggregation\": \"lowest\"", "$.groups[1].aggregation", "'lowest' is not allowed here: use one of weightedMean, minimum, maximum.")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 3", "$.formatVersion", "format version 3 is not supported; this library reads formats 1 and 2.")]
    public void Parse_BadValue_SaysWhatWasExpected(string find, string replace, string path, string message)
    {
        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Parse(Document.Replace(find, replace, StringComparison.Ordinal)));

        var only = Assert.Single(error.Errors);
        Assert.Equal(path, only.Path);
        Assert.Equal(message, only.Message);
        Assert.NotNull(only.Line);
    }

    [Fact]
    public void Parse_MalformedJson_ReportsLine()
    {
        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Parse("{\n  \"id\": \"x\",\n  \"groups\": [ }\n}"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(3, only.Line);
        Assert.StartsWith("is not valid JSON", only.Message);
    }

    [Fact]
    public void WriteThenParse_SampleModels_SameHash()
    {
        foreach (var builder in new[] { TestModels.SaasBuilder() })
        {
            var json = HealthModelDocument.Write(builder.Definition);
            var model = HealthModelDocument.Compile(json);

            Assert.Equal(builder.Build().Hash, model.Hash);
            Assert.Equal(json, HealthModelDocument.Write(HealthModelDocument.Parse(json)));
        }
    }

    [Fact]
    public void Parse_PartialTexts_KeepsDefaultsForTheRest()
    {
        var json = Document.Replace("\"id\": \"saas\",", "\"id\": \"saas\", \"texts\": { \"score\": \"スコア\" }, \"insufficientData\": { \"label\": \"データ不足\" },", StringComparison.Ordinal)
            .Replace("\"weight\": 0,", string.Empty, StringComparison.Ordinal);

        var model = HealthModelDocument.Compile(json);

        Assert.Equal("スコア", model.Texts.Score);
        Assert.Equal("coverage", model.Texts.Coverage);
        Assert.Equal("データ不足", model.InsufficientData.Label);
        Assert.Equal("insufficient_data", model.InsufficientData.Id);
        Assert.Equal(Aggregation.Minimum, model.GetGroup("support").Aggregation);
    }

    [Property]
    public bool WriteThenParse_AnyWeightsAndParameters_Identity(NormalFloat[] numbers, bool neutral)
    {
        double Pick(int i, double fallback) => numbers is { Length: > 0 } ? numbers[i % numbers.Length].Get : fallback;
        var builder = TestModels.SaasBuilder();
        var definition = builder.Definition;
        definition.Groups[0].Weight = Pick(0, 1);
        definition.Groups[1].Metrics[0].Weight = Pick(1, 2);
        definition.Groups[0].Metrics[0].Scoring = new Core.Scoring.LogisticScoring(Pick(2, 0), Pick(3, 1));
        definition.Groups[2].Metrics[0].Missing = neutral ? MissingDataPolicy.Neutral : MissingDataPolicy.Exclude;
        definition.Phases[0].Weights["usage"] = Pick(4, 3);
        definition.MinimumCoverage = Pick(5, 0.5);

        var json = HealthModelDocument.Write(definition);
        return json == HealthModelDocument.Write(HealthModelDocument.Parse(json));
    }

    [Fact]
    public void Compile_BadRulesAndActions_LocatedInDocumentAndRule()
    {
        var json = Document
            .Replace("\"weight\": 0,", string.Empty, StringComparison.Ordinal)
            .Replace("\"id\": \"saas\",", """
                "id": "saas",
                "account": { "consents": [ "email" ] },
                "phaseRules": [ { "id": "new", "when": "tenure_days < 90", "then": "onbording" } ],
                "actions": [
                  { "id": "coach", "title": "Coach", "kind": "coach", "when": "metrics.loginz < 2", "consent": "emial" }
                ],
                """, StringComparison.Ordinal);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Snapshooter.Xunit.Snapshot.Match(error.Errors.Select(e => e.ToString()).ToArray());
    }
}
