using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HealthScore.Cli.Tests;

/// <summary><c>score --store</c> and the commands over the history store, end to end.</summary>
public sealed class StoreTests : IDisposable
{
    private const string Header = "account_id,name,tenure_days,days_to_renewal,consents,logins_per_week,active_days,feature_breadth,days_since_last_activity,escalations,open_high_severity_tickets,nps,touches,onboarding_completion";
    private readonly CliRun _cli = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    [Fact]
    public void Score_SameAsOfTwice_ChangesNothing()
    {
        var (model, accounts, store) = Setup();
        var first = Score(model, accounts, store, "2026-11-02");
        var stored = Dump(store);

        var second = Score(model, accounts, store, "2026-11-02");

        Assert.Equal(first.Output, second.Output);
        Assert.Equal(stored, Dump(store));
        Assert.Equal($"{store}: 0 snapshots added, 3 already stored for 2026-11-02 with this model (kept as they were)\n", Last(second.Error));
    }

    [Fact]
    public void Score_EarlierAsOfAfterALaterOne_UsesOnlyWhatCameBeforeIt()
    {
        var (model, accounts, store) = Setup();
        Score(model, accounts, store, "2026-11-30");
        var late = Score(model, accounts, store, "2026-11-02", format: "json");

        var fresh = Path.Combine(_cli.Directory, "fresh.db");
        var alone = Score(model, accounts, fresh, "2026-11-02", format: "json");

        Assert.Equal(alone.Output, late.Output);
        Assert.DoesNotContain("\"trend\"", late.Output, StringComparison.Ordinal);
        Assert.Equal(Query(fresh, "SELECT snapshot_json FROM snapshots ORDER BY account_id"), Query(store, "SELECT snapshot_json FROM snapshots WHERE as_of_date = '2026-11-02' ORDER BY account_id"));
    }

    [Fact]
    public void Score_RunsOverDays_TrendCooldownDeduplicationAndConsecutiveMatchesComeFromTheStore()
    {
        var (model, accounts, store) = Setup();
        var day0 = Json(Score(model, accounts, store, "2026-11-02", format: "json").Output);
        Assert.Equal("fired", Status(day0, "acme", "answer_escalations"));

        _cli.File("accounts.csv", Header + "\n" + Row("acme", logins: 3.5) + Row("globex") + Row("initech"));
        var day7 = Json(Score(model, accounts, store, "2026-11-09", format: "json").Output);
        var acme = Account(day7, "acme");
        Assert.True(acme.GetProperty("trend").GetProperty("delta").GetDouble() < 0);
        Assert.Equal(Account(day0, "acme").GetProperty("score").GetDouble(), acme.GetProperty("trend").GetProperty("previousScore").GetDouble());
        Assert.Equal("suppressedAsDuplicate", Status(day7, "acme", "answer_escalations"));
        Assert.Equal("waitingForConsecutiveMatches", Status(day7, "globex", "thank_champion"));

        var close = _cli.Run("close", "--store", store, "--account", "acme", "--action", "answer_escalations", "--at", "2026-11-10", "--resolved", "--by", "support");
        Assert.Equal((0, "acme: answer_escalations resolved on 2026-11-10 (1 firing) · " + store + "\n"), (close.ExitCode, close.Output));
        var day9 = Json(Score(model, accounts, store, "2026-11-11", format: "json").Output);
        Assert.Equal("fired", Status(day9, "acme", "answer_escalations")); // resolved, and the day-0 firing is out of its 7-day cooldown
        Assert.Equal("waitingForConsecutiveMatches", Status(day9, "globex", "thank_champion"));

        _cli.Run("close", "--store", store, "--account", "acme", "--action", "answer_escalations", "--at", "2026-11-12");
        var day12 = Json(Score(model, accounts, store, "2026-11-14", format: "json").Output);
        Assert.Equal("suppressedByCooldown", Status(day12, "acme", "answer_escalations"));
        Assert.Equal("fired", Status(day12, "globex", "thank_champion")); // the third match in a row

        var history = _cli.Run("history", "--store", store, "--account", "acme");
        Assert.Equal(0, history.ExitCode);
        var lines = history.Output.Split('\n');
        Assert.Equal($"acme · 4 snapshots · {store}", lines[0]);
        Assert.Contains(lines, static l => l.StartsWith("2026-11-02", StringComparison.Ordinal) && l.Contains("answer_escalations fired, resolved 2026-11-10 by support", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.StartsWith("2026-11-09", StringComparison.Ordinal) && l.Contains("answer_escalations held: already open", StringComparison.Ordinal));
        Assert.Contains(lines, static l => l.StartsWith("2026-11-14", StringComparison.Ordinal) && l.Contains("answer_escalations held: in cooldown", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_ReportWithStore_DrawsEachAccountsRecentTrendFromTheStore()
    {
        var (model, accounts, store) = Setup();
        var report = Path.Combine(_cli.Directory, "report.html");
        Score(model, accounts, store, "2026-11-02");
        _cli.File("accounts.csv", Header + "\n" + Row("acme", logins: 2) + Row("globex") + Row("initech", logins: 5));
        _cli.Run("score", "--model", model, "--accounts", accounts, "--allow-missing-columns", "--as-of", "2026-11-09", "--store", store, "--quiet", "--report", report);

        var html = File.ReadAllText(report);
        var section = html[html.IndexOf("<h2>Trend (3/3)</h2>", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = section.Split("<tr><td>")[1..];
        Assert.Equal(["acme", "globex", "initech"], rows.Select(static r => System.Text.RegularExpressions.Regex.Match(r, "^(?:<[^>]+>)*([^<\\s]+)").Groups[1].Value)); // largest fall first
        Assert.Contains("<title>2026-11-02 ", rows[0], StringComparison.Ordinal);
        Assert.Contains("<title>2026-11-09 ", rows[0], StringComparison.Ordinal);
        Assert.Matches("<text [^>]*>-[0-9]", rows[0]);
        Assert.Matches("<text [^>]*>\\+[0-9]", rows[2]);

        _cli.Run("score", "--model", model, "--accounts", accounts, "--allow-missing-columns", "--as-of", "2026-11-09", "--quiet", "--report", report);
        Assert.DoesNotContain("<h2>Trend", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void OverrideAndInput_RecordedInTheStore_ApplyFromTheirDay()
    {
        var (model, accounts, store) = Setup();
        Assert.Equal(0, _cli.Run("override", "--store", store, "--account", "globex", "--band", "at_risk", "--author", "aiko.sato", "--set-at", "2026-11-05", "--valid-until", "2026-11-30", "--comment", "Champion left").ExitCode);
        Assert.Equal(0, _cli.Run("input", "--store", store, "--account", "initech", "--metric", "csm_sentiment", "--value", "red", "--observed-at", "2026-11-03", "--author", "ken").ExitCode);

        var before = Json(Score(model, accounts, store, "2026-11-02", format: "json").Output);
        Assert.False(Account(before, "globex").GetProperty("overridden").GetBoolean());
        Assert.DoesNotContain(Contributions(before, "initech"), static c => c.GetProperty("metricId").GetString() == "csm_sentiment" && c.TryGetProperty("rawValue", out _));

        var after = Json(Score(model, accounts, store, "2026-11-06", format: "json").Output);
        Assert.True(Account(after, "globex").GetProperty("overridden").GetBoolean());
        Assert.Equal("at_risk", Account(after, "globex").GetProperty("band").GetString());
        Assert.Equal(2, Contributions(after, "initech").Single(static c => c.GetProperty("metricId").GetString() == "csm_sentiment").GetProperty("rawValue").GetDouble()); // red: the third category

        var cleared = _cli.Run("override", "--store", store, "--account", "globex", "--clear");
        Assert.Equal(0, cleared.ExitCode);
        Assert.False(Account(Json(Score(model, accounts, store, "2026-11-07", format: "json").Output), "globex").GetProperty("overridden").GetBoolean());
    }

    [Fact]
    public void ExportForgetAndRetention_WhatUsersDoWithTheTimeline()
    {
        var (model, accounts, store) = Setup();
        foreach (var day in (string[])["2026-09-01", "2026-10-01", "2026-11-02"])
        {
            Score(model, accounts, store, day);
        }

        var csv = _cli.Run("export", "--store", store, "--format", "csv");
        var rows = csv.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(10, rows.Length);
        Assert.StartsWith("account_id,as_of,model_id,model_version,model_hash,profile,phase,band,score,coverage,band_forced_by,computed_score,computed_band,fired_actions,held_actions,overrides,active_days,", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("acme,2026-09-01,saas_health,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",answer_escalations,", rows[1], StringComparison.Ordinal);

        var jsonPath = Path.Combine(_cli.Directory, "export.json");
        var json = _cli.Run("export", "--store", store, "--format", "json", "--account", "globex", "--out", jsonPath);
        Assert.Equal("3 snapshots → " + jsonPath + "\n", json.Error);
        using (var exported = JsonDocument.Parse(File.ReadAllText(jsonPath)))
        {
            Assert.Equal(["2026-09-01T00:00:00+00:00", "2026-10-01T00:00:00+00:00", "2026-11-02T00:00:00+00:00"], exported.RootElement.EnumerateArray().Select(static s => s.GetProperty("asOf").GetString()));
        }

        var records = Query(store, "SELECT count(*) FROM action_records WHERE account_id = 'acme'");
        Assert.NotEqual("0", records);
        var forget = _cli.Run("forget", "--store", store, "--account", "acme");
        Assert.Equal((0, $"acme: erased 3 snapshots, {records} action records, 0 overrides and 0 manual inputs from {store}\n"), (forget.ExitCode, forget.Output));
        Assert.Equal((1, $"error: {store} holds nothing about account 'acme'.\n"), (_cli.Run("history", "--store", store, "--account", "acme").ExitCode, _cli.Run("history", "--store", store, "--account", "acme").Error));
        Assert.Equal("0", Query(store, "SELECT count(*) FROM snapshots WHERE account_id = 'acme'"));

        var pruned = Score(model, accounts, store, "2026-11-03", retention: 40);
        Assert.Equal($"{store}: 3 snapshots added; 2 snapshots dated before 2026-09-24 dropped (retention 40 days)\n", Last(pruned.Error));
        Assert.Equal("2026-10-01,2026-11-02,2026-11-03", Query(store, "SELECT group_concat(d) FROM (SELECT DISTINCT as_of_date AS d FROM snapshots ORDER BY d)"));
    }

    [Fact]
    public void Evaluate_Store_EachAccountsLastSnapshotLeadDaysBeforeItsOutcome()
    {
        var (model, accounts, store) = Setup();
        Score(model, accounts, store, "2026-10-01");
        _cli.File("accounts.csv", Header + "\n" + Row("acme", logins: 0.5) + Row("globex", logins: 1) + Row("initech"));
        Score(model, accounts, store, "2026-11-02");
        var outcomes = _cli.File("outcomes.csv", "account_id,outcome,date\nacme,churned,2026-11-20\nglobex,renewed,2026-12-10\nnobody,churned,2026-12-01\n");

        var thirty = _cli.Run("evaluate", "--model", model, "--store", store, "--outcome-file", outcomes, "--format", "json", "--bootstrap", "0");
        Assert.Equal(0, thirty.ExitCode);
        Assert.Equal($"{store}: 3 snapshots selected, each its account's last 30 days or more before the outcome (stayers: before 2026-12-10): 1 churned, 2 stayed; skipped 0 accounts with no snapshot that early and 1 with an outcome but no snapshot", thirty.Error.Split('\n')[0]);
        using (var report = JsonDocument.Parse(thirty.Output))
        {
            Assert.Equal(3, report.RootElement.GetProperty("accounts").GetInt32());
            Assert.Equal(1, report.RootElement.GetProperty("churned").GetInt32());
        }

        // acme's 2026-11-02 snapshot is 18 days before its churn: only with a lead under 19 days is it the one judged.
        var short_ = _cli.Run("evaluate", "--model", model, "--store", store, "--outcome-file", outcomes, "--lead-days", "10", "--review-date", "2026-11-20", "--bootstrap", "0");
        Assert.Contains("3 snapshots selected, each its account's last 10 days or more before the outcome (stayers: before 2026-11-20)", short_.Error, StringComparison.Ordinal);
        var late = _cli.Run("evaluate", "--model", model, "--store", store, "--outcome-file", outcomes, "--lead-days", "90", "--bootstrap", "0");
        Assert.Equal((1, $"{store}: 0 snapshots selected, each its account's last 90 days or more before the outcome (stayers: before 2026-12-10): 0 churned, 0 stayed; skipped 3 accounts with no snapshot that early and 1 with an outcome but no snapshot\nerror: {store}: no snapshot was taken 90 days or more before its account's outcome; score earlier dates with --store, or lower --lead-days.\n"), (late.ExitCode, late.Error));
        Assert.Contains("warning: no selected snapshot in health.db has a value for metric 'ces' of model 'saas_health'.", thirty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_Store_WritesACalibrationWhoseExpectedChurnRateTheNextRunStores()
    {
        // 400 accounts scored on 2026-10-01; the fewer their logins, the likelier they churned by 2026-12-01.
        var model = _cli.SampleModel();
        var random = new Random(20261001);
        var rows = new System.Text.StringBuilder(Header + "\n");
        var outcomes = new System.Text.StringBuilder("account_id,outcome,date\n");
        for (var i = 0; i < 400; i++)
        {
            var logins = Math.Round(random.NextDouble() * 6, 1);
            rows.Append(Row(string.Create(CultureInfo.InvariantCulture, $"a{i:000}"), logins));
            var churned = random.NextDouble() < 0.6 - (logins / 10);
            outcomes.Append(CultureInfo.InvariantCulture, $"a{i:000},{(churned ? "churned,2026-12-01" : "renewed,2026-12-15")}\n");
        }

        var accounts = _cli.File("accounts.csv", rows.ToString());
        var store = Path.Combine(_cli.Directory, "health.db");
        Score(model, accounts, store, "2026-10-01");
        var outcomeFile = _cli.File("outcomes.csv", outcomes.ToString());
        var tunedPath = Path.Combine(_cli.Directory, "tuned.json");

        var tune = _cli.Run("tune", "--model", model, "--store", store, "--outcome-file", outcomeFile, "--out", tunedPath, "--folds", "4", "--horizon-days", "90");

        Assert.True(tune.ExitCode == 0, tune.Error);
        Assert.Contains($"{store}: 400 snapshots selected", tune.Error, StringComparison.Ordinal);
        using var tuned = JsonDocument.Parse(File.ReadAllText(tunedPath));
        var calibration = tuned.RootElement.GetProperty("calibration");
        Assert.Equal(90, calibration.GetProperty("horizonDays").GetInt32());

        // The next run with the tuned document stores each account's expected churn rate, lower for more logins.
        var next = Path.Combine(_cli.Directory, "next.db");
        _cli.File("accounts.csv", Header + "\n" + Row("low", logins: 0.2) + Row("high", logins: 5.8));
        Score(tunedPath, accounts, next, "2026-11-02");
        var low = Json(Query(next, "SELECT snapshot_json FROM snapshots WHERE account_id = 'low'")).GetProperty("expectedChurnRate").GetDouble();
        var high = Json(Query(next, "SELECT snapshot_json FROM snapshots WHERE account_id = 'high'")).GetProperty("expectedChurnRate").GetDouble();
        Assert.InRange(high, 0, 1);
        Assert.InRange(low, 0, 1);
        Assert.True(low > high, $"expected churn {low} for few logins, {high} for many");
    }

    [Fact]
    public void Store_NotAStoreOrNewerSchemaOrMisused_ClearErrors()
    {
        var (model, accounts, _) = Setup();
        var notStore = _cli.Run("score", "--model", model, "--accounts", accounts, "--allow-missing-columns", "--store", accounts);
        Assert.Equal((1, $"error: {accounts} is not a HealthScore history store: it is not an SQLite database. Give the store a new file name (it is created), or the path of a file a HealthScore store wrote; the file was not changed.\n"), (notStore.ExitCode, notStore.Error));

        var newer = Path.Combine(_cli.Directory, "newer.db");
        Score(model, accounts, newer, "2026-11-02");
        SqliteConnection.ClearAllPools();
        Query(newer, "PRAGMA user_version = 9");
        var refused = _cli.Run("history", "--store", newer, "--account", "acme");
        Assert.Equal((1, $"error: {newer} has schema version 9; this version of HealthScore.Storage.Sqlite reads versions up to 1. Open it with a newer HealthScore.Storage.Sqlite (or healthscore tool); the file was not changed.\n"), (refused.ExitCode, refused.Error));

        Assert.Equal((2, "error: --retention-days needs --store: it drops old snapshots from the store.\n"), Code(_cli.Run("score", "--model", model, "--accounts", accounts, "--allow-missing-columns", "--retention-days", "30")));
        Assert.Equal((1, $"error: missing.db: file not found; 'healthscore score … --store missing.db' creates a store.\n"), Code(_cli.Run("export", "--store", "missing.db")));
        Assert.Equal((2, "error: give --history FILE, or --store FILE with --outcome-file FILE.\n"), Code(_cli.Run("evaluate", "--model", model)));
    }

    private static (int, string) Code((int ExitCode, string Output, string Error) run) => (run.ExitCode, run.Error);

    private (string Model, string Accounts, string Store) Setup()
    {
        var model = _cli.SampleModel();
        var accounts = _cli.File("accounts.csv", Header + "\n" + Row("acme") + Row("globex") + Row("initech"));
        return (model, accounts, Path.Combine(_cli.Directory, "health.db"));
    }

    /// <summary>A healthy adoption-phase account; acme has an escalation, so answer_escalations fires for it.</summary>
    private static string Row(string id, double logins = 4.5) => string.Create(
        CultureInfo.InvariantCulture,
        $"{id},{id} Inc,400,300,email,{logins},18,0.6,1,{(id == "acme" ? 1 : 0)},0,60,12,1\n");

    private (int ExitCode, string Output, string Error) Score(string model, string accounts, string store, string asOf, string format = "table", int? retention = null)
    {
        string[] args = ["score", "--model", model, "--accounts", accounts, "--allow-missing-columns", "--as-of", asOf, "--store", store, "--format", format, "--quiet"];
        var run = _cli.Run(retention is { } days ? [.. args, "--retention-days", days.ToString(CultureInfo.InvariantCulture)] : args);
        Assert.True(run.ExitCode == 0, run.Error);
        return run;
    }

    private static string Last(string text) => text.TrimEnd('\n').Split('\n')[^1] + "\n";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static JsonElement Account(JsonElement accounts, string id) => accounts.EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == id);

    private static List<JsonElement> Contributions(JsonElement accounts, string id) => [.. Account(accounts, id).GetProperty("contributions").EnumerateArray()];

    private static string? Status(JsonElement accounts, string id, string action) =>
        Account(accounts, id).GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("id").GetString() == action).Select(static a => a.GetProperty("status").GetString()).SingleOrDefault();

    private static string Dump(string store) =>
        Query(store, "SELECT group_concat(account_id || '|' || as_of || '|' || snapshot_json, char(10)) FROM snapshots") + "\n"
        + Query(store, "SELECT group_concat(account_id || '|' || action_id || '|' || status, char(10)) FROM action_records");

    internal static string Query(string store, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
