using System.Globalization;
using System.Text;
using HealthScore.Cli.Scoring;

namespace HealthScore.Cli.Sample;

/// <summary>
/// Writes a portfolio as the files <c>score --accounts A.csv --records DIR</c> reads, so the demo's data can be scored like a
/// user's: records, account fields, parents and entered values with their dates. Overrides are not written (the CSV has no columns for them).
/// </summary>
internal static class PortfolioExport
{
    public static void Write(IReadOnlyList<AccountInput> accounts, string directory)
    {
        Directory.CreateDirectory(directory);
        var entered = accounts.SelectMany(static x => x.Entered).Select(static e => e.MetricId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var a = new StringBuilder("account_id,name,seats,annual_value,segment,has_executive_sponsor,contract_start,renewal_date,consents,parent_id");
        foreach (var metric in entered)
        {
            a.Append(',').Append(metric).Append(',').Append(metric).Append(Input.AccountsCsv.ObservedAtSuffix);
        }

        a.Append('\n');
        var events = new StringBuilder("account_id,time,user_id,feature,quantity,duration_minutes\n");
        var tickets = new StringBuilder("account_id,opened,closed,severity,status,escalated\n");
        var surveys = new StringBuilder("account_id,time,kind,score,respondent\n");
        var touches = new StringBuilder("account_id,time,channel,stakeholder,is_executive\n");
        var milestones = new StringBuilder("account_id,name,due,completed\n");
        var goals = new StringBuilder("account_id,name,target,achieved,unit,measured_at\n");
        foreach (var input in accounts)
        {
            var r = input.Records!.Value;
            var account = r.Account!;
            List<string?> cells = [input.Id, input.Name, input.Fields["seats"], input.Fields["annual_value"], input.Fields["segment"], input.Fields["has_executive_sponsor"], D(account.ContractStart), D(account.RenewalDate), string.Join(';', input.Consents), input.ParentId];
            foreach (var metric in entered)
            {
                var value = input.Entered.FirstOrDefault(e => e.MetricId == metric);
                cells.Add(value?.Value);
                cells.Add(value is null ? null : D(value.ObservedAt));
            }

            Line(a, [.. cells]);
            foreach (var e in r.Events.Span)
            {
                Line(events, input.Id, D(e.Time), e.UserId, e.Feature, N(e.Quantity), N(e.Duration.TotalMinutes));
            }

            foreach (var t in r.Tickets.Span)
            {
                Line(tickets, input.Id, D(t.Opened), D(t.Closed), t.Severity.ToString().ToLowerInvariant(), t.Status.ToString().ToLowerInvariant(), t.Escalated ? "true" : "false");
            }

            foreach (var s in r.Surveys.Span)
            {
                Line(surveys, input.Id, D(s.Time), s.Kind.ToString().ToLowerInvariant(), N(s.Score), s.Respondent);
            }

            foreach (var t in r.Touches.Span)
            {
                Line(touches, input.Id, D(t.Time), t.Channel.ToString().ToLowerInvariant(), t.Stakeholder, t.IsExecutive ? "true" : "false");
            }

            foreach (var m in r.Milestones.Span)
            {
                Line(milestones, input.Id, m.Name, D(m.Due), D(m.Completed));
            }

            foreach (var g in r.Goals.Span)
            {
                Line(goals, input.Id, g.Name, N(g.Target), N(g.Achieved), g.Unit, D(g.MeasuredAt));
            }
        }

        File.WriteAllText(Path.Combine(directory, "accounts.csv"), a.ToString());
        File.WriteAllText(Path.Combine(directory, "features.csv"), "feature\n" + string.Join('\n', SamplePortfolio.Features) + "\n");
        File.WriteAllText(Path.Combine(directory, "events.csv"), events.ToString());
        File.WriteAllText(Path.Combine(directory, "tickets.csv"), tickets.ToString());
        File.WriteAllText(Path.Combine(directory, "surveys.csv"), surveys.ToString());
        File.WriteAllText(Path.Combine(directory, "touches.csv"), touches.ToString());
        File.WriteAllText(Path.Combine(directory, "milestones.csv"), milestones.ToString());
        File.WriteAllText(Path.Combine(directory, "goals.csv"), goals.ToString());
    }

    private static string D(DateTimeOffset? date) => date?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder sb, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var cell = cells[i] ?? "";
            sb.Append(cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }

        sb.Append('\n');
    }
}
