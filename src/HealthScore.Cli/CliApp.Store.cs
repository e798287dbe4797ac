using System.CommandLine;
using System.Globalization;
using HealthScore.Cli.Output;
using HealthScore.Cli.Store;

namespace HealthScore.Cli;

/// <summary>The commands over the history store: <c>history</c>, <c>export</c> and <c>forget</c>, and those that record what people do (<see cref="RecordCommands"/>).</summary>
internal static partial class CliApp
{
    private static Option<string?> StoreOption(string description) => new("--store") { Description = description };

    private static Option<string> RequiredStoreOption() => new("--store") { Description = "History store (SQLite file written by 'score --store').", Required = true };

    private static void AddStoreCommands(RootCommand root, TextWriter output, TextWriter error)
    {
        var store = RequiredStoreOption();
        var account = new Option<string>("--account") { Description = "The account's id.", Required = true };

        var historyFormat = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = static _ => "table" };
        historyFormat.AcceptOnlyFromAmong("table", "json");
        var history = new Command("history", "Print an account's timeline from the store: each snapshot's date, score, band, phase, actions and overrides.") { store, account, historyFormat };
        history.SetAction(p => Guard(error, () =>
        {
            using var file = StoreFile.Open(p.GetValue(store)!, mustExist: true);
            var id = p.GetValue(account)!;
            var stored = file.Read(id);
            if (stored.IsEmpty)
            {
                throw new CliException($"{file.Path} holds nothing about account '{id}'.");
            }

            output.Write(p.GetValue(historyFormat) == "json" ? StoreFormats.Json(stored.Snapshots) : StoreFormats.Timeline(stored, file.Path));
            return ExitCodes.Ok;
        }));
        root.Add(history);

        var exportFormat = new Option<string>("--format") { Description = "csv (one row per snapshot, one column per metric) or json (an array of snapshots).", DefaultValueFactory = static _ => "csv" };
        exportFormat.AcceptOnlyFromAmong("csv", "json");
        var exportOut = new Option<string?>("--out") { Description = "Write to this file instead of the terminal." };
        var exportAccount = new Option<string?>("--account") { Description = "Only this account." };
        var export = new Command("export", "Write the stored snapshots for BI tools, account by account, oldest first.") { store, exportFormat, exportOut, exportAccount };
        export.SetAction(p => Guard(error, () =>
        {
            using var file = StoreFile.Open(p.GetValue(store)!, mustExist: true);
            var json = p.GetValue(exportFormat) == "json";
            var account = p.GetValue(exportAccount);
            if (p.GetValue(exportOut) is { } path)
            {
                using var writer = OpenWriter(path);
                var rows = json ? StoreFormats.JsonExport(file, account, writer) : StoreFormats.CsvExport(file, account, writer);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} snapshots → {path}"));
            }
            else
            {
                _ = json ? StoreFormats.JsonExport(file, account, output) : StoreFormats.CsvExport(file, account, output);
            }

            return ExitCodes.Ok;
        }));
        root.Add(export);

        var forget = new Command("forget", "Erase everything the store holds about an account: snapshots, action records, overrides and manual inputs.") { store, account };
        forget.SetAction(p => Guard(error, () =>
        {
            using var file = StoreFile.Open(p.GetValue(store)!, mustExist: true);
            var id = p.GetValue(account)!;
            var stored = file.Read(id);
            if (!StoreFile.Wait(file.Store.ForgetAsync(id)))
            {
                throw new CliException($"{file.Path} holds nothing about account '{id}'.");
            }

            output.Write(string.Create(CultureInfo.InvariantCulture, $"{id}: erased {Plural(stored.Snapshots.Count, "snapshot")}, {Plural(stored.Actions.Count, "action record")}, {Plural(stored.Overrides.Count, "override")} and {Plural(stored.ManualInputs.Count, "manual input")} from {file.Path}\n"));
            return ExitCodes.Ok;
        }));
        root.Add(forget);

        foreach (var command in RecordCommands(store, account, output, error))
        {
            root.Add(command);
        }
    }

    private static StreamWriter OpenWriter(string path)
    {
        try
        {
            return new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write ({e.Message}).");
        }
    }
}
