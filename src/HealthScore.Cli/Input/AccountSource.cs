using System.Globalization;
using HealthScore.Cli.Sample;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using AccountInput = HealthScore.Cli.Scoring.AccountInput;

namespace HealthScore.Cli.Input;

/// <summary>The files one scoring run reads, and how it reads them.</summary>
internal sealed record SourceOptions
{
    public required string Accounts { get; init; }

    /// <summary>Gets the directory of record files, or <see langword="null"/> when the accounts file holds metric values.</summary>
    public string? Records { get; init; }

    /// <summary>Gets the file of dated inputs people entered (account_id, metric, value, observed_at), or <see langword="null"/>.</summary>
    public string? Inputs { get; init; }

    /// <summary>Gets the file of overrides people set, or <see langword="null"/>.</summary>
    public string? Overrides { get; init; }

    public DateTimeOffset? AsOf { get; init; }

    public CsvReading Reading { get; init; } = CsvReading.Default;

    public bool SkipBadRows { get; init; }

    /// <summary>Gets whether a metric no file gives is scored as missing (with a warning) rather than an error.</summary>
    public bool AllowMissingColumns { get; init; }
}

/// <summary>
/// The accounts of one run, one at a time, each with its records, the dated inputs people entered and the overrides
/// they set: the accounts file is read a row at a time, and the record and input files in step with it, so only one
/// account's data is in memory at once (and the overrides, which are few). Also fixes the as-of date and the scorer.
/// </summary>
internal sealed class AccountSource : IDisposable
{
    private readonly AccountsCsv _accounts;
    private readonly RecordsDirectory? _records;
    private readonly RecordFile? _inputs;
    private readonly RecordLists _inputLists = new();
    private readonly Dictionary<string, List<HealthOverride>> _overrides;

    private AccountSource(AccountsCsv accounts, RecordsDirectory? records, RecordFile? inputs, Dictionary<string, List<HealthOverride>> overrides, DateTimeOffset asOf, AccountScorer scorer)
    {
        _accounts = accounts;
        _records = records;
        _inputs = inputs;
        _overrides = overrides;
        AsOf = asOf;
        Scorer = scorer;
    }

    /// <summary>
    /// Gets the as-of date: the one given, else the day after the latest record (with records), else 2026-11-24 (the
    /// demo's date; with metric values only it anchors contract dates and cooldowns and labels the report). The wall
    /// clock is never read, so the same input gives the same output.
    /// </summary>
    public DateTimeOffset AsOf { get; }

    public AccountScorer Scorer { get; }

    /// <summary>Gets the account ids read once up front: how many accounts there are, and which are parents.</summary>
    public AccountIndex Index => _accounts.Index;

    /// <summary>Gets how many rows of the accounts file were read so far, skipped ones included.</summary>
    public int Rows => _accounts.Rows;

    /// <summary>Gets the accounts file's name.</summary>
    public string File => _accounts.File;

    /// <summary>Opens every file and checks that each of the model's metrics has a source.</summary>
    public static AccountSource Open(HealthModel model, SourceOptions options, TextWriter warnings)
    {
        foreach (var file in (string?[])[options.Inputs, options.Overrides])
        {
            if (file is not null && !System.IO.File.Exists(file))
            {
                throw new CliException($"{file}: file not found.");
            }
        }

        if (options.Records is { } directory && !Directory.Exists(directory))
        {
            throw new CliException($"{directory}: directory not found.");
        }

        var accounts = AccountsCsv.Open(options.Accounts, model, options.Reading, options.SkipBadRows, warnings);
        RecordsDirectory? records = null;
        RecordFile? inputs = null;
        try
        {
            CheckColumns(model, options, accounts, warnings);
            var overrides = options.Overrides is { } overridesPath
                ? OverridesCsv.Read(overridesPath, model, options.Reading, accounts.Index, warnings)
                : [];
            if (options.Inputs is { } inputsPath)
            {
                inputs = RecordFile.Open(inputsPath, options.Reading, accounts.Index, accounts.File, inputs: true);
            }

            if (options.Records is not { } recordsPath)
            {
                return new AccountSource(accounts, null, inputs, overrides, options.AsOf ?? SamplePortfolio.DefaultAsOf, new AccountScorer(model, null));
            }

            records = RecordsDirectory.Open(recordsPath, options.Reading, accounts.Index, accounts.File, findLatest: options.AsOf is null);
            var asOf = options.AsOf ?? (records.Latest is { } latest ? new DateTimeOffset(latest.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) : SamplePortfolio.DefaultAsOf);
            return new AccountSource(accounts, records, inputs, overrides, asOf, new AccountScorer(model, AccountScorer.CreateProviders(model, records.Features)));
        }
        catch
        {
            accounts.Dispose();
            records?.Dispose();
            inputs?.Dispose();
            throw;
        }
    }

    /// <summary>The accounts in file order, each with its data. Score each before asking for the next: its records' arrays are reused.</summary>
    public IEnumerable<AccountInput> Accounts()
    {
        foreach (var input in _accounts.Read())
        {
            var entered = input.Entered;
            if (_inputs is not null)
            {
                _inputLists.Clear();
                _inputs.Collect(input.Id, input.Ordinal, _inputLists);
                if (_inputLists.Inputs.Count > 0)
                {
                    entered = [.. entered, .. _inputLists.Inputs.Memory.ToArray()];
                }
            }

            AccountRecords? records = null;
            if (_records is not null)
            {
                var account = new Account
                {
                    Id = input.Id, Name = input.Name, ContractStart = input.ContractStart, RenewalDate = input.RenewalDate,
                    LicensedSeats = input.Fields.TryGetValue("seats", out var seats) && double.TryParse(seats, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= int.MaxValue ? (int)n : null,
                    Consents = input.Consents,
                };
                records = _records.For(account, input.Ordinal);
            }

            yield return input with
            {
                Entered = entered,
                Overrides = _overrides.TryGetValue(input.Id, out var overrides) ? overrides : [],
                Records = records,
            };
        }
    }

    /// <summary>Reads what is left of the record and input files, reporting rows for accounts the accounts file does not have.</summary>
    public void Finish(TextWriter warnings)
    {
        _records?.Finish(warnings);
        if (_inputs is not null)
        {
            _inputs.Collect(null, int.MaxValue, _inputLists);
            if (_inputs.UnknownRows > 0)
            {
                warnings.WriteLine($"warning: {_inputs.Name}: {_inputs.UnknownRows} row(s) name accounts that are not in {_accounts.File} (the first on line {_inputs.FirstUnknownLine}: '{_inputs.FirstUnknownId}'); they were not used.");
            }
        }
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _records?.Dispose();
        _inputs?.Dispose();
    }

    /// <summary>
    /// Every metric needs a source: a column of the accounts file, the built-in providers (with records), or the inputs
    /// file (for the metrics people enter: categorical or expiring ones). One without is an error unless missing columns are allowed.
    /// </summary>
    private static void CheckColumns(HealthModel model, SourceOptions options, AccountsCsv accounts, TextWriter warnings)
    {
        var produced = options.Records is null
            ? []
            : AccountScorer.BuiltInProviders(model, ["any"]).SelectMany(static p => p.Metrics).Select(static m => m.Id).ToHashSet(StringComparer.Ordinal);
        var missing = accounts.Layout.MissingMetrics(model)
            .Where(m => !produced.Contains(m.Id) && !(options.Inputs is not null && (m.IsCategorical || m.MaxAgeDays is not null)))
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var list = string.Join(", ", missing.Select(static m => "'" + m.Id + "'"));
        if (!options.AllowMissingColumns)
        {
            throw new CliException($"{accounts.File} line 1: no column for {missing.Count} metric(s) of model '{model.Id}': {list}. "
                + "Name a column after each metric (its id or label)"
                + (options.Records is null ? ", score from records with --records" : "")
                + (missing.Any(static m => m.IsCategorical || m.MaxAgeDays is not null) && options.Inputs is null ? ", give entered values with --inputs" : "")
                + ", or pass --allow-missing-columns to score them as missing.");
        }

        warnings.WriteLine($"warning: {accounts.File} has no column for metric(s) {list} of model '{model.Id}'; their values are all missing.");
    }
}
