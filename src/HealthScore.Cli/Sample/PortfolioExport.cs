using System.Globalization;
using System.Text;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Pipeline;
using AccountInput = HealthScore.Cli.Scoring.AccountInput;

namespace HealthScore.Cli.Sample;

/// <summary>
/// Writes a portfolio, one account at a time, as the files <c>score --accounts accounts.csv --records DIR --inputs
/// inputs.csv --overrides overrides.csv</c> reads, so the demo's data scores like a user's: account fields, parents,
/// every record family, the entered values with their dates, and the overrides people set. Each file lists the
/// accounts in the order of accounts.csv, as record files must; nothing is held but the open files.
/// </summary>
internal sealed class PortfolioExport : IDisposable
{
    private readonly StreamWriter _accounts;
    private readonly StreamWriter _events;
    private readonly StreamWriter _tickets;
    private readonly StreamWriter _surveys;
    private readonly StreamWriter _touches;
    private readonly StreamWriter _milestones;
    private readonly StreamWriter _goals;
    private readonly StreamWriter _inputs;
    private readonly StreamWriter _overrides;
    private readonly IReadOnlyList<string> _fields;

    /// <summary>Creates the files.</summary>
    /// <param name="directory">Where to write them; created when missing.</param>
    /// <param name="features">The product's feature catalogue, written to features.csv.</param>
    /// <param name="fields">The account fields each account carries, as columns of accounts.csv after its name.</param>
    public PortfolioExport(string directory, IReadOnlyList<string> features, IReadOnlyList<string> fields)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "features.csv"), "feature\n" + string.Join('\n', features) + "\n");
        _fields = fields;
        _accounts = Open(directory, "accounts.csv", "account_id,name," + string.Concat(fields.Select(static f => f + ",")) + "contract_start,renewal_date,consents,parent_id");
        _events = Open(directory, "events.csv", "account_id,time,user_id,feature,quantity,duration_minutes");
        _tickets = Open(directory, "tickets.csv", "account_id,opened,closed,severity,status,escalated");
        _surveys = Open(directory, "surveys.csv", "account_id,time,kind,score,respondent");
        _touches = Open(directory, "touches.csv", "account_id,time,channel,stakeholder,is_executive");
        _milestones = Open(directory, "milestones.csv", "account_id,name,due,completed");
        _goals = Open(directory, "goals.csv", "account_id,name,target,achieved,unit,measured_at");
        _inputs = Open(directory, "inputs.csv", "account_id,metric,value,observed_at");
        _overrides = Open(directory, "overrides.csv", "account_id,target,metric,value,author,set_at,valid_until,comment");
    }

    public void Add(AccountInput input)
    {
        var r = input.Records!.Value;
        var account = r.Account!;
        var cells = new string?[_fields.Count + 6];
        cells[0] = input.Id;
        cells[1] = input.Name;
        for (var i = 0; i < _fields.Count; i++)
        {
            cells[2 + i] = input.Fields[_fields[i]];
        }

        cells[^4] = D(account.ContractStart);
        cells[^3] = D(account.RenewalDate);
        cells[^2] = string.Join(';', input.Consents);
        cells[^1] = input.ParentId;
        Line(_accounts, cells);
        foreach (var e in r.Events.Span)
        {
            Line(_events, input.Id, D(e.Time), e.UserId, e.Feature, N(e.Quantity), N(e.Duration.TotalMinutes));
        }

        foreach (var t in r.Tickets.Span)
        {
            Line(_tickets, input.Id, D(t.Opened), D(t.Closed), t.Severity.ToString().ToLowerInvariant(), t.Status.ToString().ToLowerInvariant(), t.Escalated ? "true" : "false");
        }

        foreach (var s in r.Surveys.Span)
        {
            Line(_surveys, input.Id, D(s.Time), s.Kind.ToString().ToLowerInvariant(), double.IsNaN(s.Score) ? "" : N(s.Score), s.Respondent); // blank: sent, not answered
        }

        foreach (var t in r.Touches.Span)
        {
            Line(_touches, input.Id, D(t.Time), t.Channel.ToString().ToLowerInvariant(), t.Stakeholder, t.IsExecutive ? "true" : "false");
        }

        foreach (var m in r.Milestones.Span)
        {
            Line(_milestones, input.Id, m.Name, D(m.Due), D(m.Completed));
        }

        foreach (var g in r.Goals.Span)
        {
            Line(_goals, input.Id, g.Name, N(g.Target), N(g.Achieved), g.Unit, D(g.MeasuredAt));
        }

        foreach (var e in input.Entered)
        {
            Line(_inputs, input.Id, e.MetricId, e.Value, D(e.ObservedAt));
        }

        foreach (var o in input.Overrides)
        {
            var (target, value) = o.Target switch
            {
                OverrideTarget.Score => ("score", N(o.Value!.Value)),
                OverrideTarget.Band => ("band", o.Band),
                _ => ("metric", N(o.Value!.Value)),
            };
            Line(_overrides, input.Id, target, o.Metric, value, o.Author, D(o.SetAt), D(o.ValidUntil), o.Comment);
        }
    }

    public void Dispose()
    {
        foreach (var writer in (StreamWriter[])[_accounts, _events, _tickets, _surveys, _touches, _milestones, _goals, _inputs, _overrides])
        {
            writer.Dispose();
        }
    }

    private static StreamWriter Open(string directory, string name, string header)
    {
        var writer = new StreamWriter(Path.Combine(directory, name), append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(header);
        return writer;
    }

    private static string D(DateTimeOffset? date) => date?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Line(StreamWriter writer, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var cell = cells[i] ?? "";
            writer.Write(cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }

        writer.Write('\n');
    }
}
