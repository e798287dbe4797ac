using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace HealthScore.Orleans.Storage;

/// <summary>
/// Orleans grain storage in a SQLite file: one row per grain and state name, written with optimistic concurrency on an
/// ETag (a row version), so a second activation of a grain cannot overwrite the first one's state. The file is opened
/// in WAL mode with a busy timeout, so every silo on one machine (and the history store) can share it. For a cluster
/// across machines, use a server database (see docs/scale-out.md).
/// </summary>
internal sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _name;
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly string _serviceId;
    private readonly Lazy<Task> _schema;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IGrainStorageSerializer serializer, string serviceId)
    {
        _name = name;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
            Pooling = true,
        }.ToString();
        _serializer = serializer;
        _serviceId = serviceId;
        _schema = new Lazy<Task>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM orleans_grain_state WHERE service_id = $service AND state_name = $state AND grain_id = $grain";
        Keys(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            var version = reader.GetInt64(0);
            var data = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(new BinaryData(data));
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        Keys(command, stateName, grainId);
        command.Parameters.AddWithValue("$data", data);
        long version;
        if (grainState.ETag is null)
        {
            command.CommandText = "INSERT INTO orleans_grain_state (service_id, state_name, grain_id, version, data) VALUES ($service, $state, $grain, 1, $data) ON CONFLICT DO NOTHING";
            version = 1;
        }
        else
        {
            version = long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
            command.CommandText = "UPDATE orleans_grain_state SET version = version + 1, data = $data WHERE service_id = $service AND state_name = $state AND grain_id = $grain AND version = $version";
            command.Parameters.AddWithValue("$version", version);
            version++;
        }

        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw Conflict("write", stateName, grainId, grainState.ETag);
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        Keys(command, stateName, grainId);
        command.CommandText = grainState.ETag is null
            ? "DELETE FROM orleans_grain_state WHERE service_id = $service AND state_name = $state AND grain_id = $grain"
            : "DELETE FROM orleans_grain_state WHERE service_id = $service AND state_name = $state AND grain_id = $grain AND version = $version";
        if (grainState.ETag is { } etag)
        {
            command.Parameters.AddWithValue("$version", long.Parse(etag, CultureInfo.InvariantCulture));
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw Conflict("clear", stateName, grainId, etag);
            }
        }
        else
        {
            await command.ExecuteNonQueryAsync();
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Grain storage '{_name}' could not {operation} state '{stateName}' of {grainId}: another activation changed it since version {etag ?? "(none)"} was read.", etag ?? string.Empty, "unknown");

    private void Keys(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    private async Task<SqliteConnection> Open()
    {
        await _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task CreateSchema()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS orleans_grain_state (
                service_id TEXT NOT NULL,
                state_name TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                data BLOB NOT NULL,
                PRIMARY KEY (service_id, state_name, grain_id)
            ) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
