namespace HealthScore.Cli.Tests;

public sealed class RecordsTests
{
    [Fact]
    public void Score_ExportedDemoRecords_SameScoresBandsAndPhasesAsTheDemo()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        var demo = run.Run("demo", "--top", "300", "--report", Path.Combine(run.Directory, "r.html"), "--export", data);

        var score = run.Run("score", "--model", run.SampleModel(), "--accounts", Path.Combine(data, "accounts.csv"), "--records", data, "--as-of", "2026-11-24", "--format", "csv");

        Assert.Equal(0, score.ExitCode);
        Assert.Equal("", score.Error);
        static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // Overrides are not exported (the accounts CSV has no columns for them): those accounts score as computed.
        var rows = demo.Output.Split('\n').Where(static l => l.StartsWith("ACC-", StringComparison.Ordinal) && !Columns(l)[0].EndsWith(':')).ToList();
        var overridden = rows.Where(static l => l.Contains('✎', StringComparison.Ordinal)).Select(l => Columns(l)[0]).ToHashSet(StringComparer.Ordinal);
        var fromDemo = rows.Where(l => !overridden.Contains(Columns(l)[0])).Select(static l => string.Join(',', Columns(l)[..3])).Order(StringComparer.Ordinal).ToList();
        var fromScore = score.Output.Split('\n').Where(static l => l.StartsWith("ACC-", StringComparison.Ordinal))
            .Select(static l => l.Split(',')).Select(static c => string.Join(',', c[0], char.ToUpperInvariant(c[1][0]) + c[1][1..], c[2])).ToList();
        Assert.Equal(300, fromScore.Count);
        Assert.Equal(18, overridden.Count);
        Assert.Equal(fromDemo, fromScore.Where(l => !overridden.Contains(l.Split(',')[0])).Order(StringComparer.Ordinal));

        // Parents are exported: the same accounts have roll-ups.
        var parentsInDemo = demo.Output.Split('\n').Where(static l => l.StartsWith("ACC-", StringComparison.Ordinal) && Columns(l)[0].EndsWith(':')).Select(static l => Columns(l)[0].TrimEnd(':')).Order(StringComparer.Ordinal);
        var parentsScored = score.Output.Split('\n').Where(static l => l.StartsWith("ACC-", StringComparison.Ordinal) && l.Split(',')[^2].Length > 0).Select(static l => l.Split(',')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(parentsInDemo, parentsScored);
    }

    [Fact]
    public void Score_RecordsWithoutAsOf_UsesTheDayAfterTheLatestRecord()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/events.csv", "account_id,time,user_id,feature\nA-1,2026-03-01T10:00:00Z,u1,login\nA-1,2026-03-02T10:00:00Z,u1,reports\n");
        var accounts = run.File("accounts.csv", "account_id,name,contract_start,renewal_date\nA-1,Acme,2025-01-01,2027-01-01\n");

        var (code, output, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", accounts, "--records", data, "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Contains("\"metricId\": \"days_since_last_activity\"", output, StringComparison.Ordinal);
        Assert.Contains("\"rawValue\": 1,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_BadEnumInRecords_LineAndExpectedValues()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Directory, "data");
        Directory.CreateDirectory(data);
        run.File("data/tickets.csv", "account_id,opened,severity\nA-1,2026-03-01,high\nA-1,2026-03-02,dire\n");

        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", "account_id\nA-1\n"), "--records", data);

        Assert.Equal(1, code);
        Assert.Equal("error: tickets.csv line 3: column 'severity' has 'dire'; expected one of low, normal, high, urgent.\n", error);
    }

    [Fact]
    public void Score_MissingRecordsDirectory_Exit1()
    {
        using var run = new CliRun();
        var (code, _, error) = run.Run("score", "--model", run.SampleModel(), "--accounts", run.File("a.csv", "account_id\nA-1\n"), "--records", "no-such-dir");

        Assert.Equal(1, code);
        Assert.Equal("error: no-such-dir: directory not found.\n", error);
    }
}
