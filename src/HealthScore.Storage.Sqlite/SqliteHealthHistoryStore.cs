using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HealthScore.Core.Actions;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;
using Microsoft.Data.Sqlite;

namespace HealthScore.Storage.Sqlite;

/// <summary>
/// An <see cref="IHealthHistoryStore"/> in one SQLite file: snapshots (JSON written by <see cref="HealthSnapshotJson"/>,
/// with the account, as-of date, model, score, band and phase in columns for queries and export), action records,
/// overrides and manual inputs. The file is in WAL mode, so readers never block the writer and several processes (a
/// command line and a host) can use one file at once; a writer waits up to
/// <see cref="SqliteHistoryStoreOptions.BusyTimeout"/> for another. Each operation is one transaction, so a process
/// killed half way leaves every account as it was before or after the operation, never in between. Thread-safe: every
/// operation takes its own pooled connection; the work is synchronous (SQLite's is), so the returned tasks are
/// complete.
/// </summary>
/// <example>
/// <code>
/// using var store = new SqliteHealthHistoryStore("health.db");
/// var stored = await store.ReadAsync("acme", asOf);
/// </code>
/// </example>
public sealed partial class SqliteHealthHistoryStore : IHealthHistoryStore, IDisposable
{
    /// <summary>The schema version this version writes and reads (in the file's <c>PRAGMA user_version</c>).</summary>
    public const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly string _name;
    private readonly int _busyMilliseconds;

    /// <summary>Opens the store in a file, creating it with its schema when it does not exist.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ArgumentException">The path is empty or its directory does not exist.</exception>
    /// <exception cref="HistoryStoreException">The file is not a HealthScore history store, has a newer schema, or cannot be opened.</exception>
    public SqliteHealthHistoryStore(string path)
        : this(new SqliteHistoryStoreOptions { Path = path })
    {
    }

    /// <summary>Opens the store the options name, creating the file with its schema when it does not exist.</summary>
    /// <param name="options">The file and the busy timeout.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="HistoryStoreException">The file is not a HealthScore history store, has a newer schema, or cannot be opened.</exception>
    public SqliteHealthHistoryStore(SqliteHistoryStoreOptions options)
        : this(options, SqliteSchema.Migrations)
    {
    }

    internal SqliteHealthHistoryStore(SqliteHistoryStoreOptions options, IReadOnlyList<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        Path = System.IO.Path.GetFullPath(options.Path);
        _name = options.Path;
        _busyMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();

        if (Directory.Exists(Path))
        {
            throw new HistoryStoreException(_name, $"{_name} is a directory; give the store a file name, for example '{System.IO.Path.Combine(_name, "health.db")}'.");
        }

        try
        {
            using var connection = Open();
            SqliteSchema.Open(connection, _name, migrations);
        }
        catch (SqliteException e)
        {
            Dispose();
            throw Failure(e);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public ValueTask<AccountHistory> ReadAsync(string accountId, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return new(Run(connection =>
        {
            // One read transaction: the four reads see the same moment, even while another process writes.
            using var transaction = connection.BeginTransaction(deferred: true);
            var limit = before?.UtcTicks ?? long.MaxValue;
            var snapshots = new List<HealthSnapshot>();
            using (var command = Command(connection, transaction, "SELECT seq, snapshot_json FROM snapshots WHERE account_id = $account AND as_of_utc < $before ORDER BY as_of_utc, seq;", ("$account", accountId), ("$before", limit)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    snapshots.Add(HealthSnapshotJson.Read(reader.GetString(1), string.Create(CultureInfo.InvariantCulture, $"{_name}, snapshot {reader.GetInt64(0)}")));
                }
            }

            var records = new List<ActionRecord>();
            using (var command = Command(connection, transaction, "SELECT rowid, action_id, as_of, model_hash, status, consecutive_matches, closure, closed_at, closed_by, closure_comment FROM action_records WHERE account_id = $account AND as_of_utc < $before ORDER BY as_of_utc, rowid;", ("$account", accountId), ("$before", limit)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var where = string.Create(CultureInfo.InvariantCulture, $"{_name}, action record {reader.GetInt64(0)}");
                    records.Add(new ActionRecord
                    {
                        AccountId = accountId,
                        ActionId = reader.GetString(1),
                        AsOf = Time(reader.GetString(2), where, "as_of"),
                        ModelHash = reader.GetString(3),
                        Status = Names.Status(reader.GetString(4), where),
                        ConsecutiveMatches = reader.GetInt32(5),
                        Closure = reader.IsDBNull(6) ? null : new ActionClosure(Names.Closure(reader.GetString(6), where), Time(reader.GetString(7), where, "closed_at"), Text(reader, 8), Text(reader, 9)),
                    });
                }
            }

            var overrides = new List<HealthOverride>();
            using (var command = Command(connection, transaction, "SELECT position, target, metric, value, band, author, comment, set_at, valid_until FROM overrides WHERE account_id = $account ORDER BY position;", ("$account", accountId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var where = string.Create(CultureInfo.InvariantCulture, $"{_name}, override {reader.GetInt64(0)} of '{accountId}'");
                    overrides.Add(new HealthOverride
                    {
                        Target = Names.Target(reader.GetString(1), where),
                        Metric = Text(reader, 2),
                        Value = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                        Band = Text(reader, 4),
                        Author = reader.GetString(5),
                        Comment = Text(reader, 6),
                        SetAt = Time(reader.GetString(7), where, "set_at"),
                        ValidUntil = reader.IsDBNull(8) ? null : Time(reader.GetString(8), where, "valid_until"),
                    });
                }
            }

            var inputs = new List<ManualInput>();
            using (var command = Command(connection, transaction, "SELECT seq, metric_id, value, category, observed_at, author, comment FROM manual_inputs WHERE account_id = $account ORDER BY seq;", ("$account", accountId)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var where = string.Create(CultureInfo.InvariantCulture, $"{_name}, manual input {reader.GetInt64(0)}");
                    var observed = Time(reader.GetString(4), where, "observed_at");
                    inputs.Add(reader.IsDBNull(2)
                        ? new ManualInput(reader.GetString(1), Text(reader, 3) ?? throw Corrupt(where, "category", "has neither a value nor a category"), observed, Text(reader, 5), Text(reader, 6))
                        : new ManualInput(reader.GetString(1), reader.GetDouble(2), observed, Text(reader, 5), Text(reader, 6)));
                }
            }

            transaction.Commit();
            return new AccountHistory(accountId, snapshots, records, overrides, inputs, before);
        }));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> ReadAccountIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = Run(connection =>
        {
            var list = new List<string>();
            using var command = Command(connection, null, "SELECT account_id FROM snapshots UNION SELECT account_id FROM action_records UNION SELECT account_id FROM overrides UNION SELECT account_id FROM manual_inputs;");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            list.Sort(StringComparer.Ordinal);
            return list;
        });
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Returns this store's pooled connections, closing the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();

            // secure_delete: erased rows are overwritten, not left in free pages.
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyMilliseconds}; PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL;");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs an operation on its own connection; SQLite's failures become <see cref="HistoryStoreException"/>s naming the file.</summary>
    private T Run<T>(Func<SqliteConnection, T> operation)
    {
        try
        {
            using var connection = Open();
            return operation(connection);
        }
        catch (SqliteException e)
        {
            throw Failure(e);
        }
    }

    private HistoryStoreException Failure(SqliteException e) => e.SqliteErrorCode switch
    {
        26 => new HistoryStoreException(_name, $"{_name} is not a HealthScore history store: it is not an SQLite database. Give the store a new file name (it is created), or the path of a file a HealthScore store wrote; the file was not changed.", e),
        14 => new HistoryStoreException(_name, $"{_name} cannot be opened ({e.Message.TrimEnd('.')}); check that its directory exists and can be written.", e),
        5 or 6 => new HistoryStoreException(_name, $"{_name} stayed locked by another writer for longer than the busy timeout ({_busyMilliseconds} ms); try again, or raise BusyTimeout.", e),
        11 => new HistoryStoreException(_name, $"{_name} is damaged ({e.Message.TrimEnd('.')}); restore it from a backup.", e),
        _ => new HistoryStoreException(_name, $"{_name}: {e.Message.TrimEnd('.')}.", e),
    };

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static DateTimeOffset Time(string text, string where, string column) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : throw Corrupt(where, column, $"has '{text}', not a date and time");

    internal static string TimeText(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    internal static string DayText(DateTimeOffset time) => DateOnly.FromDateTime(time.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static AccountDataException Corrupt(string where, string column, string what) =>
        new([new AccountDataError { Source = where, Field = column, Message = what + "; the row was not written by a HealthScore store." }]);

    private static string Compact(HealthSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            HealthSnapshotJson.Write(writer, snapshot);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The words the tables keep for statuses, closures and override targets: those of the snapshot JSON.</summary>
    private static class Names
    {
        public static string Of(ActionStatus status) => status switch
        {
            ActionStatus.Fired => "fired",
            ActionStatus.SuppressedByConsent => "suppressedByConsent",
            ActionStatus.SuppressedByCooldown => "suppressedByCooldown",
            ActionStatus.SuppressedAsDuplicate => "suppressedAsDuplicate",
            ActionStatus.WaitingForConsecutiveMatches => "waitingForConsecutiveMatches",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an action status."),
        };

        public static ActionStatus Status(string text, string where) => text switch
        {
            "fired" => ActionStatus.Fired,
            "suppressedByConsent" => ActionStatus.SuppressedByConsent,
            "suppressedByCooldown" => ActionStatus.SuppressedByCooldown,
            "suppressedAsDuplicate" => ActionStatus.SuppressedAsDuplicate,
            "waitingForConsecutiveMatches" => ActionStatus.WaitingForConsecutiveMatches,
            _ => throw Corrupt(where, "status", $"has '{text}', not an action status"),
        };

        public static string Of(ActionClosureKind kind) => kind == ActionClosureKind.Resolved ? "resolved" : "closed";

        public static ActionClosureKind Closure(string text, string where) => text switch
        {
            "closed" => ActionClosureKind.Closed,
            "resolved" => ActionClosureKind.Resolved,
            _ => throw Corrupt(where, "closure", $"has '{text}', not closed or resolved"),
        };

        public static string Of(OverrideTarget target) => target switch
        {
            OverrideTarget.Score => "score",
            OverrideTarget.Band => "band",
            _ => "metric",
        };

        public static OverrideTarget Target(string text, string where) => text switch
        {
            "score" => OverrideTarget.Score,
            "band" => OverrideTarget.Band,
            "metric" => OverrideTarget.Metric,
            _ => throw Corrupt(where, "target", $"has '{text}', not score, band or metric"),
        };
    }
}
