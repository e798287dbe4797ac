using System.Text;
using System.Text.Json.Nodes;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization.Fuzzing;

/// <summary>
/// Minimal edits of <c>docs/models/saas.en.json</c>, each of which once escaped the reader or compiler as a
/// framework exception (or would): each must be rejected with a <see cref="HealthModelException"/> whose errors
/// are located and readable, as <see cref="ModelDocumentOracle.CheckErrors"/> checks for the fuzzer.
/// </summary>
public sealed class ModelDocumentRegressionTests
{
    private static readonly SeedDocument Saas = new(
        "saas.en.json",
        File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "saas.en.json")),
        1);

    // Each edit gets the document's root and the raw-token table (for numbers a JsonNode cannot hold).
    private static readonly Dictionary<string, Action<JsonObject, RawTokens>> Edits = new(StringComparer.Ordinal)
    {
        ["metric scoring {}"] = (root, _) => Metric(root, 0, 0)["scoring"] = new JsonObject(),
        ["phase scoring { metric: {} }"] = (root, _) => Phase(root, 0)["scoring"] = new JsonObject { ["logins_per_week"] = new JsonObject() },
        ["group groups null"] = (root, _) => Group(root, 0)["groups"] = null,
        ["group with subgroups metrics null"] = (root, _) => Group(root, 3)["metrics"] = null,
        ["phases null without defaultPhase"] = (root, _) =>
        {
            root.Remove("defaultPhase");
            root["phases"] = null;
        },
        ["actions [null]"] = (root, _) => root["actions"] = new JsonArray((JsonNode?)null),
        ["phaseRules [null]"] = (root, _) => root["phaseRules"] = new JsonArray((JsonNode?)null),
        ["bandExceptions [null]"] = (root, _) => root["bandExceptions"] = new JsonArray((JsonNode?)null),
        ["phase weights null"] = (root, _) => Phase(root, 0)["weights"] = null,
        ["phase bands null"] = (root, _) => Phase(root, 0)["bands"] = null,
        ["phase scoring null"] = (root, _) => Phase(root, 0)["scoring"] = null,
        ["action cooldownDays 1e999"] = (root, tokens) => Action(root, 1)["cooldownDays"] = tokens.Placeholder("@@cooldown@@", "1e999"),
        ["account { texts: [null] }"] = (root, _) => root["account"] = new JsonObject { ["texts"] = new JsonArray((JsonNode?)null) },
        ["account texts [null]"] = (root, _) => root["account"]!["texts"] = new JsonArray((JsonNode?)null),
        ["scale null"] = (root, _) => root["scale"] = null,
        ["metric id of 1,000,000 characters"] = (root, _) => Metric(root, 0, 0)["id"] = new string('m', 1_000_000),
        ["group weight 5e-324"] = (root, tokens) => Group(root, 0)["weight"] = tokens.Placeholder("@@weight@@", "5e-324"),
    };

    public static TheoryData<string> EditNames => [.. Edits.Keys];

    [Theory]
    [MemberData(nameof(EditNames))]
    public void Compile_MinimalDocumentEdit_ThrowsLocatedHealthModelException(string edit)
    {
        var tokens = new RawTokens();
        var root = (JsonObject)ModelDocumentMutator.Parse(Saas)!;
        Edits[edit](root, tokens);
        var document = Encoding.UTF8.GetBytes(ModelDocumentMutator.Render(root, tokens));

        var exception = Record.Exception(() => HealthModelDocument.Compile(document));

        Assert.True(exception is not null, $"'{edit}' compiled; it must be rejected.");
        if (exception is not HealthModelException rejection)
        {
            var finding = ModelDocumentOracle.FromException("Compile", exception);
            Assert.Fail($"'{edit}' escaped as {finding.Signature}: {finding.Detail}\n{exception.StackTrace}");
            return;
        }

        var problem = ModelDocumentOracle.CheckErrors(rejection);
        Assert.True(problem is null, $"'{edit}': {problem?.Signature}: {problem?.Detail}");
    }

    private static JsonObject Group(JsonObject root, int group) => (JsonObject)root["groups"]![group]!;

    private static JsonObject Metric(JsonObject root, int group, int metric) => (JsonObject)Group(root, group)["metrics"]![metric]!;

    private static JsonObject Phase(JsonObject root, int phase) => (JsonObject)root["phases"]![phase]!;

    private static JsonObject Action(JsonObject root, int action) => (JsonObject)root["actions"]![action]!;
}
