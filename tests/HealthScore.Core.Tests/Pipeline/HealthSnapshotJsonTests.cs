using HealthScore.Core.Pipeline;
using static HealthScore.Core.Tests.Pipeline.PipelineSamples;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Snapshots round-trip through JSON, and a damaged one is reported with its place.</summary>
public sealed class HealthSnapshotJsonTests
{
    [Fact]
    public void WriteRead_RoundTrips_AndTheNextEvaluationIsTheSame()
    {
        var engine = new HealthEngine(SampleModel);
        var snapshot = engine.Evaluate(new AccountInput { AccountId = "acme", AsOf = AsOf, MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 200) }).ToSnapshot();

        var json = HealthSnapshotJson.Write(snapshot);
        var read = HealthSnapshotJson.Read(json);

        Assert.Equal(json, HealthSnapshotJson.Write(read));
        Assert.Contains("\"status\": \"fired\"", json, StringComparison.Ordinal);
        Assert.Contains("\"logins_per_week\": 1.5", json, StringComparison.Ordinal);
        Assert.Contains("\"active_seat_ratio\": null", json, StringComparison.Ordinal);
        var next = new AccountInput { AccountId = "acme", AsOf = AsOf.AddDays(3), MetricValues = Struggling(SampleModel), Facts = Facts(SampleModel, 203) };
        Assert.Equal(
            HealthSnapshotJson.Write(engine.Evaluate(next with { Previous = snapshot }).ToSnapshot()),
            HealthSnapshotJson.Write(engine.Evaluate(next with { Previous = read }).ToSnapshot()));
    }

    [Fact]
    public void Read_LaterVersionsProperty_Skipped()
    {
        var snapshot = HealthSnapshotJson.Read("""{ "asOf": "2026-11-24T00:00:00+00:00", "modelId": "m", "modelVersion": "1", "modelHash": "h", "phase": "p", "band": "b", "coverage": 1, "somethingNew": [1, 2] }""");

        Assert.Equal("b", snapshot.Band);
        Assert.Empty(snapshot.Actions);
    }

    [Theory]
    [InlineData("{ \"asOf\": \"2026-11-24T00:00:00+00:00\", \"modelId\": \"m\", \"modelVersion\": \"1\", \"modelHash\": \"h\",\n  \"phase\": \"p\", \"band\": \"b\", \"coverage\": \"high\" }", "$.coverage", 2)]
    [InlineData("""{ "asOf": "yesterday" }""", "$.asOf", 1)]
    [InlineData("""{ "asOf": "2026-11-24T00:00:00+00:00", "modelId": "m", "modelVersion": "1", "modelHash": "h", "phase": "p", "band": "b", "actions": [ { "id": "x", "status": "exploded" } ] }""", "$.actions[0].status", 1)]
    [InlineData("""{ "asOf": "2026-11-24T00:00:00+00:00", "modelId": "m", """, "$", 1)]
    public void Read_Damaged_ErrorNamesPathAndLine(string json, string path, long line)
    {
        var error = Assert.Throws<AccountDataException>(() => HealthSnapshotJson.Read(json, "acme.json"));

        Assert.Equal(path, error.Errors[0].Field);
        Assert.Equal(line, error.Errors[0].Row);
        Assert.StartsWith("acme.json, row ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Incomplete_EveryMissingPartNamed()
    {
        var error = Assert.Throws<AccountDataException>(() => HealthSnapshotJson.Read("""{ "asOf": "2026-11-24T00:00:00+00:00", "modelId": "", "modelVersion": "1", "modelHash": "h", "phase": "p", "band": "b", "coverage": 2, "fired": [ { "id": "", "at": "2026-11-24T00:00:00+00:00" } ] }"""));

        Assert.Equal(["$.modelId", "$.coverage", "$.fired[0].id"], error.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Read_ValuesItCouldNotWriteBack_Reported()
    {
        var error = Assert.Throws<AccountDataException>(() => HealthSnapshotJson.Read("""{ "asOf": "2026-11-24T00:00:00+00:00", "phaseSince": "2026-12-24T00:00:00+00:00", "modelId": "m", "modelVersion": "1", "modelHash": "h", "phase": "p", "band": "b", "score": 1e400, "metrics": { "nps": 1e400 }, "actions": [ { "id": "x", "status": 42, "consecutiveMatches": -3 } ] }"""));

        Assert.Equal(["$.score", "$.metrics.nps", "$.phaseSince", "$.actions[0].status", "$.actions[0].consecutiveMatches"], error.Errors.Select(e => e.Field));
    }
}
