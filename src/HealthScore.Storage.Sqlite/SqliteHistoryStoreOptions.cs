namespace HealthScore.Storage.Sqlite;

/// <summary>Where a <see cref="SqliteHealthHistoryStore"/> keeps its file and how long a writer waits for another.</summary>
public sealed class SqliteHistoryStoreOptions
{
    /// <summary>The configuration section these options are usually read from.</summary>
    public const string SectionName = "HealthHistory";

    /// <summary>Gets or sets the database file's path; it is created, with its schema, when it does not exist. Its directory must exist.</summary>
    /// <value>The default value is an empty string, which is invalid: a path is required.</value>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets how long an operation waits for another connection's write (another process, another thread) to
    /// finish before it fails; from 0 to 10 minutes.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options; every problem, each naming the option, or an empty list.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
        {
            problems.Add("Path: is required: the database file, for example 'health.db'.");
        }
        else
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (directory is not null && !Directory.Exists(directory))
            {
                problems.Add($"Path: the directory '{directory}' of '{Path}' does not exist; create it or choose another path.");
            }
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"BusyTimeout: must be between 00:00:00 and 00:10:00; it is {BusyTimeout}.");
        }

        return problems;
    }
}
