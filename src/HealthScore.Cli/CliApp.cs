using System.CommandLine;
using System.Globalization;
using HealthScore.Cli.Input;
using HealthScore.Cli.Output;
using HealthScore.Cli.Sample;
using HealthScore.Cli.Scoring;
using HealthScore.Cli.Store;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;

namespace HealthScore.Cli;

/// <summary>The <c>healthscore</c> commands. Output and errors go to the writers given, so tests run it in-process.</summary>
internal static partial class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine(e.Message);
            }

            error.WriteLine("Run 'healthscore --help' for usage.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("healthscore: score customer accounts with a HealthScore.Core model.");

        var lang = new Option<string>("--lang") { Description = "Sample model language: en or ja.", DefaultValueFactory = static _ => "en" };
        lang.AcceptOnlyFromAmong("en", "ja");
        var top = new Option<int>("--top") { Description = "Rows to print (the report holds every account).", DefaultValueFactory = static _ => 20 };
        var count = new Option<int>("--count") { Description = "Accounts in the synthetic portfolio.", DefaultValueFactory = static _ => SamplePortfolio.DefaultCount };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic portfolio.", DefaultValueFactory = static _ => SamplePortfolio.DefaultSeed };
        var demoReport = new Option<string>("--report") { Description = "HTML report file.", DefaultValueFactory = static _ => "healthscore-report.html" };
        var export = new Option<string?>("--export") { Description = "Also write the synthetic portfolio as accounts.csv and record files to this directory (input for 'score --records')." };
        var demo = new Command("demo", "Score an embedded synthetic portfolio with the sample model; print a table and write an HTML report.") { lang, top, count, seed, demoReport, export };
        demo.SetAction(p => Guard(error, () =>
        {
            var model = HealthModelDocument.Compile(SampleModel(p.GetValue(lang)!));
            var asOf = SamplePortfolio.DefaultAsOf;
            var accounts = SamplePortfolio.Generate(p.GetValue(seed), Math.Max(1, p.GetValue(count)), asOf);
            if (p.GetValue(export) is { } exportDirectory)
            {
                PortfolioExport.Write(accounts, exportDirectory);
            }

            var scorer = new AccountScorer(model, AccountScorer.CreateProviders(model, SamplePortfolio.Features));
            var outcomes = Priority.Order(accounts.Select(a => scorer.Score(a, asOf)));
            PortfolioRollup.Apply(model, outcomes);
            var shown = outcomes.Take(Math.Max(0, p.GetValue(top))).ToList();
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{model.Label} · {accounts.Count} {new ReportTexts(model).Accounts} · {new ReportTexts(model).AsOf} {asOf:yyyy-MM-dd}\n\n"));
            output.Write(Formats.Table(model, shown));
            var path = p.GetValue(demoReport)!;
            File.WriteAllText(path, HtmlReport.Write(model, outcomes, asOf));
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\n{shown.Count}/{outcomes.Count} {new ReportTexts(model).Accounts} · {path}\n"));
            return ExitCodes.Ok;
        }));
        root.Add(demo);

        var modelOption = new Option<string>("--model") { Description = "Model document (JSON).", Required = true };
        var accountsOption = new Option<string>("--accounts") { Description = "Accounts CSV: account_id, then one column per metric id (blank = missing).", Required = true };
        var asOfOption = new Option<DateTimeOffset?>("--as-of") { Description = "As-of date for records, contract dates and action cooldowns (yyyy-MM-dd). Default 2026-11-24, the demo date: the wall clock is never read." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = static _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var outOption = new Option<string?>("--out") { Description = "Write the output to this file instead of the terminal." };
        var reportOption = new Option<string?>("--report") { Description = "Also write an HTML report to this file." };
        var onError = new Option<string>("--on-error") { Description = "A malformed row: fail (exit 1) or skip it with a warning.", DefaultValueFactory = static _ => "fail" };
        onError.AcceptOnlyFromAmong("fail", "skip");
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var recordsOption = new Option<string?>("--records") { Description = "Directory of raw records (events.csv, tickets.csv, surveys.csv, touches.csv, milestones.csv, goals.csv) for the built-in providers." };
        var storeOption = StoreOption("History store (SQLite file, created when missing): each account's stored past gives the trend, history windows, cooldowns, de-duplication, consecutive matches, overrides and manual inputs, and the run appends its snapshots and action records.");
        var retentionOption = new Option<int?>("--retention-days") { Description = "With --store: after the run, drop snapshots dated more than N days before the as-of date (open actions stay)." };
        var score = new Command("score", "Score every account in a CSV.") { modelOption, accountsOption, recordsOption, asOfOption, format, outOption, reportOption, onError, quiet, storeOption, retentionOption };
        score.SetAction(p => Guard(error, () =>
        {
            var model = LoadModel(p.GetValue(modelOption)!);
            var skipBadRows = p.GetValue(onError) == "skip";
            var (accounts, scorer, asOf) = LoadAccounts(model, p.GetValue(accountsOption)!, p.GetValue(recordsOption), p.GetValue(asOfOption), skipBadRows, error);
            using var store = StoreRun.Open(p.GetValue(storeOption), p.GetValue(retentionOption), asOf, p.GetValue(reportOption) is not null);
            var showProgress = ProgressBar.ShouldShow(p.GetValue(quiet), ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected, accounts.Count);
            var progress = showProgress ? new ProgressBar(error, accounts.Count) : null;
            var scored = new List<AccountOutcome>(accounts.Count);
            for (var i = 0; i < accounts.Count; i++)
            {
                try
                {
                    scored.Add(store is null ? scorer.Score(accounts[i], asOf) : store.Score(scorer, accounts[i]));
                }
                catch (CliException e) when (skipBadRows)
                {
                    error.WriteLine("skipped: " + e.Message);
                }

                progress?.Report(i + 1);
            }

            progress?.Finish();
            store?.Finish(p.GetValue(retentionOption), error);

            var outcomes = Priority.Order(scored);
            PortfolioRollup.Apply(model, outcomes);
            var text = p.GetValue(format) switch
            {
                "json" => CliJsonContext.Serialize(outcomes),
                "csv" => Formats.Csv(outcomes),
                _ => Formats.Table(model, outcomes),
            };
            if (p.GetValue(outOption) is { } outPath)
            {
                WriteFile(outPath, text);
            }
            else
            {
                output.Write(text);
            }

            if (p.GetValue(reportOption) is { } report)
            {
                WriteFile(report, HtmlReport.Write(model, outcomes, asOf, store?.Timelines));
            }

            return ExitCodes.Ok;
        }));
        root.Add(score);

        var accountOption = new Option<string>("--account") { Description = "The account_id to explain.", Required = true };
        var explain = new Command("explain", "Explain one account: score, groups, every metric's points, trend, actions and why.") { modelOption, accountsOption, recordsOption, accountOption, asOfOption };
        explain.SetAction(p => Guard(error, () =>
        {
            var model = LoadModel(p.GetValue(modelOption)!);
            var (accounts, scorer, asOf) = LoadAccounts(model, p.GetValue(accountsOption)!, p.GetValue(recordsOption), p.GetValue(asOfOption), false, error);
            var id = p.GetValue(accountOption)!;
            var account = accounts.Find(a => a.Id == id) ?? throw new CliException($"No account '{id}' in {Path.GetFileName(p.GetValue(accountsOption))}.");
            output.Write(Formats.Explain(model, scorer.Score(account, asOf)));
            return ExitCodes.Ok;
        }));
        root.Add(explain);

        var validate = new Command("validate", "Check a model document; print every error with its path, line and column.") { modelOption };
        validate.SetAction(p => Guard(error, () =>
        {
            var path = p.GetValue(modelOption)!;
            if (!File.Exists(path))
            {
                throw new CliException($"{path}: file not found.");
            }

            try
            {
                var model = HealthModelDocument.CompileFile(path);
                output.Write(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: valid · {model.Id} {model.Version} · {model.Metrics.Count} metrics, {model.Phases.Count} phases, {model.Actions.Rules.Count} actions\n"));
                return ExitCodes.Ok;
            }
            catch (HealthModelException e)
            {
                output.Write(ErrorList(Path.GetFileName(path), e));
                return ExitCodes.InvalidInput;
            }
        }));
        root.Add(validate);

        var migrate = new Command("migrate", "Write a model document in the current format (format 1's report headings become texts); the model and its hash stay the same.") { modelOption, outOption };
        migrate.SetAction(p => Guard(error, () =>
        {
            var path = p.GetValue(modelOption)!;
            if (!File.Exists(path))
            {
                throw new CliException($"{path}: file not found.");
            }

            string upgraded;
            try
            {
                upgraded = HealthModelDocument.Upgrade(File.ReadAllText(path));
                HealthModelDocument.Compile(upgraded);
            }
            catch (HealthModelException e)
            {
                output.Write(ErrorList(Path.GetFileName(path), e));
                return ExitCodes.InvalidInput;
            }

            if (p.GetValue(outOption) is { } outPath)
            {
                WriteFile(outPath, upgraded + "\n");
                output.Write(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} → {outPath}: format {HealthModelDocument.CurrentFormatVersion}\n"));
            }
            else
            {
                output.Write(upgraded + "\n");
            }

            return ExitCodes.Ok;
        }));
        root.Add(migrate);
        root.Add(EvaluateCommand(modelOption, reportOption, output, error));
        root.Add(TuneCommand(modelOption, output, error));
        AddStoreCommands(root, output, error);
        return root;
    }

    /// <summary>
    /// Accounts from the CSV; with a records directory, their records too. The as-of date, when not given, is the
    /// end of the day of the latest record (with records) or 2026-11-24 (metric values only: the date then anchors
    /// the contract dates and cooldowns and labels the report). The wall clock is never read, so the same input gives the same output.
    /// </summary>
    private static (List<AccountInput> Accounts, AccountScorer Scorer, DateTimeOffset AsOf) LoadAccounts(
        HealthModel model, string accountsPath, string? recordsPath, DateTimeOffset? asOfGiven, bool skipBadRows, TextWriter error)
    {
        var accounts = AccountsCsv.Read(accountsPath, model, skipBadRows, error);
        if (recordsPath is null)
        {
            return (accounts, new AccountScorer(model, null), asOfGiven ?? SamplePortfolio.DefaultAsOf);
        }

        var records = RecordsDirectory.Read(recordsPath);
        var asOf = asOfGiven ?? (records.Latest is { } latest ? new DateTimeOffset(latest.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) : SamplePortfolio.DefaultAsOf);
        var withRecords = new List<AccountInput>(accounts.Count);
        foreach (var input in accounts)
        {
            var account = new Account
            {
                Id = input.Id, Name = input.Name, ContractStart = input.ContractStart, RenewalDate = input.RenewalDate,
                LicensedSeats = input.Fields.TryGetValue("seats", out var seats) && int.TryParse(seats, CultureInfo.InvariantCulture, out var n) ? n : null,
                Consents = input.Consents,
            };
            withRecords.Add(input with { Records = records.For(account) });
        }

        return (withRecords, new AccountScorer(model, AccountScorer.CreateProviders(model, records.Features)), asOf);
    }

    private static HealthModel LoadModel(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found.");
        }

        try
        {
            return HealthModelDocument.CompileFile(path);
        }
        catch (HealthModelException e)
        {
            throw new CliException(ErrorList(Path.GetFileName(path), e).TrimEnd() + "\nRun 'healthscore validate' for details.");
        }
    }

    private static string ErrorList(string file, HealthModelException e)
    {
        var lines = new System.Text.StringBuilder();
        lines.Append(string.Create(CultureInfo.InvariantCulture, $"{file}: {e.Errors.Count} error(s)\n"));
        foreach (var error in e.Errors)
        {
            var where = error.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"({line},{error.Column ?? 0})") : "";
            var inner = error.ExpressionLine is { } expressionLine
                ? string.Create(CultureInfo.InvariantCulture, $" ({(error.Kind == ModelErrorKind.Template ? "template" : "rule")} line {expressionLine}, column {error.ExpressionColumn})")
                : "";
            lines.Append(string.Create(CultureInfo.InvariantCulture, $"  {file}{where}: {error.Path}{inner}: {error.Message}\n"));
        }

        return lines.ToString();
    }

    private static void WriteFile(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write ({e.Message}).");
        }
    }

    internal static string SampleModel(string lang)
    {
        using var stream = typeof(CliApp).Assembly.GetManifestResourceStream($"HealthScore.Cli.saas.{lang}.json")
            ?? throw new CliException($"No embedded sample model for '{lang}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliException e)
        {
            error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("error: " + e.Message);
            return ExitCodes.InvalidInput;
        }
    }
}
