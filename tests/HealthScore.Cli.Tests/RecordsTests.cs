using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthScore.Cli.Tests;

public sealed class RecordsTests
{
    [Fact]
    public void Score_ExportedDemo_SameTableAsTheDemo()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        var demo = run.Run("demo", "--count", "120", "--top", "120", "--report", Path.Combine(run.Directory, "r.html"), "--export", data);

        var score = run.Run("score", "--model", run.SampleModel(), "--accounts", Path.Combine(data, "accounts.csv"), "--records", data,
            "--inputs", Path.Combine(data, "inputs.csv"), "--overrides", Path.Combine(data, "overrides.csv"), "--as-of", "2026-11-24");

        Assert.Equal(0, demo.ExitCode);
        Assert.Equal("", score.Error);
        Assert.Equal(0, score.ExitCode);

        // Everything the demo prints under its title line: every account, overrides and roll-ups included.
        var table = demo.Output.Split("\n\n", 2)[1];
        table = table[..table.LastIndexOf("\n120/120", StringComparison.Ordinal)];
        Assert.Equal(table.TrimEnd('\n') + "\n", score.Output);
        Assert.Contains("✎", score.Output, StringComparison.Ordinal);
        Assert.Contains(": Roll-up ", score.Output, StringComparison.Ordinal);
        Assert.Equal(121, File.ReadAllLines(Path.Combine(data, "accounts.csv")).Length);
    }

    [Fact]
    public void Score_RecordsOutOfTheAccountsOrder_ErrorNamesTheRule()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/events.csv", "account_id,time,user_id,feature\nA-1,2026-03-01,u1,login\nA-2,2026-03-01,u1,login\nA-1,2026-03-02,u1,reports\n");
        var accounts = run.File("accounts.csv", "account_id\nA-1\nA-2\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", accounts, "--records", data, "--as-of", "2026-04-01");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: events.csv line 4: a row of account 'A-1' after the rows of 'A-2' (line 3), which come later in accounts.csv. Record files must list each account's rows together, in the order of accounts.csv.\n", error);
    }

    [Fact]
    public void Score_RecordsOfUnknownAccounts_ReportedOnce()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/events.csv", "account_id,time,user_id,feature\nX-9,2026-03-01,u1,login\nA-1,2026-03-01,u1,login\nX-9,2026-03-02,u1,login\nA-2,2026-03-01,u1,reports\n");
        var accounts = run.File("accounts.csv", "account_id\nA-1\nA-2\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", accounts, "--records", data, "--as-of", "2026-04-01", "--format", "csv");

        Assert.Equal(0, code);
        Assert.Equal("warning: events.csv: 2 row(s) name accounts that are not in accounts.csv (the first on line 2: 'X-9'); they were not used.\n", error);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Score_RecordsWithoutAsOf_UsesTheDayAfterTheLatestRecord()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/events.csv", "account_id,time,user_id,feature\nA-1,2026-03-01T10:00:00Z,u1,login\nA-1,2026-03-02T10:00:00Z,u1,reports\n");
        var accounts = run.File("accounts.csv", "account_id,name,contract_start,renewal_date\nA-1,Acme,2025-01-01,2027-01-01\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", accounts, "--records", data, "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("\"metricId\": \"days_since_last_activity\"", output, StringComparison.Ordinal);
        Assert.Contains("\"rawValue\": 1,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_ModelNamesFeaturesUsed_CountsTheCatalogueFeaturesOfTheWindow()
    {
        // The sample model with a features_used metric beside feature breadth, in the usage group.
        using var run = new CliRun();
        var model = JsonNode.Parse(File.ReadAllText(run.SampleModel()))!;
        var usage = model["groups"]!.AsArray().Single(static g => (string?)g!["id"] == "usage")!;
        usage["metrics"]!.AsArray().Add(JsonNode.Parse("""{ "id": "features_used", "label": "Features used", "scoring": { "type": "linear", "worst": 0, "best": 3 } }"""));
        var modelFile = run.File("model.json", model.ToJsonString());
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/features.csv", "feature\nreports\nexport\ndashboards\n");
        run.File("data/events.csv", "account_id,time,user_id,feature\nA-1,2026-03-20,u1,reports\nA-1,2026-03-21,u1,login\nA-1,2026-03-22,u2,export\nA-1,2026-03-23,u1,reports\nA-1,2026-01-05,u1,dashboards\n");
        var accounts = run.File("accounts.csv", "account_id,name,contract_start,renewal_date\nA-1,Acme,2025-01-01,2027-01-01\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", modelFile, "--accounts", accounts, "--records", data, "--as-of", "2026-04-01", "--format", "json");

        // reports and export in the 30 days before 2026-04-01; login is not in the catalogue, dashboards is older
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var contributions = JsonDocument.Parse(output).RootElement[0].GetProperty("contributions").EnumerateArray()
            .ToDictionary(static c => c.GetProperty("metricId").GetString()!);
        Assert.Equal(2, contributions["features_used"].GetProperty("rawValue").GetDouble());
        Assert.Equal(2.0 / 3, contributions["feature_breadth"].GetProperty("rawValue").GetDouble(), 4);
    }

    [Fact]
    public void Score_BadEnumInRecords_LineAndExpectedValues()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/tickets.csv", "account_id,opened,severity\nA-1,2026-03-01,high\nA-1,2026-03-02,dire\n");
        run.File("data/features.csv", "feature\nreports\n");

        var (code, _, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("a.csv", "account_id\nA-1\n"), "--records", data);

        Assert.Equal(1, code);
        Assert.Equal("error: tickets.csv line 3: column 'severity' has 'dire'; expected one of low, normal, high, urgent.\n", error);
    }

    [Fact]
    public void Score_MissingRecordsDirectory_Exit1()
    {
        using var run = new CliRun();
        var (code, _, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("a.csv", "account_id\nA-1\n"), "--records", "no-such-dir");

        Assert.Equal(1, code);
        Assert.Equal("error: no-such-dir: directory not found.\n", error);
    }
}
