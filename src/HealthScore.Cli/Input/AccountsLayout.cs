using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Cli.Input;

/// <summary>Which column of an accounts file holds what, matched loosely to the model's metrics and account fields; -1 where the file has no such column.</summary>
internal sealed class AccountsLayout
{
    public int Id { get; private init; } = -1;

    public int Name { get; private init; } = -1;

    public int Parent { get; private init; } = -1;

    public int Tenure { get; private init; } = -1;

    public int Renewal { get; private init; } = -1;

    public int ContractStart { get; private init; } = -1;

    public int RenewalDate { get; private init; } = -1;

    public int Consents { get; private init; } = -1;

    public required IReadOnlyList<(int Column, Metric Metric)> Metrics { get; init; }

    public required IReadOnlyList<(int Column, Metric Metric)> ObservedAt { get; init; }

    public required IReadOnlyList<(int Column, AccountField Field)> Fields { get; init; }

    /// <summary>Gets the header's columns that are none of the above, each with a "did you mean" when one is close.</summary>
    public required IReadOnlyList<string> Ignored { get; init; }

    /// <summary>Gets the model's metrics the file has no column for.</summary>
    public IEnumerable<Metric> MissingMetrics(HealthModel model) => model.Metrics.Where(m => !Metrics.Any(c => ReferenceEquals(c.Metric, m)));

    /// <summary>Reads the header; no id column, or two columns for one metric, is a <see cref="CliException"/> naming line 1.</summary>
    public static AccountsLayout Of(CsvFile csv, HealthModel model)
    {
        var file = csv.Name;
        var header = csv.Header;
        if (header.Count == 0)
        {
            throw new CliException($"{file}: the file is empty; expected a header row with account_id and metric ids.");
        }

        var metrics = MetricKeys(model);
        var fields = new Dictionary<string, AccountField>(StringComparer.Ordinal);
        foreach (var field in model.Account.Fields)
        {
            fields.TryAdd(CsvReading.Key(field.Name), field);
        }

        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var metricColumns = new List<(int, Metric)>();
        var observed = new List<(int, Metric)>();
        var fieldColumns = new List<(int, AccountField)>();
        var ignored = new List<string>();
        for (var c = 0; c < header.Count; c++)
        {
            var key = CsvReading.Key(header[c]);
            if (key is "accountid" or "id" or "tenuredays" or "daystorenewal" or "contractstart" or "renewaldate" or "consents" or "parentid")
            {
                if (key == "id" && known.ContainsKey("accountid"))
                {
                    ignored.Add(header[c]);
                    continue;
                }

                if (known.TryGetValue(key is "id" ? "accountid" : key, out var earlier))
                {
                    throw new CliException($"{file} line 1: columns '{header[earlier]}' and '{header[c]}' both name {key}.");
                }

                known[key is "id" ? "accountid" : key] = c;
            }
            else if (fields.TryGetValue(key, out var field))
            {
                Add(fieldColumns, c, field, static f => f.Name);
            }
            else if (metrics.TryGetValue(key, out var metric))
            {
                Add(metricColumns, c, metric, static m => m.Id);
            }
            else if (key.EndsWith("observedat", StringComparison.Ordinal) && metrics.TryGetValue(key[..^"observedat".Length], out var dated))
            {
                Add(observed, c, dated, static m => m.Id + AccountsCsv.ObservedAtSuffix);
            }
            else if (key == "name")
            {
                known["name"] = c;
            }
            else
            {
                ignored.Add(Hint(header[c], model));
            }
        }

        if (!known.TryGetValue("accountid", out var id))
        {
            throw new CliException($"{file} line 1: no 'account_id' column; the header has {string.Join(", ", header.Select(static h => "'" + h + "'"))}"
                + (header.Count == 1 && csv.Delimiter is not ',' ? " (is the delimiter ','? pass --delimiter)" : "") + ".");
        }

        return new AccountsLayout
        {
            Id = id,
            Name = known.GetValueOrDefault("name", -1),
            Parent = known.GetValueOrDefault("parentid", -1),
            Tenure = known.GetValueOrDefault("tenuredays", -1),
            Renewal = known.GetValueOrDefault("daystorenewal", -1),
            ContractStart = known.GetValueOrDefault("contractstart", -1),
            RenewalDate = known.GetValueOrDefault("renewaldate", -1),
            Consents = known.GetValueOrDefault("consents", -1),
            Metrics = metricColumns, ObservedAt = observed, Fields = fieldColumns, Ignored = ignored,
        };

        void Add<T>(List<(int, T)> list, int column, T target, Func<T, string> name)
            where T : class
        {
            var earlier = list.FindIndex(x => ReferenceEquals(x.Item2, target));
            if (earlier >= 0)
            {
                throw new CliException($"{file} line 1: columns '{header[list[earlier].Item1]}' and '{header[column]}' both match '{name(target)}'.");
            }

            list.Add((column, target));
        }
    }

    /// <summary>The model's metrics by the loose keys of their ids, and of their labels where no id has the same key.</summary>
    public static Dictionary<string, Metric> MetricKeys(HealthModel model)
    {
        var keys = new Dictionary<string, Metric>(StringComparer.Ordinal);
        foreach (var metric in model.Metrics)
        {
            keys[CsvReading.Key(metric.Id)] = metric;
        }

        var labels = model.Metrics.GroupBy(static m => CsvReading.Key(m.Label), StringComparer.Ordinal).Where(static g => g.Count() == 1);
        foreach (var label in labels)
        {
            keys.TryAdd(label.Key, label.First());
        }

        return keys;
    }

    /// <summary>An ignored column's name, with the metric it is probably meant to be when one is within two edits.</summary>
    public static string Hint(string column, HealthModel model)
    {
        var key = CsvReading.Key(column);
        var best = model.Metrics.Select(m => (m.Id, Distance: CsvReading.Distance(CsvReading.Key(m.Id), key))).OrderBy(static x => x.Distance).ThenBy(static x => x.Id, StringComparer.Ordinal).FirstOrDefault();
        return best.Id is not null && best.Distance <= 2 && key.Length > 2 ? $"{column} (did you mean '{best.Id}'?)" : column;
    }
}
