using System.Text;
using HealthScore.Core.Actions;
using HealthScore.Core.History;
using Microsoft.Data.Sqlite;
using static HealthScore.Storage.Sqlite.Tests.Snapshots;

namespace HealthScore.Storage.Sqlite.Tests;

public sealed class SqliteHealthHistoryStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Open_EmptyFile_AppliesTheSchemaInWalMode()
    {
        var path = _directory.File("empty.db");
        File.WriteAllBytes(path, []);

        using (new SqliteHealthHistoryStore(path))
        {
        }

        Assert.Equal(SqliteHealthHistoryStore.SchemaVersion, Pragma(path, "user_version"));
        Assert.Equal(SqliteSchema.ApplicationId, Pragma(path, "application_id"));
        Assert.Equal("wal", Query(path, "PRAGMA journal_mode;"));
        Assert.Equal("action_records,manual_inputs,overrides,snapshots", Query(path, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);"));
    }

    [Fact]
    public void Open_OlderSchema_AppliesOnlyTheMissingStepsInOrder()
    {
        var path = _directory.File("old.db");
        Migration[] first = [new(1, "one table", "CREATE TABLE t1 (x INTEGER) STRICT;")];
        Migration[] later = [.. first, new(2, "a second table", "CREATE TABLE t2 (x INTEGER) STRICT; INSERT INTO t1 VALUES (2);"), new(3, "a third", "INSERT INTO t1 VALUES (3);")];
        using (new SqliteHealthHistoryStore(new SqliteHistoryStoreOptions { Path = path }, first))
        {
        }

        Assert.Equal(1, Pragma(path, "user_version"));
        using (new SqliteHealthHistoryStore(new SqliteHistoryStoreOptions { Path = path }, later))
        {
        }

        using (new SqliteHealthHistoryStore(new SqliteHistoryStoreOptions { Path = path }, later))
        {
        }

        Assert.Equal(3, Pragma(path, "user_version"));
        Assert.Equal("2,3", Query(path, "SELECT group_concat(x) FROM t1;")); // each step once, in order
    }

    [Fact]
    public void Open_NewerSchema_RefusedNamingTheFileAndLeftUnchanged()
    {
        var path = _directory.File("newer.db");
        using (new SqliteHealthHistoryStore(path))
        {
        }

        Execute(path, "PRAGMA user_version = 7;");
        var before = File.ReadAllBytes(path);

        var e = Assert.Throws<HistoryStoreException>(() => new SqliteHealthHistoryStore(path));
        Assert.Equal($"{path} has schema version 7; this version of HealthScore.Storage.Sqlite reads versions up to 1. Open it with a newer HealthScore.Storage.Sqlite (or healthscore tool); the file was not changed.", e.Message);
        Assert.Equal(path, e.Store);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_AnotherApplicationsDatabase_Refused()
    {
        var path = _directory.File("crm.db");
        Execute(path, "CREATE TABLE customers (id TEXT); CREATE TABLE orders (id TEXT);");

        var e = Assert.Throws<HistoryStoreException>(() => new SqliteHealthHistoryStore(path));
        Assert.Equal($"{path} is not a HealthScore history store: it is an SQLite database with other tables (customers, orders). Give the store a new file name (it is created), or the path of a file a HealthScore store wrote; the file was not changed.", e.Message);
        Assert.Equal("delete", Query(path, "PRAGMA journal_mode;"));
    }

    [Fact]
    public void Open_TextFile_RefusedAsNotADatabase()
    {
        var path = _directory.File("accounts.csv");
        File.WriteAllText(path, "account_id,nps\nacme,30\n");

        var e = Assert.Throws<HistoryStoreException>(() => new SqliteHealthHistoryStore(path));
        Assert.Equal($"{path} is not a HealthScore history store: it is not an SQLite database. Give the store a new file name (it is created), or the path of a file a HealthScore store wrote; the file was not changed.", e.Message);
        Assert.Equal("account_id,nps\nacme,30\n", File.ReadAllText(path));
    }

    [Fact]
    public void Open_MissingDirectoryOrADirectory_ClearErrors()
    {
        var missing = Path.Combine(_directory.Path, "no", "health.db");
        var e = Assert.Throws<ArgumentException>(() => new SqliteHealthHistoryStore(missing));
        Assert.StartsWith($"Path: the directory '{Path.GetDirectoryName(missing)}' of '{missing}' does not exist", e.Message, StringComparison.Ordinal);

        var directory = Assert.Throws<HistoryStoreException>(() => new SqliteHealthHistoryStore(_directory.Path));
        Assert.StartsWith($"{_directory.Path} is a directory", directory.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWriters_WritingAtOnce_BothWaitAndEveryAppendLands()
    {
        var path = _directory.File("shared.db");
        using var first = new SqliteHealthHistoryStore(path);
        using var second = new SqliteHealthHistoryStore(path);
        const int Each = 150;

        async Task Write(IHealthHistoryStore store, string prefix)
        {
            await Task.Yield();
            for (var i = 0; i < Each; i++)
            {
                Assert.True(await store.AppendAsync(Of(prefix + (i % 10), i, 40 + (i % 50), actions: ("coach_setup", ActionStatus.Fired))));
                if (i % 25 == 0)
                {
                    await store.SetOverridesAsync(prefix + "0", [Band("healthy", i)]);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => Write(first, "a")), Task.Run(() => Write(second, "b")), Task.Run(() => Write(first, "c")));

        Assert.Equal(3 * Each, Count(path, "snapshots"));
        Assert.Equal(3 * Each, Count(path, "action_records"));
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check;"));
        Assert.Equal(Each / 10, (await second.ReadAsync("a3")).Snapshots.Count);
    }

    [Fact]
    public async Task Wal_ReaderInATransaction_DoesNotBlockTheWriterAndKeepsItsView()
    {
        var path = _directory.File("wal.db");
        using var writer = new SqliteHealthHistoryStore(path);
        await writer.AppendAsync(Of("acme", 0));

        // A reader holding an open read transaction does not block the writer in WAL mode, and keeps its own view.
        using var reader = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        reader.Open();
        using var transaction = reader.BeginTransaction(deferred: true);
        using var count = reader.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM snapshots;";
        Assert.Equal(1L, count.ExecuteScalar());

        Assert.True(await writer.AppendAsync(Of("acme", 1)));
        Assert.Equal(1L, count.ExecuteScalar());
        Assert.Equal(2, (await writer.ReadAsync("acme")).Snapshots.Count);
    }

    [Fact]
    public async Task Forget_LeavesNoByteOfTheAccountInTheFileOrTheLog()
    {
        var path = _directory.File("forget.db");
        const string Secret = "customer-ZX81-erasable";
        using var store = new SqliteHealthHistoryStore(path);
        for (var day = 0; day < 40; day++)
        {
            await store.AppendAsync(Of(Secret, day, actions: ("coach_setup", ActionStatus.Fired)));
            await store.AppendAsync(Of("globex-kept", day));
        }

        await store.SetOverridesAsync(Secret, [Band("healthy", 1, author: "author-of-" + Secret)]);
        await store.AddManualInputAsync(Secret, new ManualInput("csm_sentiment", "red", Day0, "ken", "note about " + Secret));
        Assert.True(Contains(path, Secret));

        Assert.True(await store.ForgetAsync(Secret));

        Assert.False(Contains(path, Secret));
        Assert.True(Contains(path, "globex-kept"));
        Assert.Equal("ok", Query(path, "PRAGMA integrity_check;"));
        Assert.Equal(40, (await store.ReadAsync("globex-kept")).Snapshots.Count);
    }

    [Fact]
    public async Task Read_DamagedRow_NamesTheStoreAndTheRow()
    {
        var path = _directory.File("damaged.db");
        using var store = new SqliteHealthHistoryStore(path);
        await store.AppendAsync(Of("acme", 0));
        Execute(path, "UPDATE snapshots SET snapshot_json = '{\"asOf\": 3}';");

        var e = await Assert.ThrowsAsync<HealthScore.Core.Pipeline.AccountDataException>(async () => await store.ReadAsync("acme"));
        Assert.StartsWith($"{path}, snapshot 1, row 1, field", e.Message, StringComparison.Ordinal);
    }

    private static bool Contains(string path, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in (string[])[path, path + "-wal"])
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                if (copy.ToArray().AsSpan().IndexOf(needle) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static long Count(string path, string table) => Convert.ToInt64(Query(path, $"SELECT count(*) FROM {table};"), System.Globalization.CultureInfo.InvariantCulture);

    private static int Pragma(string path, string name) => Convert.ToInt32(Query(path, $"PRAGMA {name};"), System.Globalization.CultureInfo.InvariantCulture);

    internal static string? Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
