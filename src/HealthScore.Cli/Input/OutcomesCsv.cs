using System.Globalization;
using HealthScore.Core.Tuning;

namespace HealthScore.Cli.Input;

/// <summary>
/// Reads an outcome file: a header, then one row per account with its id (<c>account_id</c> or <c>id</c>), its outcome
/// (<c>churned</c> or <c>renewed</c>) and the outcome's date (<c>date</c>, yyyy-MM-dd). Header names match loosely
/// (case, spaces, <c>_</c> and <c>-</c> ignored); other columns are ignored. One row per account.
/// </summary>
internal static class OutcomesCsv
{
    public static List<RecordedOutcome> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found.");
        }

        var file = Path.GetFileName(path);
        var rows = AccountsCsv.Parse(File.ReadAllText(path), file);
        if (rows.Count == 0)
        {
            throw new CliException($"{file}: the file is empty; expected a header row with account_id, outcome and date.");
        }

        if (rows[0].Error is { } headerError)
        {
            throw new CliException($"{file} line 1: {headerError}");
        }

        var header = rows[0].Fields.Select(HistoryCsv.Key).ToList();
        int Column(params string[] names)
        {
            foreach (var name in names)
            {
                var index = header.IndexOf(HistoryCsv.Key(name));
                if (index >= 0)
                {
                    return index;
                }
            }

            throw new CliException($"{file} line 1: no '{names[0]}' column; expected account_id, outcome (churned or renewed) and date (yyyy-MM-dd).");
        }

        var id = Column("account_id", "id");
        var outcome = Column("outcome");
        var date = Column("date", "outcome_date");
        var outcomes = new List<RecordedOutcome>(rows.Count - 1);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            AccountsCsv.CheckRow(row, header.Count, file);
            var account = row.Fields[id].Trim();
            if (account.Length == 0)
            {
                throw new CliException($"{file} line {row.Line}: account_id is blank.");
            }

            if (!lines.TryAdd(account, row.Line))
            {
                throw new CliException($"{file} line {row.Line}: account '{account}' already has an outcome on line {lines[account]}; keep one row per account.");
            }

            var kind = row.Fields[outcome].Trim().ToUpperInvariant() switch
            {
                "CHURNED" => OutcomeKind.Churned,
                "RENEWED" => OutcomeKind.Renewed,
                var other => throw new CliException($"{file} line {row.Line}: column '{rows[0].Fields[outcome]}' has '{row.Fields[outcome].Trim()}'; expected churned or renewed."),
            };
            var text = row.Fields[date].Trim();
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new CliException($"{file} line {row.Line}: column '{rows[0].Fields[date]}' has '{text}', not a date (yyyy-MM-dd).");
            }

            outcomes.Add(new RecordedOutcome(account, kind, day));
        }

        return outcomes;
    }
}
