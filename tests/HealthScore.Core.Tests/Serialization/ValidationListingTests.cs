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
    public void ModelFormatDocument_ErrorListing_IsWhatTheLibraryPrints()
    {
        var markdown = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "model-format.md")).ReplaceLineEndings("\n");
        var start = markdown.IndexOf("The health model is invalid (", StringComparison.Ordinal);
        var listing = markdown[start..markdown.IndexOf("\n```", start, StringComparison.Ordinal)];

        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(EveryStage));

        Assert.Equal(exception.Message, listing);
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

            var current = HealthModelDocument.CompileFile(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "saas.en.json"));
            using var source = new Core.Hosting.HealthModelSource(current);
            IReadOnlyList<ModelError>? rejected = null;
            source.ModelRejected += (_, e) => rejected = e.Errors;
            Assert.False(source.TryReloadFile(path));
            Assert.Equal(fromText.Errors.Select(e => e.ToString()), rejected!.Select(e => e.ToString()));
            Assert.Same(current, source.Current);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("1e-13")]
    [InlineData("5e-324")]
    [InlineData("1e300")]
    public void Compile_DegenerateWeight_IsRejectedWhereItIs(string weight)
    {
        var json = """
            {
              "groups": [ { "id": "usage", "label": "Usage", "metrics": [
                { "id": "logins", "label": "Logins", "weight": WEIGHT, "scoring": { "type": "linear", "worst": 0, "best": 10 } },
                { "id": "nps", "label": "NPS", "scoring": { "type": "linear", "worst": -100, "best": 100 } } ] } ],
              "bands": [ { "id": "low", "label": "Low", "color": "#C62828", "lowerBound": 0 } ]
            }
            """.Replace("WEIGHT", weight, StringComparison.Ordinal);

        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("$.groups[0].metrics[0].weight", error.Path);
        Assert.Equal(ModelErrorKind.Value, error.Kind);
    }

    [Fact]
    public void Compile_WeightSoSmallItsShareVanishes_IsRejectedInThePhase()
    {
        var json = """
            {
              "groups": [ { "id": "usage", "label": "Usage", "metrics": [
                { "id": "logins", "label": "Logins", "scoring": { "type": "linear", "worst": 0, "best": 10 } },
                { "id": "nps", "label": "NPS", "weight": 1e6, "scoring": { "type": "linear", "worst": -100, "best": 100 } } ] } ],
              "bands": [ { "id": "low", "label": "Low", "color": "#C62828", "lowerBound": 0 } ],
              "phases": [ { "id": "onboarding", "label": "Onboarding", "weights": { "logins": 1e-6 } } ]
            }
            """;

        var exception = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("$.phases[0].weights.logins", error.Path);
        Assert.StartsWith("is 1E-06, a share of 1E-12 of its siblings' total weight (1E+06) in phase 'onboarding'", error.Message, StringComparison.Ordinal);
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
