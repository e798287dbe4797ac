using HealthScore.Cli.Scoring;
using HealthScore.Core.Metrics;

namespace HealthScore.Cli.Input;

/// <summary>
/// One record file read in step with the accounts file: it hands each account its rows, checks that the rows come in the
/// accounts file's order, and counts rows for accounts the accounts file does not have. Columns are found by their
/// names (case, spaces, <c>_</c> and <c>-</c> ignored) once, from the header.
/// </summary>
internal sealed class RecordFile : IDisposable
{
    private readonly CsvFile _csv;
    private readonly CsvReading _reading;
    private readonly AccountIndex _accounts;
    private readonly int _id;
    private readonly int[] _columns;
    private readonly Kind _kind;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _pool;
    private bool _hasRow;
    private int _rowOrdinal;
    private string _rowId = "";
    private int _lastOrdinal = -1;
    private string _lastId = "";
    private int _lastLine;

    private RecordFile(CsvFile csv, CsvReading reading, AccountIndex accounts, string accountsFile, Kind kind)
    {
        _csv = csv;
        _reading = reading;
        _accounts = accounts;
        _kind = kind;
        AccountsFile = accountsFile;
        _pool = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        var keys = csv.Header.Select(CsvReading.Key).ToList();
        _id = keys.IndexOf("accountid");
        if (_id < 0)
        {
            throw new CliException($"{csv.Name} line 1: no 'account_id' column.");
        }

        _columns = [.. Columns(kind).Select(c => keys.IndexOf(CsvReading.Key(c)))];
        Advance();
    }

    private enum Kind
    {
        Events,
        Tickets,
        Surveys,
        Touches,
        Milestones,
        Goals,
        Inputs,
    }

    public string Name => _csv.Name;

    public string AccountsFile { get; }

    public RecordSources Source => _kind switch
    {
        Kind.Events => RecordSources.ProductEvents,
        Kind.Tickets => RecordSources.SupportTickets,
        Kind.Surveys => RecordSources.Surveys,
        Kind.Touches => RecordSources.TouchPoints,
        Kind.Milestones => RecordSources.OnboardingMilestones,
        Kind.Goals => RecordSources.Goals,
        _ => RecordSources.None,
    };

    public int UnknownRows { get; private set; }

    public int FirstUnknownLine { get; private set; }

    public string? FirstUnknownId { get; private set; }

    /// <summary>Opens a record file, its kind by its name; with <paramref name="inputs"/>, a file of dated inputs people entered (account_id, metric, value, observed_at).</summary>
    public static RecordFile Open(string path, CsvReading reading, AccountIndex accounts, string accountsFile, bool inputs = false)
    {
        var kind = inputs ? Kind.Inputs : Path.GetFileName(path) switch
        {
            "events.csv" => Kind.Events,
            "tickets.csv" => Kind.Tickets,
            "surveys.csv" => Kind.Surveys,
            "touches.csv" => Kind.Touches,
            "milestones.csv" => Kind.Milestones,
            _ => Kind.Goals,
        };
        var csv = CsvFile.Open(path, reading.Delimiter);
        try
        {
            return new RecordFile(csv, reading, accounts, accountsFile, kind);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the whole file once for the time of its latest record (when <paramref name="latest"/>) and, for events, the
    /// features used other than logins (into <paramref name="features"/>, when given).
    /// </summary>
    public DateTimeOffset? Scan(bool latest, SortedSet<string>? features)
    {
        DateTimeOffset? max = null;
        var time = TimeColumn();
        var feature = _kind == Kind.Events && features is not null ? _columns[2] : -1;
        for (; _hasRow; Advance())
        {
            if (latest && time >= 0 && !_reading.IsMissing(_csv[time]))
            {
                var t = CsvReading.Date(_csv[time], _csv.Header[time], Name, _csv.Line);
                max = max is null || t > max ? t : max;
            }

            if (feature >= 0 && Pooled(feature) is { } f && f != "login")
            {
                features!.Add(f);
            }
        }

        return max;
    }

    /// <summary>
    /// Adds the rows of the account at <paramref name="ordinal"/> to <paramref name="lists"/>. Rows of accounts before it
    /// that were not scored (skipped rows) are passed over; a row of an account whose rows ended earlier in the file is an
    /// error, since the file is then not in the accounts file's order.
    /// </summary>
    public void Collect(string? id, int ordinal, RecordLists lists)
    {
        for (; _hasRow; Advance())
        {
            if (_rowOrdinal < 0)
            {
                UnknownRows++;
                if (FirstUnknownId is null)
                {
                    (FirstUnknownId, FirstUnknownLine) = (_rowId, _csv.Line);
                }

                continue;
            }

            if (_rowOrdinal < _lastOrdinal)
            {
                throw new CliException($"{Name} line {_csv.Line}: a row of account '{_rowId}' after the rows of '{_lastId}' (line {_lastLine}), which come later in {AccountsFile}. "
                    + $"Record files must list each account's rows together, in the order of {AccountsFile}.");
            }

            if (_rowOrdinal > ordinal)
            {
                return;
            }

            (_lastOrdinal, _lastId, _lastLine) = (_rowOrdinal, _rowId, _csv.Line);
            if (_rowOrdinal == ordinal && id is not null)
            {
                Add(lists);
            }
        }
    }

    public void Dispose() => _csv.Dispose();

    private static string[] Columns(Kind kind) => kind switch
    {
        Kind.Events => ["time", "user_id", "feature", "quantity", "duration_minutes"],
        Kind.Tickets => ["opened", "closed", "severity", "status", "escalated"],
        Kind.Surveys => ["time", "kind", "score", "respondent"],
        Kind.Touches => ["time", "channel", "stakeholder", "is_executive"],
        Kind.Milestones => ["name", "due", "completed"],
        Kind.Goals => ["name", "target", "achieved", "unit", "measured_at"],
        _ => ["metric", "value", "observed_at"],
    };

    private int TimeColumn() => _kind is Kind.Milestones or Kind.Goals ? -1 : _kind == Kind.Inputs ? _columns[2] : _columns[0];

    /// <summary>Moves to the next row and finds its account's place in the accounts file.</summary>
    private void Advance()
    {
        _hasRow = _csv.Read();
        if (!_hasRow)
        {
            return;
        }

        if (_csv.Problem() is { } problem)
        {
            throw new CliException($"{Name} line {_csv.Line}: {problem}");
        }

        var id = _csv[_id];
        if (id.IsEmpty)
        {
            throw new CliException($"{Name} line {_csv.Line}: column '{_csv.Header[_id]}' is blank.");
        }

        if (!id.SequenceEqual(_rowId))
        {
            _rowOrdinal = _accounts.OrdinalOf(id);
            _rowId = id.ToString();
        }
    }

    private void Add(RecordLists lists)
    {
        switch (_kind)
        {
            case Kind.Events:
                lists.Events.Add(new ProductEvent(Date(0), Pooled(_columns[1]), Pooled(_columns[2]), Number(3) ?? 1, TimeSpan.FromMinutes(Number(4) ?? 0)));
                break;
            case Kind.Tickets:
                lists.Tickets.Add(new SupportTicket(Date(0), OptionalDate(1), Enum(2, TicketSeverity.Normal), Enum(3, TicketStatus.Open), Flag(4)));
                break;
            case Kind.Surveys:
                lists.Surveys.Add(new SurveyResponse(Date(0), Enum(1, SurveyKind.Nps), (_columns[2] < 0 ? throw Error(2, "is absent; a survey needs a score, blank when it was sent and not answered") : Number(2) ?? double.NaN), Pooled(_columns[3])));
                break;
            case Kind.Touches:
                lists.Touches.Add(new TouchPoint(Date(0), Enum(1, TouchChannel.Call), Pooled(_columns[2]), Flag(3)));
                break;
            case Kind.Milestones:
                lists.Milestones.Add(new OnboardingMilestone(Pooled(_columns[0]) ?? "", Date(1), OptionalDate(2)));
                break;
            case Kind.Inputs:
                lists.Inputs.Add(new EnteredValue(
                    Pooled(_columns[0]) ?? throw Error(0, "is blank; name the metric the value is for"),
                    Missing(_columns[1]) ? throw Error(1, "is blank") : _csv[_columns[1]].ToString(),
                    Date(2),
                    Name,
                    _csv.Line));
                break;
            default:
                lists.Goals.Add(new Goal(Pooled(_columns[0]) ?? "", Number(1) ?? 0, Number(2) ?? 0, Pooled(_columns[3]), OptionalDate(4)));
                break;
        }
    }

    /// <summary>The header's name of a column the kind reads (by its slot), or the expected name when the file has none.</summary>
    private string ColumnName(int slot) => _columns[slot] >= 0 ? _csv.Header[_columns[slot]] : Columns(_kind)[slot];

    private CliException Error(int slot, string problem) => new($"{Name} line {_csv.Line}: column '{ColumnName(slot)}' {problem}.");

    private bool Missing(int column) => column < 0 || _reading.IsMissing(_csv[column]);

    /// <summary>Short texts repeat from row to row (users, features, channels): one string each.</summary>
    private string? Pooled(int column)
    {
        if (Missing(column))
        {
            return null;
        }

        var span = _csv[column];
        if (_pool.TryGetValue(span, out var pooled))
        {
            return pooled;
        }

        var text = span.ToString();
        if (_strings.Count < 10_000)
        {
            _strings[text] = text;
        }

        return text;
    }

    private double? Number(int slot) =>
        Missing(_columns[slot]) ? null : _reading.Number(_csv[_columns[slot]], ColumnName(slot), Name, _csv.Line);

    private DateTimeOffset Date(int slot) => OptionalDate(slot) ?? throw Error(slot, "is blank; a date is required");

    private DateTimeOffset? OptionalDate(int slot) =>
        Missing(_columns[slot]) ? null : CsvReading.Date(_csv[_columns[slot]], ColumnName(slot), Name, _csv.Line);

    private bool Flag(int slot)
    {
        if (Missing(_columns[slot]))
        {
            return false;
        }

        var text = _csv[_columns[slot]];
        if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : throw Error(slot, $"has '{text}', not true or false");
    }

    private T Enum<T>(int slot, T fallback)
        where T : struct, Enum
    {
        if (Missing(_columns[slot]))
        {
            return fallback;
        }

        var text = _csv[_columns[slot]];
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0])
            ? value
            : throw Error(slot, $"has '{text}'; expected one of {string.Join(", ", System.Enum.GetNames<T>()).ToLowerInvariant()}");
    }
}
