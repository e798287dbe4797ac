using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using Snapshooter.Xunit;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>One document with a problem for every check: all of them come back together, located, in document order.</summary>
public sealed class ValidationListingTests
{
    private const string EveryStage = """
        {
          "formatVersion": 1,
          "id": "listing",
          "lable": "Every check at once",
          "scale": { "min": 0, "max": 100, "decimals": 9 },
          "account": { "numbers": [ "seats", "seats" ], "consents": [ "email" ] },
          "groups": [
            {
              "id": "usage", "label": "Usage", "weight": "heavy",
              "metrics": [
                { "id": "logins", "label": "Logins", "weight": 0, "scoring": { "type": "linear", "worst": 0, "best": 10 } },
                { "id": "features", "label": "Features", "scoring": {} },
                { "id": "seats-used", "label": "Seats used", "scoring": { "type": "linera", "worst": 0, "best": 1 } },
                null
              ]
            }
          ],
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "red", "lowerBound": 0 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 60 }
          ],
          "phaseRules": [ { "id": "new", "when": "tenure_days < 90 &&\n  scor > 1", "then": "onbording" } ],
          "actions": [
            { "id": "call", "title": "Call", "when": "metrics.loginz < 2", "consent": "emial", "message": "Hello {account.nam}" }
          ]
        }
        """;

    [Fact]
    public void Compile_DocumentWithAnErrorOfEveryStage_ReportsThemAllTogether()
    {
        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(EveryStage));

        Assert.All(exception.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString()));
        Assert.Contains(exception.Errors, e => e.Kind == ModelErrorKind.Shape);
        Assert.Contains(exception.Errors, e => e.Kind == ModelErrorKind.Value);
        Assert.Contains(exception.Errors, e => e.Kind == ModelErrorKind.Rule && e.ExpressionLine == 2);
        Assert.Contains(exception.Errors, e => e.Kind == ModelErrorKind.Template && e.ExpressionColumn == 7);
        Snapshot.Match(exception.Errors.Select(e => $"{e.Kind}: {e}").ToArray());
    }

    [Fact]
    public void Compile_SameDocumentEveryWay_GivesTheSameList()
    {
        var path = Path.Combine(Path.GetTempPath(), "healthscore-listing-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, EveryStage);
        try
        {
            var fromText = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(EveryStage));
            var fromBytes = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(System.Text.Encoding.UTF8.GetBytes(EveryStage)));
            var fromFile = Assert.Throws<HealthModelException>(() => HealthModelDocument.CompileFile(path));
            Assert.Equal(fromText.Message, fromBytes.Message);
            Assert.Equal(fromText.Message, fromFile.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ \"metrics\": [] }", "metrics")]
    [InlineData("{ \"groups\": [ { \"id\": \"g\", \"label\": \"G\", \"metrics\": [ { \"id\": \"m\", \"label\": \"M\", \"scoring\": { \"type\": \"linear\", \"worst\": 0, \"best\": 1 }, \"weight\": 1, \"metrics\": 1 } ] } ] }", "metrics")]
    public void Compile_UnknownProperty_NeverSuggestsTheSameName(string json, string name)
    {
        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        var error = Assert.Single(exception.Errors, e => e.Message.StartsWith($"unknown property '{name}'", StringComparison.Ordinal));
        Assert.DoesNotContain($"Did you mean '{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_LongValues_AreQuotedCutShort()
    {
        var id = new string('x', 1_000_000);
        var json = EveryStage.Replace("\"id\": \"logins\"", $"\"id\": \"{id}\"", StringComparison.Ordinal);

        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.All(exception.Errors, e => Assert.True(e.Message.Length < 1_000, e.Message[..Math.Min(200, e.Message.Length)]));
        Assert.Contains(exception.Errors, e => e.Path == "$.groups[0].metrics[0].id" && e.Message.StartsWith("is 1,000,000 characters long", StringComparison.Ordinal));
    }
}
