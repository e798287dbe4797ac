using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HealthScore.Cli.Tests;

/// <summary>The store under real processes: one killed half way through a run, and two writing one file at once.</summary>
public sealed class StoreProcessTests : IDisposable
{
    private const int Accounts = 4000;
    private readonly CliRun _cli = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    [Fact]
    public void Score_ProcessKilledHalfWay_StoreIntactEveryAccountWholeAndARerunCompletesIt()
    {
        var model = _cli.SampleModel();
        var accounts = _cli.File("accounts.csv", Portfolio("A", Accounts));
        var store = Path.Combine(_cli.Directory, "health.db");
        string[] args = ["score", "--model", model, "--accounts", accounts, "--allow-missing-columns", "--as-of", "2026-11-24", "--store", store, "--quiet", "--out", Path.Combine(_cli.Directory, "out.txt")];

        using (var child = Start(args))
        {
            // Kill as soon as the first accounts are in: the run is then somewhere in the middle.
            while (Count(store) == 0 && !child.HasExited)
            {
                Thread.Sleep(20);
            }

            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        var stored = Count(store);
        Assert.InRange(stored, 1, Accounts - 1); // killed mid-run, not before it began or after it ended
        AssertWhole(store);

        var rerun = _cli.Run(args);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{store}: {Accounts - stored} snapshots added, {stored} already stored for 2026-11-24 with this model (kept as they were)\n"), rerun.Error);
        Assert.Equal(Accounts, Count(store));
        AssertWhole(store);
    }

    [Fact]
    public void Score_TwoProcessesCreatingAndWritingOneStoreAtOnce_BothComplete()
    {
        var model = _cli.SampleModel();
        var store = Path.Combine(_cli.Directory, "shared.db");
        // Neither finds the file: both create it at once, then write.
        var runs = new[] { "A", "B" }.Select(prefix => Start(
        [
            "score", "--model", model, "--accounts", _cli.File(prefix + ".csv", Portfolio(prefix, 600)), "--allow-missing-columns", "--as-of", "2026-11-24", "--store", store, "--quiet",
            "--out", Path.Combine(_cli.Directory, prefix + ".txt"),
        ])).ToList();
        foreach (var run in runs)
        {
            var error = run.StandardError.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, error);
            Assert.EndsWith(": 600 snapshots added\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            run.Dispose();
        }

        Assert.Equal(1200, Count(store));
        AssertWhole(store);
    }

    /// <summary>The file passes SQLite's integrity check, and every stored snapshot loads and has exactly its matched actions as records.</summary>
    private static void AssertWhole(string store)
    {
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        using var rows = connection.CreateCommand();
        rows.CommandText = """
            SELECT s.account_id, s.snapshot_json, (SELECT count(*) FROM action_records r WHERE r.account_id = s.account_id AND r.as_of_utc = s.as_of_utc AND r.model_hash = s.model_hash)
            FROM snapshots s;
            """;
        using var reader = rows.ExecuteReader();
        while (reader.Read())
        {
            var snapshot = HealthScore.Core.Pipeline.HealthSnapshotJson.Read(reader.GetString(1));
            Assert.Equal(reader.GetString(0), snapshot.AccountId);
            Assert.Equal(snapshot.Actions.Count, reader.GetInt32(2));
        }

        using var orphans = connection.CreateCommand();
        orphans.CommandText = "SELECT count(*) FROM action_records r WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.account_id = r.account_id AND s.as_of_utc = r.as_of_utc AND s.model_hash = r.model_hash);";
        Assert.Equal(0L, orphans.ExecuteScalar());
    }

    private static long Count(string store)
    {
        if (!File.Exists(store))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM snapshots;";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // the schema is not there yet
        }
    }

    /// <summary>The healthscore tool in a process of its own, run by the same dotnet host as the tests.</summary>
    private Process Start(string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _cli.Directory,
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    /// <summary>Accounts as metric values, seeded: some with escalations (an action fires), some without consent (held back).</summary>
    private static string Portfolio(string prefix, int count)
    {
        var random = new Random(7);
        var sb = new StringBuilder("account_id,tenure_days,days_to_renewal,consents,logins_per_week,active_days,escalations,nps\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}{i:00000},{random.Next(10, 900)},{random.Next(1, 365)},{(i % 3 == 0 ? "" : "email")},{random.NextDouble() * 6:0.00},{random.Next(0, 20)},{random.Next(0, 3)},{random.Next(-100, 101)}\n");
        }

        return sb.ToString();
    }
}
