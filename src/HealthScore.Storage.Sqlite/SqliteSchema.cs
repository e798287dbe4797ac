using System.Globalization;
using HealthScore.Core.History;
using Microsoft.Data.Sqlite;

namespace HealthScore.Storage.Sqlite;

/// <summary>One step of the schema: applied once, in order, in its own transaction, which also sets <c>PRAGMA user_version</c> to <see cref="Version"/>.</summary>
internal sealed record Migration(int Version, string Description, string Sql);

/// <summary>
/// The store's schema and how a file gets it. A store file is marked by <c>PRAGMA application_id</c> and carries its
/// schema version in <c>PRAGMA user_version</c>; opening a file applies the steps it lacks, refuses a file of a newer
/// version or of another application, and never changes a file it refuses.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"HSHS": what marks an SQLite file as a HealthScore history store.</summary>
    public const int ApplicationId = 0x48534853;

    public static readonly Migration[] Migrations =
    [
        new(1, "snapshots, action records, overrides and manual inputs", """
            CREATE TABLE snapshots (
                seq INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                as_of TEXT NOT NULL,
                as_of_utc INTEGER NOT NULL,
                as_of_date TEXT NOT NULL,
                model_id TEXT NOT NULL,
                model_version TEXT NOT NULL,
                model_hash TEXT NOT NULL,
                profile TEXT,
                phase TEXT NOT NULL,
                band TEXT NOT NULL,
                score REAL,
                coverage REAL NOT NULL,
                snapshot_json TEXT NOT NULL,
                UNIQUE (account_id, as_of_utc, model_hash)
            ) STRICT;
            CREATE INDEX snapshots_by_date ON snapshots (as_of_date);
            CREATE TABLE action_records (
                account_id TEXT NOT NULL,
                as_of_utc INTEGER NOT NULL,
                model_hash TEXT NOT NULL,
                action_id TEXT NOT NULL,
                as_of TEXT NOT NULL,
                as_of_date TEXT NOT NULL,
                status TEXT NOT NULL,
                consecutive_matches INTEGER NOT NULL,
                closure TEXT,
                closed_at TEXT,
                closed_by TEXT,
                closure_comment TEXT,
                PRIMARY KEY (account_id, as_of_utc, model_hash, action_id)
            ) STRICT;
            CREATE INDEX action_records_by_action ON action_records (account_id, action_id);
            CREATE TABLE overrides (
                account_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                target TEXT NOT NULL,
                metric TEXT,
                value REAL,
                band TEXT,
                author TEXT NOT NULL,
                comment TEXT,
                set_at TEXT NOT NULL,
                valid_until TEXT,
                PRIMARY KEY (account_id, position)
            ) STRICT;
            CREATE TABLE manual_inputs (
                seq INTEGER PRIMARY KEY,
                account_id TEXT NOT NULL,
                metric_id TEXT NOT NULL,
                value REAL,
                category TEXT,
                observed_at TEXT NOT NULL,
                author TEXT,
                comment TEXT
            ) STRICT;
            CREATE INDEX manual_inputs_by_account ON manual_inputs (account_id, seq);
            """),
    ];

    /// <summary>Checks that the file is a store this version can read (or an empty file), switches it to WAL, and applies the missing steps.</summary>
    /// <exception cref="HistoryStoreException">The file belongs to another application, or has a newer schema.</exception>
    public static void Open(SqliteConnection connection, string store, IReadOnlyList<Migration> migrations)
    {
        var latest = migrations[^1].Version;
        Check(connection, store, latest);

        // Persistent: every later connection, in any process, opens the file in WAL mode.
        Scalar(connection, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction(deferred: false);

        // Read again under the write lock: another process may have migrated the file meanwhile.
        var version = Check(connection, store, latest);
        foreach (var migration in migrations)
        {
            if (migration.Version <= version)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA application_id = {ApplicationId};\nPRAGMA user_version = {migration.Version};");
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The file's schema version; 0 for an empty file.</summary>
    private static int Check(SqliteConnection connection, string store, int latest)
    {
        var application = Convert.ToInt32(Scalar(connection, "PRAGMA application_id;"), CultureInfo.InvariantCulture);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (application != ApplicationId)
        {
            var tables = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 6;";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            if (tables.Count > 0 || application != 0 || version != 0)
            {
                var what = tables.Count == 0 ? "an SQLite database of another application" : "an SQLite database with other tables (" + string.Join(", ", tables.Take(5)) + (tables.Count > 5 ? ", …" : "") + ")";
                throw new HistoryStoreException(store, $"{store} is not a HealthScore history store: it is {what}. Give the store a new file name (it is created), or the path of a file a HealthScore store wrote; the file was not changed.");
            }

            return 0;
        }

        if (version > latest)
        {
            throw new HistoryStoreException(store, string.Create(CultureInfo.InvariantCulture, $"{store} has schema version {version}; this version of HealthScore.Storage.Sqlite reads versions up to {latest}. Open it with a newer HealthScore.Storage.Sqlite (or healthscore tool); the file was not changed."));
        }

        return version;
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
