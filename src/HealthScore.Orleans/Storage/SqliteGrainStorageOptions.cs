namespace HealthScore.Orleans.Storage;

/// <summary>Where <c>AddSqliteGrainStorage</c> keeps grain state.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Gets or sets the SQLite file; it may be the history store's own file (the tables do not collide).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets how long a write waits for another writer of the file before it fails. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
