using System.Globalization;
using HealthScore.Core.Metrics;

namespace HealthScore.Cli.Input;

/// <summary>
/// Raw records for the built-in providers, one optional CSV per signal family in a directory, each with an
/// <c>account_id</c> column: events.csv (time, user_id, feature, quantity, duration_minutes), tickets.csv (opened,
/// closed, severity, status, escalated), surveys.csv (time, kind, score), touches.csv (time, channel, stakeholder,
/// is_executive), milestones.csv (name, due, completed), goals.csv (name, target, achieved, unit, measured_at); and features.csv (feature), the product's feature catalogue. Dates are ISO 8601.
/// </summary>
internal sealed class RecordsDirectory
{
    private readonly Dictionary<string, Lists> _byAccount = new(StringComparer.Ordinal);

    public DateTimeOffset? Latest { get; private set; }

    private List<string>? _catalogue;

    /// <summary>
    /// The catalogue feature breadth is measured against: features.csv (a <c>feature</c> column) when present,
    /// else every feature seen in events.csv except logins.
    /// </summary>
    public IReadOnlyList<string> Features => _catalogue ?? [.. _byAccount.Values.SelectMany(static l => l.Events).Select(static e => e.Feature).OfType<string>().Where(static f => f != "login").Distinct().Order(StringComparer.Ordinal)];

    public static RecordsDirectory Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliException($"{directory}: directory not found.");
        }

        var records = new RecordsDirectory();
        var any = false;
        any |= records.ReadFile(directory, "events.csv", static (r, l) => l.Events.Add(new ProductEvent(r.Date("time"), r.Text("user_id"), r.Text("feature"), r.Number("quantity") ?? 1, TimeSpan.FromMinutes(r.Number("duration_minutes") ?? 0))), static e => e.Events[^1].Time);
        any |= records.ReadFile(directory, "tickets.csv", static (r, l) => l.Tickets.Add(new SupportTicket(r.Date("opened"), r.OptionalDate("closed"), r.Enum("severity", TicketSeverity.Normal), r.Enum("status", TicketStatus.Open), r.Flag("escalated"))), static e => e.Tickets[^1].Opened);
        any |= records.ReadFile(directory, "surveys.csv", static (r, l) => l.Surveys.Add(new SurveyResponse(r.Date("time"), r.Enum("kind", SurveyKind.Nps), r.Number("score") ?? throw r.Error("score", "a survey needs a score"), r.Text("respondent"))), static e => e.Surveys[^1].Time);
        any |= records.ReadFile(directory, "touches.csv", static (r, l) => l.Touches.Add(new TouchPoint(r.Date("time"), r.Enum("channel", TouchChannel.Call), r.Text("stakeholder"), r.Flag("is_executive"))), static e => e.Touches[^1].Time);
        any |= records.ReadFile(directory, "milestones.csv", static (r, l) => l.Milestones.Add(new OnboardingMilestone(r.Text("name") ?? "", r.Date("due"), r.OptionalDate("completed"))), static e => null);
        any |= records.ReadFile(directory, "goals.csv", static (r, l) => l.Goals.Add(new Goal(r.Text("name") ?? "", r.Number("target") ?? 0, r.Number("achieved") ?? 0, r.Text("unit"), r.OptionalDate("measured_at"))), static e => null);
        var catalogue = Path.Combine(directory, "features.csv");
        if (File.Exists(catalogue))
        {
            records._catalogue = [.. AccountsCsv.Parse(File.ReadAllText(catalogue), "features.csv").Skip(1).Select(static r => r.Fields[0].Trim()).Where(static f => f.Length > 0)];
        }

        if (!any)
        {
            throw new CliException($"{directory}: no record files (events.csv, tickets.csv, surveys.csv, touches.csv, milestones.csv, goals.csv).");
        }

        return records;
    }

    public AccountRecords For(Account account)
    {
        var lists = _byAccount.GetValueOrDefault(account.Id) ?? new Lists();
        return new AccountRecords
        {
            Account = account, Events = lists.Events.ToArray(), Tickets = lists.Tickets.ToArray(), Surveys = lists.Surveys.ToArray(),
            Touches = lists.Touches.ToArray(), Milestones = lists.Milestones.ToArray(), Goals = lists.Goals.ToArray(), Sources = Sources,
        };
    }

    private RecordSources Sources { get; set; }

    private bool ReadFile(string directory, string name, Action<Row, Lists> add, Func<Lists, DateTimeOffset?> time)
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            return false;
        }

        Sources |= name switch
        {
            "events.csv" => RecordSources.ProductEvents,
            "tickets.csv" => RecordSources.SupportTickets,
            "surveys.csv" => RecordSources.Surveys,
            "touches.csv" => RecordSources.TouchPoints,
            "milestones.csv" => RecordSources.OnboardingMilestones,
            _ => RecordSources.Goals,
        };
        var rows = AccountsCsv.Parse(File.ReadAllText(path), name);
        if (rows.Count == 0)
        {
            return true;
        }

        var header = rows[0].Fields.Select(static h => h.Trim()).ToList();
        if (!header.Contains("account_id"))
        {
            throw new CliException($"{name} line 1: no 'account_id' column.");
        }

        for (var i = 1; i < rows.Count; i++)
        {
            var csv = rows[i];
            if (csv.Error is not null || csv.Fields.Count != header.Count)
            {
                throw new CliException($"{name} line {csv.Line}: {csv.Error ?? $"{csv.Fields.Count} fields, the header has {header.Count}."}");
            }

            var row = new Row(name, csv.Line, header, csv.Fields);
            var id = row.Text("account_id") ?? throw row.Error("account_id", "is blank");
            if (!_byAccount.TryGetValue(id, out var lists))
            {
                _byAccount[id] = lists = new Lists();
            }

            add(row, lists);
            if (time(lists) is { } t && (Latest is null || t > Latest))
            {
                Latest = t;
            }
        }

        return true;
    }

    private sealed class Lists
    {
        public List<ProductEvent> Events { get; } = [];

        public List<SupportTicket> Tickets { get; } = [];

        public List<SurveyResponse> Surveys { get; } = [];

        public List<TouchPoint> Touches { get; } = [];

        public List<OnboardingMilestone> Milestones { get; } = [];

        public List<Goal> Goals { get; } = [];
    }

    private sealed class Row(string file, int line, List<string> header, List<string> fields)
    {
        public CliException Error(string column, string problem) => new($"{file} line {line}: column '{column}' {problem}.");

        public string? Text(string column)
        {
            var i = header.IndexOf(column);
            var text = i < 0 ? null : fields[i].Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        public double? Number(string column) => Text(column) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw Error(column, $"has '{text}', not a number")
            : null;

        public DateTimeOffset Date(string column) => OptionalDate(column) ?? throw Error(column, "is blank; a date is required");

        public DateTimeOffset? OptionalDate(string column) => Text(column) is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : throw Error(column, $"has '{text}', not a date")
            : null;

        public bool Flag(string column)
        {
            var text = Text(column);
            if (text is null || text == "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : throw Error(column, $"has '{text}', not true or false");
        }

        public T Enum<T>(string column, T fallback)
            where T : struct, Enum => Text(column) is { } text
            ? System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]) ? value : throw Error(column, $"has '{text}'; expected one of {string.Join(", ", System.Enum.GetNames<T>()).ToLowerInvariant()}")
            : fallback;
    }
}
