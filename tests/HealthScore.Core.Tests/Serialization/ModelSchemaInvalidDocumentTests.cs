using System.Text.Json.Nodes;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using Json.Schema;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>
/// The schema catches what the compiler catches, where a schema can: each document below breaks one compiler rule,
/// and both the compiler and an independent draft 2020-12 validator must reject it; every document the compiler
/// accepts must validate.
/// </summary>
public sealed class ModelSchemaInvalidDocumentTests
{
    /// <summary>A valid document that uses every section, so each case below changes one thing.</summary>
    private const string Valid = """
        {
          "$schema": "../model.schema.json",
          "formatVersion": 2,
          "id": "saas",
          "label": "SaaS",
          "scale": { "min": 0, "max": 100, "decimals": 1 },
          "minimumCoverage": 0.5,
          "groups": [
            {
              "id": "usage", "label": "Usage", "weight": 60,
              "metrics": [
                { "id": "logins", "label": "Logins", "weight": 2, "unit": "per week", "maxAgeDays": 30, "scoring": { "type": "linear", "worst": 0, "best": 5 } },
                { "id": "seats", "label": "Seats used", "missing": "fixed", "missingValue": 0, "scoring": { "type": "piecewiseLinear", "points": [ { "value": 0, "score": 0 }, { "value": 1, "score": 1 } ] } },
                { "id": "plan", "label": "Plan", "scoring": { "type": "categories", "categories": [ { "id": "gold", "label": "Gold", "score": 1 }, { "id": "basic", "label": "Basic", "score": 0.3 } ] } }
              ]
            },
            {
              "id": "support", "label": "Support", "weight": 40, "aggregation": "minimum",
              "metrics": [
                { "id": "tickets", "label": "Tickets", "direction": "lowerIsBetter", "missing": "neutral", "scoring": { "type": "boundedLinear", "worst": 10, "best": 0 } },
                { "id": "csat", "label": "CSAT", "scoring": { "type": "tiers", "tiers": [ { "from": 0, "score": 0 }, { "from": 3, "score": 1 } ] } },
                { "id": "nps", "label": "NPS", "scoring": { "type": "logistic", "midpoint": 0, "steepness": 0.1 } },
                { "id": "arr_ratio", "label": "ARR to target", "scoring": { "type": "targetRatio", "target": 100, "direction": "higherIsBetter" } },
                { "id": "response", "label": "Response", "scoring": { "type": "singlePeaked", "points": [ { "value": 0, "score": 0 }, { "value": 5, "score": 1 }, { "value": 10, "score": 0 } ] } }
              ]
            }
          ],
          "bands": [
            { "id": "at_risk", "label": "At risk", "color": "#C62828", "lowerBound": 0 },
            { "id": "healthy", "label": "Healthy", "color": "#2E7D32", "lowerBound": 70 }
          ],
          "insufficientData": { "id": "unknown", "label": "Not enough data", "color": "#9E9E9E" },
          "phases": [ { "id": "onboarding", "label": "Onboarding", "weights": { "usage": 80 }, "bands": { "healthy": 60 } } ],
          "defaultPhaseLabel": "All accounts",
          "account": { "numbers": [ "arr" ], "flags": [ "strategic" ], "texts": [ "region" ], "consents": [ "email" ] },
          "phaseRules": [ { "id": "new_customer", "when": "account.arr < 1000", "then": "onboarding" } ],
          "bandExceptions": [ { "id": "no_logins", "when": "metrics.logins == 0", "then": "at_risk" } ],
          "actions": [
            { "id": "call", "title": "Call the customer", "kind": "respond", "when": "band == \"at_risk\"", "consent": "email", "cooldownTimes": 1, "cooldownDays": 30, "afterConsecutiveMatches": 1, "group": "outreach", "message": "Call about {account.arr}" }
          ],
          "adjustments": [ { "id": "strategic_bonus", "label": "Strategic", "when": "account.strategic", "points": 5, "phases": [ "onboarding" ] } ],
          "overrides": { "allowed": true, "maxValidityDays": 90 },
          "profiles": [
            { "id": "enterprise", "label": "Enterprise", "groups": [ { "id": "all", "label": "All", "weight": 1, "metrics": [ { "id": "logins", "weight": 1 } ] } ] }
          ],
          "profileRules": [ { "id": "large", "when": "account.arr >= 100000", "then": "enterprise" } ],
          "trend": { "deadBand": 2 },
          "report": { "matrixX": "usage", "matrixY": "support" },
          "texts": { "score": "Score", "report.owner": "Owner" },
          "rollup": { "method": "valueWeighted", "weightField": "arr", "minimumChildren": 1 },
          "calibration": {
            "method": "binned", "horizonDays": 90, "confidenceLevel": 0.95,
            "bins": [ { "from": 0, "churnRate": 0.3, "lower": 0.25, "upper": 0.35, "accounts": 300, "churned": 90 } ],
            "phases": { "onboarding": [ { "from": 0, "churnRate": 0.4, "lower": 0.3, "upper": 0.5, "accounts": 100, "churned": 40 } ] }
          }
        }
        """;

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(HealthModelDocument.Schema));

    /// <summary>Each case: a name, the place to change (a path of property names and indexes) and the new value, or null to remove it.</summary>
    public static TheoryData<string, string, string?> InvalidDocuments => new()
    {
        // The model
        { "format version not supported", "formatVersion", "3" },
        { "model id too long", "id", Quoted(new string('m', HealthModelLimits.MaxIdLength + 1)) },
        { "model label too long", "label", Quoted(new string('l', HealthModelLimits.MaxLabelLength + 1)) },
        { "scale minimum beyond 1e9", "scale/min", "-2e9" },
        { "scale maximum beyond 1e9", "scale/max", "2e9" },
        { "decimals above 6", "scale/decimals", "9" },
        { "decimals negative", "scale/decimals", "-1" },
        { "minimum coverage above 1", "minimumCoverage", "1.5" },
        { "minimum coverage negative", "minimumCoverage", "-0.1" },
        { "aggregation unknown", "aggregation", "\"average\"" },
        { "no groups", "groups", null },
        { "groups empty", "groups", "[]" },

        // Groups and metrics
        { "group without id", "groups/0/id", null },
        { "group id with a dash", "groups/0/id", "\"us-age\"" },
        { "group id starting with a digit", "groups/0/id", "\"1usage\"" },
        { "group without label", "groups/0/label", null },
        { "group label blank", "groups/0/label", "\"   \"" },
        { "group weight 0", "groups/0/weight", "0" },
        { "group weight negative", "groups/0/weight", "-1" },
        { "group weight above 1e12", "groups/0/weight", "1e13" },
        { "group with no metrics and no groups", "groups/0/metrics", "[]" },
        { "group aggregation unknown", "groups/1/aggregation", "\"median\"" },
        { "metric id with a space", "groups/0/metrics/0/id", "\"log ins\"" },
        { "metric id too long", "groups/0/metrics/0/id", Quoted(new string('i', HealthModelLimits.MaxIdLength + 1)) },
        { "metric without label", "groups/0/metrics/0/label", null },
        { "metric weight 0", "groups/0/metrics/0/weight", "0" },
        { "metric weight below 1e-12", "groups/0/metrics/0/weight", "1e-13" },
        { "metric without scoring", "groups/0/metrics/0/scoring", null },
        { "metric scoring null", "groups/0/metrics/0/scoring", "null" },
        { "metric direction unknown", "groups/1/metrics/0/direction", "\"up\"" },
        { "metric unit too long", "groups/0/metrics/0/unit", Quoted(new string('u', HealthModelLimits.MaxLabelLength + 1)) },
        { "max age negative", "groups/0/metrics/0/maxAgeDays", "-1" },
        { "max age above a century", "groups/0/metrics/0/maxAgeDays", "40000" },
        { "missing policy unknown", "groups/0/metrics/0/missing", "\"zero\"" },
        { "fixed missing without a value", "groups/0/metrics/1/missingValue", null },
        { "fixed missing value above 1", "groups/0/metrics/1/missingValue", "2" },
        { "missing value without the fixed policy", "groups/1/metrics/0/missingValue", "0.5" },
        { "categorical metric with a direction", "groups/0/metrics/2/direction", "\"higherIsBetter\"" },

        // Scoring functions
        { "scoring without type", "groups/0/metrics/0/scoring/type", null },
        { "scoring type unknown", "groups/0/metrics/0/scoring/type", "\"lineer\"" },
        { "linear without worst or best", "groups/0/metrics/0/scoring", "{ \"type\": \"linear\" }" },
        { "piecewise linear with one point", "groups/0/metrics/1/scoring/points", "[ { \"value\": 0, \"score\": 0 } ]" },
        { "piecewise linear without points", "groups/0/metrics/1/scoring/points", null },
        { "point score above 1", "groups/0/metrics/1/scoring/points/1/score", "1.5" },
        { "tier score negative", "groups/1/metrics/1/scoring/tiers/0/score", "-0.5" },
        { "tiers with one tier", "groups/1/metrics/1/scoring/tiers", "[ { \"from\": 0, \"score\": 0 } ]" },
        { "peaked with two points", "groups/1/metrics/4/scoring/points", "[ { \"value\": 0, \"score\": 0 }, { \"value\": 5, \"score\": 1 } ]" },
        { "logistic steepness 0", "groups/1/metrics/2/scoring/steepness", "0" },
        { "target ratio target 0", "groups/1/metrics/3/scoring/target", "0" },
        { "target ratio direction unknown", "groups/1/metrics/3/scoring/direction", "\"sideways\"" },
        { "one category", "groups/0/metrics/2/scoring/categories", "[ { \"id\": \"gold\", \"label\": \"Gold\", \"score\": 1 } ]" },
        { "category id with a dash", "groups/0/metrics/2/scoring/categories/0/id", "\"go-ld\"" },
        { "category score above 1", "groups/0/metrics/2/scoring/categories/0/score", "3" },
        { "property misspelled", "groups/0/metrics/0/scoring/wrost", "0" },

        // Bands
        { "no bands", "bands", null },
        { "bands empty", "bands", "[]" },
        { "band colour a name", "bands/0/color", "\"red\"" },
        { "band colour short form", "bands/0/color", "\"#C00\"" },
        { "band without id", "bands/0/id", null },
        { "band id with a dash", "bands/0/id", "\"at-risk\"" },
        { "band without label", "bands/1/label", null },
        { "band scheme with bands", "bandScheme", "\"letterGrades\"" },
        { "band scheme unknown", "bandScheme", "\"traffic\"" },
        { "thresholds unknown", "thresholds", "\"includeBoth\"" },
        { "insufficient-data colour invalid", "insufficientData/color", "\"grey\"" },

        // Phases
        { "phase id with a dash", "phases/0/id", "\"on-boarding\"" },
        { "phase without label", "phases/0/label", null },
        { "phase weight 0", "phases/0/weights/usage", "0" },
        { "phase weight key not an id", "phases/0/weights/us-age", "10" },
        { "default phase not an id", "defaultPhase", "\"on boarding\"" },
        { "default phase label too long", "defaultPhaseLabel", Quoted(new string('p', HealthModelLimits.MaxLabelLength + 1)) },

        // Account, rules, actions and adjustments
        { "account number not a name", "account/numbers/0", "\"annual-revenue\"" },
        { "account flag declared twice", "account/flags", "[ \"strategic\", \"strategic\" ]" },
        { "rule without id", "phaseRules/0/id", null },
        { "rule id empty", "phaseRules/0/id", "\"\"" },
        { "rule without condition", "phaseRules/0/when", null },
        { "rule condition too long", "phaseRules/0/when", Quoted("account.arr < 1000 && " + string.Concat(Enumerable.Repeat("account.arr < 1000 && ", 200)) + "account.arr < 1000") },
        { "rule without target", "bandExceptions/0/then", null },
        { "action without id", "actions/0/id", null },
        { "action without title", "actions/0/title", null },
        { "action title blank", "actions/0/title", "\" \"" },
        { "action kind unknown", "actions/0/kind", "\"phone\"" },
        { "action cooldown times negative", "actions/0/cooldownTimes", "-1" },
        { "action cooldown without days", "actions/0/cooldownDays", null },
        { "action cooldown days above a century", "actions/0/cooldownDays", "40000" },
        { "action after 0 consecutive matches", "actions/0/afterConsecutiveMatches", "0" },
        { "action message too long", "actions/0/message", Quoted(new string('x', HealthModelLimits.MaxTemplateLength + 1)) },
        { "action kind blank in actionKinds", "actionKinds", "[ \" \" ]" },
        { "adjustment points 0", "adjustments/0/points", "0" },
        { "adjustment without points", "adjustments/0/points", null },
        { "adjustment phase not an id", "adjustments/0/phases/0", "\"on-boarding\"" },
        { "override validity 0 days", "overrides/maxValidityDays", "0" },

        // Profiles
        { "profile without groups", "profiles/0/groups", null },
        { "profile groups empty", "profiles/0/groups", "[]" },
        { "profile group weight 0", "profiles/0/groups/0/weight", "0" },
        { "profile group with no metrics", "profiles/0/groups/0/metrics", "[]" },
        { "profile metric weight negative", "profiles/0/groups/0/metrics/0/weight", "-2" },

        // Trend, texts, report, roll-up and calibration
        { "trend dead band negative", "trend/deadBand", "-1" },
        { "text key not camelCase", "texts/Score", "\"Points\"" },
        { "text key not the library's and not prefixed", "texts/scores", "\"Points\"" },
        { "report matrix not an id", "report/matrixX", "\"us age\"" },
        { "roll-up value weighted without field", "rollup/weightField", null },
        { "roll-up band without share in band", "rollup/band", "\"at_risk\"" },
        { "roll-up share in band without band", "rollup", "{ \"method\": \"shareInBand\" }" },
        { "roll-up minimum children 0", "rollup/minimumChildren", "0" },
        { "roll-up method unknown", "rollup/method", "\"median\"" },
        { "calibration horizon 0 days", "calibration/horizonDays", "0" },
        { "calibration confidence 1", "calibration/confidenceLevel", "1" },
        { "calibration without bins", "calibration/bins", "[]" },
        { "calibration churn rate above 1", "calibration/bins/0/churnRate", "1.2" },
        { "calibration accounts negative", "calibration/bins/0/accounts", "-1" },
        { "calibration phase without bins", "calibration/phases/onboarding", "[]" },
    };

    [Fact]
    public void Valid_IsAcceptedByTheCompilerAndTheSchema()
    {
        HealthModelDocument.Compile(Valid);

        AssertValid(JsonNode.Parse(Valid)!, "the base document");
    }

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void InvalidDocument_RejectedByTheCompiler_IsRejectedByTheSchema(string name, string path, string? value)
    {
        var document = Change(path, value);

        Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(document.ToJsonString()));
        var result = Schema.Value.Evaluate(document);
        Assert.False(result.IsValid, $"{name}: the compiler rejects it but the schema accepts it.");
    }

    [Fact]
    public void InvalidDocuments_CoverTheRulesASchemaCanExpress() =>
        Assert.True(InvalidDocuments.Count >= 100, $"{InvalidDocuments.Count} invalid documents.");

    [Fact]
    public void SampleModels_ThatCompile_Validate()
    {
        var root = TestPaths.RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "docs", "models"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(root, "tests"), "*.json", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var checkedCount = 0;
        foreach (var file in files)
        {
            var json = File.ReadAllText(file);
            if (!Compiles(json) || json.Contains("\"formatVersion\": 1", StringComparison.Ordinal))
            {
                continue; // not a model document, or format 1 (the schema describes format 2)
            }

            AssertValid(JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!, Path.GetRelativePath(root, file));
            checkedCount++;
        }

        Assert.True(checkedCount >= 5, $"only {checkedCount} model documents found under docs/models and tests.");
    }

    [Fact]
    public void ModelsBuiltInCode_Validate()
    {
        foreach (var (name, definition) in new[]
        {
            ("saas", TestModels.SaasBuilder().Definition),
            ("upgraded saas", HealthModelDocument.Parse(HealthModelDocument.Write(TestModels.SaasBuilder().Definition))),
        })
        {
            HealthModel.Compile(definition);
            AssertValid(JsonNode.Parse(HealthModelDocument.Write(definition))!, name);
        }
    }

    private static bool Compiles(string json)
    {
        try
        {
            HealthModelDocument.Compile(json);
            return true;
        }
        catch (HealthModelException)
        {
            return false;
        }
    }

    private static void AssertValid(JsonNode document, string name)
    {
        var result = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        Assert.True(result.IsValid, name + ":\n" + string.Join("\n", errors));
    }

    private static string Quoted(string text) => "\"" + text + "\"";

    /// <summary>The valid document with the value at <paramref name="path"/> replaced (or removed when <paramref name="value"/> is null).</summary>
    private static JsonNode Change(string path, string? value)
    {
        var document = JsonNode.Parse(Valid)!;
        var steps = path.Split('/');
        var parent = document;
        foreach (var step in steps[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        var last = steps[^1];
        var node = value is null ? null : JsonNode.Parse(value);
        if (parent is JsonArray list)
        {
            list[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = node;
        }
        else if (value is null)
        {
            Assert.True(parent.AsObject().Remove(last), $"{path} is not in the valid document.");
        }
        else
        {
            parent[last] = node;
        }

        return document;
    }
}
