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
        using var csv = CsvFile.Open(path, delimiter: null);
        var header = csv.Header.Select(CsvReading.Key).ToList();
        int Column(params string[] names)
        {
            foreach (var name in names)
            {
                var index = header.IndexOf(CsvReading.Key(name));
                if (index >= 0)
                {
                    return index;
                }
            }

            throw new CliException($"{csv.Name} line 1: no '{names[0]}' column; expected account_id, outcome (churned or renewed) and date (yyyy-MM-dd).");
        }

        var id = Column("account_id", "id");
        var outcome = Column("outcome");
        var date = Column("date", "outcome_date");
        var outcomes = new List<RecordedOutcome>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Line;
            if (csv.Problem() is { } problem)
            {
                throw new CliException($"{csv.Name} line {line}: {problem}");
            }

            var account = csv[id].Trim().ToString();
            if (account.Length == 0)
            {
                throw new CliException($"{csv.Name} line {line}: account_id is blank.");
            }

            if (!lines.TryAdd(account, line))
            {
                throw new CliException($"{csv.Name} line {line}: account '{account}' already has an outcome on line {lines[account]}; keep one row per account.");
            }

            var label = csv[outcome].Trim().ToString();
            var kind = label.ToUpperInvariant() switch
            {
                "CHURNED" => OutcomeKind.Churned,
                "RENEWED" => OutcomeKind.Renewed,
                _ => throw new CliException($"{csv.Name} line {line}: column '{csv.Header[outcome]}' has '{label}'; expected churned or renewed."),
            };
            var text = csv[date].Trim().ToString();
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new CliException($"{csv.Name} line {line}: column '{csv.Header[date]}' has '{text}', not a date (yyyy-MM-dd).");
            }

            outcomes.Add(new RecordedOutcome(account, kind, day));
        }

        if (outcomes.Count == 0)
        {
            throw new CliException($"{csv.Name}: no outcome rows after the header; expected one row per account with account_id, outcome and date.");
        }

        return outcomes;
    }
}
