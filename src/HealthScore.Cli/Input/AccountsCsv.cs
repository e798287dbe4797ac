using System.Globalization;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Cli.Input;

/// <summary>
/// Reads accounts a row at a time: a header row, then one row per account. Columns: <c>account_id</c> (or <c>id</c>;
/// required), optional <c>tenure_days</c>, <c>days_to_renewal</c> (or <c>contract_start</c>, <c>renewal_date</c> as
/// dates), <c>consents</c> (names separated by <c>;</c>), any account field the model declares (e.g. <c>name</c>,
/// <c>seats</c>), <c>parent_id</c>, and one column per metric (blank or a missing word = missing; a categorical
/// metric's value is its category's id or label), with <c>&lt;metric&gt;_observed_at</c> for when an expiring value was
/// observed. Headers match loosely (case, spaces, <c>_</c> and <c>-</c> are ignored; a metric's label matches it too).
/// Any other column is ignored, and listed once. Account field values stay text, with their file and line, until the
/// scorer reads them by their declared types.
/// </summary>
internal sealed class AccountsCsv : IDisposable
{
    /// <summary>A column <c>&lt;metric&gt;_observed_at</c> holds the date the metric's value was observed (for a metric with a maximum age).</summary>
    public const string ObservedAtSuffix = "_observed_at";

    private readonly CsvFile _csv;
    private readonly HealthModel _model;
    private readonly CsvReading _reading;
    private readonly AccountIndex _index;
    private readonly bool _skipBadRows;
    private readonly TextWriter _warnings;

    private AccountsCsv(CsvFile csv, HealthModel model, CsvReading reading, AccountsLayout layout, AccountIndex index, bool skipBadRows, TextWriter warnings)
    {
        _csv = csv;
        _model = model;
        _reading = reading;
        Layout = layout;
        _index = index;
        _skipBadRows = skipBadRows;
        _warnings = warnings;
    }

    /// <summary>Gets which column holds what.</summary>
    public AccountsLayout Layout { get; }

    /// <summary>Gets the file's name, as messages show it.</summary>
    public string File => _csv.Name;

    /// <summary>
    /// Opens the file: reads its header, lists the columns it ignores on <paramref name="warnings"/>, and reads the
    /// account ids once (<see cref="AccountIndex"/>): a duplicate id is an error naming both lines (with
    /// <paramref name="skipBadRows"/>, a warning, and the later row is skipped).
    /// </summary>
    public static AccountsCsv Open(string path, HealthModel model, CsvReading reading, bool skipBadRows, TextWriter warnings)
    {
        var csv = CsvFile.Open(path, reading.Delimiter);
        try
        {
            var layout = AccountsLayout.Of(csv, model);
            if (layout.Ignored.Count > 0)
            {
                warnings.WriteLine($"{csv.Name}: ignored columns: {string.Join(", ", layout.Ignored)}");
            }

            var index = AccountIndex.Read(path, reading, layout, skipBadRows, warnings);
            return new AccountsCsv(csv, model, reading, layout, index, skipBadRows, warnings);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>Gets how many rows were read so far, skipped ones included.</summary>
    public int Rows { get; private set; }

    /// <summary>Gets the account ids, their order and the parents named, from the first read.</summary>
    public AccountIndex Index => _index;

    /// <summary>The accounts, one row at a time; a malformed row is a <see cref="CliException"/>, or with skipping a warning.</summary>
    public IEnumerable<AccountInput> Read()
    {
        while (_csv.Read())
        {
            Rows++;
            AccountInput? input = null;
            try
            {
                input = ReadRow();
            }
            catch (CliException e) when (_skipBadRows)
            {
                _warnings.WriteLine("skipped: " + e.Message);
            }

            if (input is not null)
            {
                yield return input;
            }
        }
    }

    public void Dispose() => _csv.Dispose();

    /// <summary>The row as an account; <see langword="null"/> for the later row of a duplicate id (already reported).</summary>
    private AccountInput? ReadRow()
    {
        var file = _csv.Name;
        var line = _csv.Line;
        if (_csv.Problem() is { } problem)
        {
            throw new CliException($"{file} line {line}: {problem}");
        }

        var layout = Layout;
        if (!_index.TryGet(_csv[layout.Id], out var id, out var ordinal, out var firstLine))
        {
            throw new CliException($"{file} line {line}: account_id is blank.");
        }

        if (firstLine != line)
        {
            return null;
        }

        var values = _model.CreateValues();
        foreach (var (column, metric) in layout.Metrics)
        {
            if (!metric.IsCategorical && metric.MaxAgeDays is null && !_reading.IsMissing(_csv[column]))
            {
                values[metric.Index] = _reading.Number(_csv[column], _csv.Header[column], file, line);
            }
        }

        var entered = new List<EnteredValue>();
        foreach (var (column, metric) in layout.Metrics)
        {
            if ((metric.IsCategorical || metric.MaxAgeDays is not null) && _reading.Text(_csv, column) is { } text)
            {
                // A category, or a value with an observed date: read with the account, when the scorer knows the as-of date.
                var observed = layout.ObservedAt.FirstOrDefault(o => ReferenceEquals(o.Metric, metric));
                var at = observed.Metric is not null && !_reading.IsMissing(_csv[observed.Column])
                    ? CsvReading.Date(_csv[observed.Column], _csv.Header[observed.Column], file, line)
                    : default;
                entered.Add(new EnteredValue(metric.Id, NumberText(metric, text, _csv.Header[column], file, line), at));
            }
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, field) in layout.Fields)
        {
            if (_reading.Text(_csv, column) is { } text)
            {
                fields[field.Name] = field.Type == AccountFieldType.Number && _reading.TryNumber(text, out var number, out _)
                    ? number.ToString("R", CultureInfo.InvariantCulture)
                    : text;
            }
        }

        return new AccountInput
        {
            Id = id,
            Ordinal = ordinal,
            Name = fields.GetValueOrDefault("name") ?? _reading.Text(_csv, layout.Name),
            TenureDays = OptionalNumber(layout.Tenure),
            DaysToRenewal = OptionalNumber(layout.Renewal),
            ContractStart = OptionalDate(layout.ContractStart),
            RenewalDate = OptionalDate(layout.RenewalDate),
            Consents = _reading.Text(_csv, layout.Consents) is { } consents ? consents.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            ParentId = _reading.Text(_csv, layout.Parent),
            Values = values, Fields = fields, Source = file, Row = line, Entered = entered,
        };

        double? OptionalNumber(int column) =>
            column < 0 || _reading.IsMissing(_csv[column]) ? null : _reading.Number(_csv[column], _csv.Header[column], file, line);

        DateTimeOffset? OptionalDate(int column) =>
            column < 0 || _reading.IsMissing(_csv[column]) ? null : CsvReading.Date(_csv[column], _csv.Header[column], file, line);
    }

    /// <summary>An entered value as the scorer reads it: a category's id (from its id or label), else the number written with the reading in force.</summary>
    private string NumberText(Metric metric, string text, string column, string file, int line)
    {
        if (metric.IsCategorical)
        {
            return Categories.Find(metric, text)?.Id ?? throw Categories.Unknown(metric, text, column, file, line);
        }

        return _reading.Number(text, column, file, line).ToString("R", CultureInfo.InvariantCulture);
    }
}

/// <summary>A categorical metric's categories, found by id or label as a CRM writes them.</summary>
internal static class Categories
{
    /// <summary>The category whose id or label is <paramref name="text"/> (ignoring case), or <see langword="null"/>.</summary>
    public static MetricCategoryInfo? Find(Metric metric, ReadOnlySpan<char> text)
    {
        foreach (var category in metric.Categories)
        {
            if (text.Equals(category.Id, StringComparison.Ordinal))
            {
                return category;
            }
        }

        foreach (var category in metric.Categories)
        {
            if (text.Equals(category.Id, StringComparison.OrdinalIgnoreCase) || text.Equals(category.Label, StringComparison.OrdinalIgnoreCase))
            {
                return category;
            }
        }

        return null;
    }

    /// <summary>The error for a value that is none of a categorical metric's categories.</summary>
    public static CliException Unknown(Metric metric, ReadOnlySpan<char> text, string column, string file, int line) =>
        new($"{file} line {line}: column '{column}' has '{text}', not a category of '{metric.Id}' (expected {string.Join(", ", metric.Categories.Select(static c => c.Id == c.Label ? c.Id : $"{c.Id} or {c.Label}"))}).");
}
