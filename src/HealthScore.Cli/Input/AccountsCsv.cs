using System.Globalization;
using System.Text;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Input;

/// <summary>
/// Reads accounts as metric values: a header row, then one row per account. Columns: <c>account_id</c> (required),
/// optional <c>tenure_days</c>, <c>days_to_renewal</c> (or <c>contract_start</c>, <c>renewal_date</c> as dates), <c>consents</c> (names separated by <c>;</c>), any account
/// field the model declares (e.g. <c>name</c>, <c>seats</c>), <c>parent_id</c>, and one column per metric id (blank = missing; a
/// categorical metric's value is its category's id), with <c>&lt;metric&gt;_observed_at</c> for when an expiring value was observed. Any other
/// column is an error here; account field values stay text, with their file and line, until the scorer reads them by
/// their declared types.
/// </summary>
internal static class AccountsCsv
{
    public static List<AccountInput> Read(string path, HealthModel model, bool skipBadRows, TextWriter warnings)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found.");
        }

        var file = Path.GetFileName(path);
        var rows = Parse(File.ReadAllText(path), file);
        if (rows.Count == 0)
        {
            throw new CliException($"{file}: the file is empty; expected a header row with account_id and metric ids.");
        }

        var header = rows[0].Fields;
        var idColumn = header.FindIndex(static h => h is "account_id" or "id");
        if (idColumn < 0)
        {
            throw new CliException($"{file} line 1: no 'account_id' column.");
        }

        var metricColumns = new Dictionary<int, Metric>();
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c];
            if (c == idColumn || name is "tenure_days" or "days_to_renewal" or "consents" or "contract_start" or "renewal_date" or "parent_id" || model.Account.TryGetField(name, out _))
            {
                continue;
            }

            if (name.EndsWith(ObservedAtSuffix, StringComparison.Ordinal) && model.TryGetMetric(name[..^ObservedAtSuffix.Length], out _))
            {
                continue;
            }

            if (!model.TryGetMetric(name, out var metric))
            {
                var known = model.Metrics.Select(static m => m.Id).ToList();
                var hint = known.OrderBy(k => Distance(k, name)).First();
                throw new CliException($"{file} line 1: unknown column '{name}'; not a metric of model '{model.Id}' (did you mean '{hint}'?).");
            }

            metricColumns[c] = metric;
        }

        var accounts = new List<AccountInput>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            try
            {
                accounts.Add(ReadRow(row, header, idColumn, metricColumns, model, file));
            }
            catch (CliException e) when (skipBadRows)
            {
                warnings.WriteLine("skipped: " + e.Message);
            }
        }

        return accounts;
    }

    /// <summary>A column <c>&lt;metric&gt;_observed_at</c> holds the date the metric's value was observed (for a metric with a maximum age).</summary>
    public const string ObservedAtSuffix = "_observed_at";

    private static AccountInput ReadRow(CsvRow row, List<string> header, int idColumn, Dictionary<int, Metric> metrics, HealthModel model, string file)
    {
        CheckRow(row, header.Count, file);
        var id = row.Fields[idColumn].Trim();
        if (id.Length == 0)
        {
            throw new CliException($"{file} line {row.Line}: account_id is blank.");
        }

        var values = model.CreateValues();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        double? tenure = null, renewal = null;
        DateTimeOffset? contractStart = null, renewalDate = null;
        IReadOnlyList<string> consents = [];
        string? parentId = null;
        var entered = new Dictionary<string, string>(StringComparer.Ordinal);
        var observed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var c = 0; c < header.Count; c++)
        {
            var text = row.Fields[c].Trim();
            if (c == idColumn || text.Length == 0)
            {
                continue;
            }

            var column = header[c];
            if (metrics.TryGetValue(c, out var metric))
            {
                if (metric.IsCategorical || metric.MaxAgeDays is not null)
                {
                    entered[metric.Id] = text; // a category's id, or a value with an observed date: read with the account
                }
                else
                {
                    values[metric.Index] = Number(text, column, file, row.Line);
                }
            }
            else if (column.EndsWith(ObservedAtSuffix, StringComparison.Ordinal) && model.TryGetMetric(column[..^ObservedAtSuffix.Length], out var dated))
            {
                observed[dated.Id] = Date(text, column, file, row.Line);
            }
            else if (column == "parent_id")
            {
                parentId = text;
            }
            else if (column == "tenure_days")
            {
                tenure = Number(text, column, file, row.Line);
            }
            else if (column == "days_to_renewal")
            {
                renewal = Number(text, column, file, row.Line);
            }
            else if (column is "contract_start" or "renewal_date")
            {
                (column == "contract_start" ? ref contractStart : ref renewalDate) = Date(text, column, file, row.Line);
            }
            else if (column == "consents")
            {
                consents = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            else
            {
                fields[column] = text;
            }
        }

        return new AccountInput
        {
            Id = id, Name = fields.GetValueOrDefault("name"), TenureDays = tenure, DaysToRenewal = renewal, ContractStart = contractStart, RenewalDate = renewalDate,
            Values = values, Fields = fields, Consents = consents, Source = file, Row = row.Line, ParentId = parentId,
            Entered = [.. entered.Select(e => new EnteredValue(e.Key, e.Value, observed.GetValueOrDefault(e.Key)))],
        };
    }

    private static DateTimeOffset Date(string text, string column, string file, int line) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new CliException($"{file} line {line}: column '{column}' has '{text}', not a date.");

    /// <summary>Throws for a row the parser could not read or whose field count differs from the header's.</summary>
    internal static void CheckRow(CsvRow row, int headerCount, string file)
    {
        if (row.Error is not null)
        {
            throw new CliException($"{file} line {row.Line}: {row.Error}");
        }

        if (row.Fields.Count != headerCount)
        {
            throw new CliException($"{file} line {row.Line}: {row.Fields.Count} fields, the header has {headerCount}.");
        }
    }

    internal static double Number(string text, string column, string file, int line)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new CliException($"{file} line {line}: column '{column}' has '{text}', not a number.");
        }

        return value;
    }

    internal sealed record CsvRow(int Line, List<string> Fields, string? Error);

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. Blank lines are ignored.</summary>
    internal static List<CsvRow> Parse(string text, string file)
    {
        _ = file;
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var wasQuoted = false;
        string? error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    break;
                case '"':
                    error ??= "a quote inside an unquoted field.";
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                default:
                    if (wasQuoted)
                    {
                        error ??= "text after a closing quote.";
                    }

                    field.Append(ch);
                    break;
            }
        }

        if (quoted)
        {
            error = "a quoted field is not closed.";
        }

        EndRow();
        return rows;

        void EndRow()
        {
            fields.Add(field.ToString());
            field.Clear();
            wasQuoted = false;
            if (fields.Count > 1 || fields[0].Length > 0 || error is not null)
            {
                rows.Add(new CsvRow(rowLine, [.. fields], error));
            }

            fields.Clear();
            error = null;
        }
    }

    internal static int Distance(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var previous = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var temp = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = temp;
            }
        }

        return d[b.Length];
    }
}
