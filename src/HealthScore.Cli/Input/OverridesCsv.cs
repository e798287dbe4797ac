using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;

namespace HealthScore.Cli.Input;

/// <summary>
/// Reads the overrides people set, one per row: <c>account_id</c>, <c>target</c> (<c>score</c>, <c>band</c> or
/// <c>metric</c>), <c>metric</c> (the metric's id, for a metric override), <c>value</c> (the score, the band's id or
/// label, or the metric's value — a category's id or label for a categorical metric), <c>author</c>, <c>set_at</c>,
/// optional <c>valid_until</c> and <c>comment</c>. The file is read whole, in any order: overrides are what people set
/// by hand, a few per account at most. Every row is checked against the model, with its line.
/// </summary>
internal static class OverridesCsv
{
    public static Dictionary<string, List<HealthOverride>> Read(string path, HealthModel model, CsvReading reading, AccountIndex accounts, TextWriter warnings)
    {
        using var csv = CsvFile.Open(path, reading.Delimiter);
        var keys = csv.Header.Select(CsvReading.Key).ToList();
        int Column(string name) => keys.IndexOf(CsvReading.Key(name));
        int Required(string name) => Column(name) is var c && c >= 0
            ? c
            : throw new CliException($"{csv.Name} line 1: no '{name}' column; an overrides file has account_id, target, metric, value, author, set_at, valid_until and comment.");
        var (id, target, author, setAt) = (Required("account_id"), Required("target"), Required("author"), Required("set_at"));
        var (metricColumn, value, validUntil, comment) = (Column("metric"), Required("value"), Column("valid_until"), Column("comment"));
        var overrides = new Dictionary<string, List<HealthOverride>>(StringComparer.Ordinal);
        var unknown = 0;
        string? firstUnknown = null;
        while (csv.Read())
        {
            var line = csv.Line;
            if (csv.Problem() is { } problem)
            {
                throw new CliException($"{csv.Name} line {line}: {problem}");
            }

            var account = reading.Text(csv, id) ?? throw Error(id, "is blank");
            var by = reading.Text(csv, author) ?? throw Error(author, "is blank; say who set the override");
            var set = reading.IsMissing(csv[setAt]) ? throw Error(setAt, "is blank; a date is required") : CsvReading.Date(csv[setAt], csv.Header[setAt], csv.Name, line);
            DateTimeOffset? until = validUntil < 0 || reading.IsMissing(csv[validUntil]) ? null : CsvReading.Date(csv[validUntil], csv.Header[validUntil], csv.Name, line);
            var note = reading.Text(csv, comment);
            var text = reading.Text(csv, value) ?? throw Error(value, "is blank");
            var kind = csv[target].ToString().ToLowerInvariant();
            var item = kind switch
            {
                "score" => HealthOverride.ForScore(reading.Number(text, csv.Header[value], csv.Name, line), by, set, until, note),
                "band" => HealthOverride.ForBand(Band(text), by, set, until, note),
                "metric" => Metric(text, by, set, until, note),
                _ => throw Error(target, $"has '{csv[target]}'; expected score, band or metric"),
            };
            if (accounts.OrdinalOf(account) < 0)
            {
                unknown++;
                firstUnknown ??= $"line {line}: '{account}'";
                continue;
            }

            if (!overrides.TryGetValue(account, out var list))
            {
                overrides[account] = list = [];
            }

            list.Add(item);

            CliException Error(int column, string problem) => new($"{csv.Name} line {line}: column '{csv.Header[column]}' {problem}.");

            string Band(string band)
            {
                var found = model.Bands.FirstOrDefault(b => b.Id == band) ?? model.Bands.FirstOrDefault(b => b.Id.Equals(band, StringComparison.OrdinalIgnoreCase) || b.Label.Equals(band, StringComparison.OrdinalIgnoreCase));
                return found?.Id ?? throw Error(value, $"has '{band}', not a band of model '{model.Id}' (expected {string.Join(", ", model.Bands.Select(static b => b.Id))})");
            }

            HealthOverride Metric(string metricValue, string who, DateTimeOffset when, DateTimeOffset? end, string? why)
            {
                var metricId = reading.Text(csv, metricColumn) ?? throw new CliException($"{csv.Name} line {line}: a metric override needs the metric's id in a 'metric' column.");
                if (!model.TryGetMetric(metricId, out var metric))
                {
                    throw Error(metricColumn, $"has '{metricId}', not a metric of model '{model.Id}'");
                }

                var number = metric.IsCategorical
                    ? Categories.Find(metric, metricValue) is { } category ? metric.CategoryValue(category.Id) : throw Categories.Unknown(metric, metricValue, csv.Header[value], csv.Name, line)
                    : reading.Number(metricValue, csv.Header[value], csv.Name, line);
                return HealthOverride.ForMetric(metric.Id, number, who, when, end, why);
            }
        }

        if (unknown > 0)
        {
            warnings.WriteLine($"warning: {csv.Name}: {unknown} override(s) name accounts that are not in the accounts file (the first on {firstUnknown}); they were not used.");
        }

        return overrides;
    }
}
