using HealthScore.Cli.Scoring;
using HealthScore.Core.Metrics;

namespace HealthScore.Cli.Input;

/// <summary>
/// Raw records for the built-in providers, one optional CSV per signal family in a directory, each with an
/// <c>account_id</c> column: events.csv (time, user_id, feature, quantity, duration_minutes), tickets.csv (opened,
/// closed, severity, status, escalated), surveys.csv (time, kind, score, respondent), touches.csv (time, channel,
/// stakeholder, is_executive), milestones.csv (name, due, completed), goals.csv (name, target, achieved, unit,
/// measured_at); and features.csv (feature), the product's feature catalogue. Dates are ISO 8601.
/// <para>
/// The files are read alongside the accounts file, never held whole: each file lists an account's rows together, and
/// the accounts in the order of the accounts file (accounts without records are simply absent). Only one account's
/// records are in memory at a time. Rows naming an account the accounts file does not have are counted and reported.
/// </para>
/// </summary>
internal sealed class RecordsDirectory : IDisposable
{
    private static readonly string[] FileNames = ["events.csv", "tickets.csv", "surveys.csv", "touches.csv", "milestones.csv", "goals.csv"];

    private readonly List<RecordFile> _files;
    private readonly RecordLists _lists = new();

    private RecordsDirectory(List<RecordFile> files, RecordSources sources, IReadOnlyList<string> features, DateTimeOffset? latest)
    {
        _files = files;
        Sources = sources;
        Features = features;
        Latest = latest;
    }

    /// <summary>Gets the record families the directory has files for.</summary>
    public RecordSources Sources { get; }

    /// <summary>
    /// Gets the catalogue feature breadth is measured against: features.csv (a <c>feature</c> column) when present,
    /// else every feature seen in events.csv except logins.
    /// </summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>Gets the time of the latest record, when it was asked for.</summary>
    public DateTimeOffset? Latest { get; }

    /// <summary>
    /// Opens the record files. With <paramref name="findLatest"/> (no as-of date given), or without features.csv, the
    /// files are first read once for the latest record time and the features used; then they are read with the accounts.
    /// </summary>
    public static RecordsDirectory Open(string directory, CsvReading reading, AccountIndex accounts, string accountsFile, bool findLatest)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliException($"{directory}: directory not found.");
        }

        var present = FileNames.Where(name => File.Exists(Path.Combine(directory, name))).ToList();
        if (present.Count == 0)
        {
            throw new CliException($"{directory}: no record files ({string.Join(", ", FileNames)}).");
        }

        var catalogue = Path.Combine(directory, "features.csv");
        List<string>? features = File.Exists(catalogue) ? ReadCatalogue(catalogue, reading) : null;
        DateTimeOffset? latest = null;
        if (findLatest || (features is null && present.Contains("events.csv")))
        {
            var seen = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var name in present)
            {
                using var scan = RecordFile.Open(Path.Combine(directory, name), reading, accounts, accountsFile);
                var found = scan.Scan(findLatest, features is null ? seen : null);
                latest = found is { } t && (latest is null || t > latest) ? t : latest;
            }

            features ??= [.. seen];
        }

        var files = new List<RecordFile>(present.Count);
        var sources = RecordSources.None;
        try
        {
            foreach (var name in present)
            {
                var file = RecordFile.Open(Path.Combine(directory, name), reading, accounts, accountsFile);
                files.Add(file);
                sources |= file.Source;
            }
        }
        catch
        {
            files.ForEach(static f => f.Dispose());
            throw;
        }

        return new RecordsDirectory(files, sources, features ?? [], latest);
    }

    /// <summary>
    /// The records of the account at <paramref name="ordinal"/> in the accounts file. The arrays are reused for the next
    /// account: score the account before asking for the next one.
    /// </summary>
    public AccountRecords For(Account account, int ordinal)
    {
        _lists.Clear();
        foreach (var file in _files)
        {
            file.Collect(account.Id, ordinal, _lists);
        }

        return new AccountRecords
        {
            Account = account, Events = _lists.Events.Memory, Tickets = _lists.Tickets.Memory, Surveys = _lists.Surveys.Memory,
            Touches = _lists.Touches.Memory, Milestones = _lists.Milestones.Memory, Goals = _lists.Goals.Memory, Sources = Sources,
        };
    }

    /// <summary>Reads what is left of each file (checking its order) and reports rows that named accounts the accounts file does not have.</summary>
    public void Finish(TextWriter warnings)
    {
        foreach (var file in _files)
        {
            file.Collect(null, int.MaxValue, _lists);
            if (file.UnknownRows > 0)
            {
                warnings.WriteLine($"warning: {file.Name}: {file.UnknownRows} row(s) name accounts that are not in {file.AccountsFile} (the first on line {file.FirstUnknownLine}: '{file.FirstUnknownId}'); they were not used.");
            }
        }
    }

    public void Dispose() => _files.ForEach(static f => f.Dispose());

    private static List<string> ReadCatalogue(string path, CsvReading reading)
    {
        using var csv = CsvFile.Open(path, reading.Delimiter);
        var column = csv.Header.ToList().FindIndex(static h => CsvReading.Key(h) == "feature");
        var features = new List<string>();
        while (csv.Read())
        {
            if (reading.Text(csv, Math.Max(0, column)) is { } feature)
            {
                features.Add(feature);
            }
        }

        return features;
    }
}

/// <summary>One account's records as they are read, in arrays reused from account to account.</summary>
internal sealed class RecordLists
{
    public RecordBuffer<ProductEvent> Events { get; } = new();

    public RecordBuffer<SupportTicket> Tickets { get; } = new();

    public RecordBuffer<SurveyResponse> Surveys { get; } = new();

    public RecordBuffer<TouchPoint> Touches { get; } = new();

    public RecordBuffer<OnboardingMilestone> Milestones { get; } = new();

    public RecordBuffer<Goal> Goals { get; } = new();

    public RecordBuffer<EnteredValue> Inputs { get; } = new();

    public void Clear()
    {
        Inputs.Clear();
        Events.Clear();
        Tickets.Clear();
        Surveys.Clear();
        Touches.Clear();
        Milestones.Clear();
        Goals.Clear();
    }
}

/// <summary>A growable array whose storage is kept when it is cleared.</summary>
internal sealed class RecordBuffer<T>
{
    private T[] _items = new T[16];

    public int Count { get; private set; }

    public ReadOnlyMemory<T> Memory => new(_items, 0, Count);

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
    }
}
