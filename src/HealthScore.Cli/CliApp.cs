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
        var sample = new Option<string>("--sample") { Description = "Sample: saas (a B2B SaaS portfolio) or members (the members of a community and fitness service).", DefaultValueFactory = static _ => "saas" };
        sample.AcceptOnlyFromAmong("saas", "members");
        var top = new Option<int>("--top") { Description = "Rows to print (the report holds every account).", DefaultValueFactory = static _ => 20 };
        var count = new Option<int>("--count") { Description = "Accounts in the synthetic portfolio (1 or more).", DefaultValueFactory = static _ => SamplePortfolio.DefaultCount };
        count.Validators.Add(static r => Check(r, r.GetValueOrDefault<int>() >= 1, "--count must be 1 or more."));
        top.Validators.Add(static r => Check(r, r.GetValueOrDefault<int>() >= 0, "--top must be 0 or more."));
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic portfolio.", DefaultValueFactory = static _ => SamplePortfolio.DefaultSeed };
        var demoReport = new Option<string>("--report") { Description = "HTML report file.", DefaultValueFactory = static _ => "healthscore-report.html" };
        var export = new Option<string?>("--export") { Description = "Also write the synthetic portfolio to this directory as the files 'score' reads: accounts.csv, record files, inputs.csv and overrides.csv." };
        var demo = new Command("demo", "Score an embedded synthetic portfolio with the sample model; print a table and write an HTML report.") { lang, sample, top, count, seed, demoReport, export };
        demo.SetAction(p => Guard(error, () =>
        {
            var members = p.GetValue(sample) == "members";
            var model = HealthModelDocument.Compile(SampleModel(p.GetValue(sample)!, p.GetValue(lang)!));
            var asOf = SamplePortfolio.DefaultAsOf;
            var total = p.GetValue(count);
            var scorer = new AccountScorer(model, AccountScorer.CreateProviders(model, members ? MemberPortfolio.Features : SamplePortfolio.Features));
            using var portfolio = new ScoredPortfolio(model, "table", new ReportData(model, asOf), p.GetValue(count));
            using (var exported = p.GetValue(export) is { } exportDirectory
                ? members ? new PortfolioExport(exportDirectory, MemberPortfolio.Features, MemberPortfolio.Fields) : new PortfolioExport(exportDirectory, SamplePortfolio.Features, SamplePortfolio.Fields)
                : null)
            {
                var accounts = members ? MemberPortfolio.Stream(p.GetValue(seed), total, asOf) : SamplePortfolio.Stream(p.GetValue(seed), total, asOf);
                foreach (var account in accounts)
                {
                    exported?.Add(account);
                    portfolio.Add(scorer.Score(account, asOf), !members && SamplePortfolio.IsParent(account.Ordinal, total));
                }
            }

            portfolio.Finish();
            var texts = new ReportTexts(model);
            var shown = Math.Min(total, p.GetValue(top));
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{model.Label} · {total} {texts.Accounts} · {texts.AsOf} {asOf:yyyy-MM-dd}\n\n"));
            portfolio.WriteTo(output, shown);
            var path = p.GetValue(demoReport)!;
            WriteFile(path, HtmlReport.Write(portfolio.Report!));
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\n{shown}/{total} {texts.Accounts} · {path}\n"));
            return ExitCodes.Ok;
        }));
        root.Add(demo);

        var modelOption = new Option<string>("--model") { Description = "Model document (JSON).", Required = true };
        var accountsOption = new Option<string>("--accounts") { Description = "Accounts CSV: account_id, then one column per metric (its id or label; blank = missing), account fields and contract dates.", Required = true };
        var asOfOption = new Option<DateTimeOffset?>("--as-of") { Description = "As-of date for records, contract dates and action cooldowns (yyyy-MM-dd). Default: with --records, the day after the latest record; otherwise 2026-11-24, the demo's date. The wall clock is never read." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = static _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var outOption = new Option<string?>("--out") { Description = "Write the output to this file instead of the terminal." };
        var reportOption = new Option<string?>("--report") { Description = "Also write an HTML report to this file." };
        var onError = new Option<string>("--on-error") { Description = "A malformed row: fail (exit 1) or skip it with a warning.", DefaultValueFactory = static _ => "fail" };
        onError.AcceptOnlyFromAmong("fail", "skip");
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var recordsOption = new Option<string?>("--records") { Description = "Directory of raw records (events.csv, tickets.csv, surveys.csv, touches.csv, milestones.csv, goals.csv) for the built-in providers; each file lists an account's rows together, in the order of the accounts file." };
        var reading = new ReadingOptions();
        var files = new SourceFileOptions();
        var storeOption = StoreOption("History store (SQLite file, created when missing): each account's stored past gives the trend, history windows, cooldowns, de-duplication, consecutive matches, overrides and manual inputs, and the run appends its snapshots and action records.");
        var retentionOption = new Option<int?>("--retention-days") { Description = "With --store: after the run, drop snapshots dated more than N days before the as-of date (open actions stay)." };
        var score = new Command("score", "Score every account in a CSV.") { modelOption, accountsOption, recordsOption, asOfOption, format, outOption, reportOption, onError, quiet, storeOption, retentionOption };
        foreach (var option in reading.All.Concat(files.All))
        {
            score.Add(option);
        }

        score.SetAction(p => Guard(error, () =>
        {
            var model = LoadModel(p.GetValue(modelOption)!);
            var skipBadRows = p.GetValue(onError) == "skip";
            using var source = AccountSource.Open(model, Sources(p, reading, files, p.GetValue(accountsOption)!, p.GetValue(recordsOption), p.GetValue(asOfOption), skipBadRows), error);
            var report = p.GetValue(reportOption);
            using var portfolio = new ScoredPortfolio(model, p.GetValue(format)!, report is null ? null : new ReportData(model, source.AsOf), source.Index.Count);
            using var store = StoreRun.Open(p.GetValue(storeOption), p.GetValue(retentionOption), source.AsOf, report is not null);
            ScoreAll(source, portfolio, store, skipBadRows, p.GetValue(quiet), error);
            store?.Finish(p.GetValue(retentionOption), error);
            portfolio.Finish();
            if (p.GetValue(outOption) is { } outPath)
            {
                WriteFile(outPath, writer => portfolio.WriteTo(writer));
            }
            else
            {
                portfolio.WriteTo(output);
            }

            if (report is not null)
            {
                WriteFile(report, HtmlReport.Write(portfolio.Report!));
            }

            return ExitCodes.Ok;
        }));
        root.Add(score);

        var accountOption = new Option<string>("--account") { Description = "The account_id to explain.", Required = true };
        var explain = new Command("explain", "Explain one account: score, groups, every metric's points, trend, actions and why.") { modelOption, accountsOption, recordsOption, accountOption, asOfOption };
        foreach (var option in reading.All.Concat(files.All))
        {
            explain.Add(option);
        }

        explain.SetAction(p => Guard(error, () =>
        {
            var model = LoadModel(p.GetValue(modelOption)!);
            using var source = AccountSource.Open(model, Sources(p, reading, files, p.GetValue(accountsOption)!, p.GetValue(recordsOption), p.GetValue(asOfOption), false), error);
            var id = p.GetValue(accountOption)!;
            var account = source.Accounts().FirstOrDefault(a => a.Id == id) ?? throw new CliException($"No account '{id}' in {source.File}.");
            output.Write(Formats.Explain(model, source.Scorer.Score(account, source.AsOf)));
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

    internal static string SampleModel(string lang) => SampleModel("saas", lang);

    /// <summary>An embedded sample model document: <paramref name="sample"/> is <c>saas</c> or <c>members</c>, <paramref name="lang"/> <c>en</c> or <c>ja</c>.</summary>
    internal static string SampleModel(string sample, string lang)
    {
        using var stream = typeof(CliApp).Assembly.GetManifestResourceStream($"HealthScore.Cli.{sample}.{lang}.json")
            ?? throw new CliException($"No embedded sample model '{sample}' for '{lang}'.");
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
