using System.CommandLine;
using System.Text;
using HealthScore.Cli.Input;
using HealthScore.Cli.Output;
using HealthScore.Cli.Scoring;
using HealthScore.Cli.Store;

namespace HealthScore.Cli;

/// <summary>How CRM exports are read (shared by <c>score</c>, <c>explain</c>, <c>evaluate</c> and <c>tune</c>), and the scoring loop.</summary>
internal static partial class CliApp
{
    /// <summary>The options that say how a file's cells are read: delimiter, missing words, percentages, currency amounts, and whether a metric may lack a column.</summary>
    private sealed class ReadingOptions
    {
        public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "Field delimiter: , ; | or tab. Default: detected from the header row." };

        public Option<string?> MissingValues { get; } = new("--missing-values") { Description = "Words that mean no value, besides a blank cell, separated by commas (e.g. NA,N/A,null); compared ignoring case." };

        public Option<string?> Percent { get; } = new("--percent") { Description = "Read numbers ending in %: 'number' (11% is 11) or 'fraction' (11% is 0.11). Without it such a value is an error." };

        public Option<bool> Currency { get; } = new("--currency") { Description = "Read amounts with a currency sign and thousands separators ($1,159.93 is 1159.93)." };

        public Option<bool> AllowMissingColumns { get; } = new("--allow-missing-columns") { Description = "Score a metric no column matches as missing (with a warning) instead of stopping with an error." };

        public ReadingOptions() => Percent.AcceptOnlyFromAmong("number", "fraction");

        public IEnumerable<Option> All => [Delimiter, MissingValues, Percent, Currency, AllowMissingColumns];

        public CsvReading Reading(ParseResult p) => new()
        {
            Delimiter = CsvFile.ParseDelimiter(p.GetValue(Delimiter)),
            MissingValues = CsvReading.ParseMissingValues(p.GetValue(MissingValues)),
            Percent = p.GetValue(Percent) switch { "number" => PercentReading.Number, "fraction" => PercentReading.Fraction, _ => PercentReading.None },
            Currency = p.GetValue(Currency),
        };
    }

    /// <summary>The options of the files an account's data may come from besides the accounts file.</summary>
    private sealed class SourceFileOptions
    {
        public Option<string?> Inputs { get; } = new("--inputs") { Description = "CSV of values people entered, with dates: account_id, metric, value, observed_at (the latest observed on or before the as-of date counts)." };

        public Option<string?> Overrides { get; } = new("--overrides") { Description = "CSV of overrides people set: account_id, target (score, band or metric), metric, value, author, set_at, valid_until, comment." };

        public IEnumerable<Option> All => [Inputs, Overrides];
    }

    private static SourceOptions Sources(ParseResult p, ReadingOptions reading, SourceFileOptions files, string accounts, string? records, DateTimeOffset? asOf, bool skipBadRows) => new()
    {
        Accounts = accounts, Records = records, AsOf = asOf, SkipBadRows = skipBadRows,
        Inputs = p.GetValue(files.Inputs), Overrides = p.GetValue(files.Overrides),
        Reading = reading.Reading(p), AllowMissingColumns = p.GetValue(reading.AllowMissingColumns),
    };

    /// <summary>
    /// Scores every account of the source into the portfolio, one at a time; with <paramref name="skipBadRows"/> an
    /// account that cannot be scored is skipped with a warning. No account scored is an error (exit code 1).
    /// </summary>
    private static void ScoreAll(AccountSource source, ScoredPortfolio portfolio, StoreRun? store, bool skipBadRows, bool quiet, TextWriter error)
    {
        var total = source.Index.Count;
        var showProgress = ProgressBar.ShouldShow(quiet, ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, total);
        var progress = showProgress ? new ProgressBar(error, total) : null;
        var done = 0;
        foreach (var input in source.Accounts())
        {
            try
            {
                if (store is null)
                {
                    portfolio.Add(source.Scorer.Score(input, source.AsOf), source.Index.Parents.Contains(input.Id));
                }
                else
                {
                    var outcome = store.Score(source.Scorer, input);
                    portfolio.Report?.AddTimeline(outcome, store.LastTimeline);
                    portfolio.Add(outcome, source.Index.Parents.Contains(input.Id));
                }
            }
            catch (CliException e) when (skipBadRows)
            {
                error.WriteLine("skipped: " + e.Message);
            }

            progress?.Report(++done);
        }

        progress?.Finish();
        source.Finish(error);
        if (portfolio.Count == 0)
        {
            throw new CliException(source.Rows == 0
                ? $"{source.File}: no account could be scored; the file has no rows after the header."
                : $"{source.File}: no account could be scored; every row was skipped ({source.Rows}).");
        }
    }

    /// <summary>Writes text output to a file as it is produced.</summary>
    private static void WriteFile(string path, Action<TextWriter> write)
    {
        try
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
            write(writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write ({e.Message}).");
        }
    }
}
