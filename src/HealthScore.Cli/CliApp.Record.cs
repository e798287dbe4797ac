using System.CommandLine;
using System.Globalization;
using HealthScore.Cli.Output;
using HealthScore.Cli.Store;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;

namespace HealthScore.Cli;

/// <summary>
/// What people do, recorded in the store for the next <c>score --store</c>: <c>override</c> (set or clear a score, band
/// or metric override), <c>input</c> (a dated manual input) and <c>close</c> (an action dealt with).
/// </summary>
internal static partial class CliApp
{
    private static IEnumerable<Command> RecordCommands(Option<string> store, Option<string> account, TextWriter output, TextWriter error)
    {
        var author = new Option<string>("--author") { Description = "Who sets it." };
        var comment = new Option<string?>("--comment") { Description = "Why." };
        var setAt = new Option<DateTimeOffset?>("--set-at") { Description = "When it was set (yyyy-MM-dd); it applies from that day." };
        var validUntil = new Option<DateTimeOffset?>("--valid-until") { Description = "Its last valid day (yyyy-MM-dd); none for no end of its own." };
        var scoreValue = new Option<double?>("--score") { Description = "Override the score with this value (on the model's scale)." };
        var band = new Option<string?>("--band") { Description = "Override the band with this band id." };
        var metric = new Option<string?>("--metric") { Description = "The metric id (with --value)." };
        var value = new Option<string?>("--value") { Description = "A metric's value: a number, or for 'input' a categorical metric's category id." };
        var clear = new Option<bool>("--clear") { Description = "Remove every override of the account." };
        var setOverride = new Command("override", "Set an override of an account's score, band or a metric's numeric value in the store (added to those it has), or --clear them.")
        {
            store, account, scoreValue, band, metric, value, author, comment, setAt, validUntil, clear,
        };
        setOverride.SetAction(p => Guard(error, () =>
        {
            using var file = StoreFile.Open(p.GetValue(store)!);
            var id = p.GetValue(account)!;
            if (p.GetValue(clear))
            {
                StoreFile.Wait(file.Store.SetOverridesAsync(id, []));
                output.Write($"{id}: overrides cleared in {file.Path}\n");
                return ExitCodes.Ok;
            }

            var who = p.GetValue(author) is { Length: > 0 } a ? a : throw new CliException("override: --author is required: who sets it.", ExitCodes.Usage);
            var when = p.GetValue(setAt) ?? throw new CliException("override: --set-at is required: the day it applies from (the wall clock is never read).", ExitCodes.Usage);
            var targets = (p.GetValue(scoreValue) is null ? 0 : 1) + (p.GetValue(band) is null ? 0 : 1) + (p.GetValue(metric) is null ? 0 : 1);
            if (targets != 1)
            {
                throw new CliException("override: give one of --score N, --band ID or --metric ID --value N (or --clear).", ExitCodes.Usage);
            }

            var item = p.GetValue(scoreValue) is { } s ? HealthOverride.ForScore(s, who, when, p.GetValue(validUntil), p.GetValue(comment))
                : p.GetValue(band) is { } b ? HealthOverride.ForBand(b, who, when, p.GetValue(validUntil), p.GetValue(comment))
                : HealthOverride.ForMetric(p.GetValue(metric)!, Number(p.GetValue(value), "--value"), who, when, p.GetValue(validUntil), p.GetValue(comment));
            var current = file.Read(id).Overrides;
            try
            {
                StoreFile.Wait(file.Store.SetOverridesAsync(id, [.. current, item]));
            }
            catch (ArgumentException e)
            {
                throw new CliException("override: " + e.Message.Replace(" (Parameter 'accountOverrides')", "", StringComparison.Ordinal), ExitCodes.Usage);
            }

            output.Write(string.Create(CultureInfo.InvariantCulture, $"{id}: {StoreFormats.Override(item)} · {Plural(current.Count + 1, "override")} in {file.Path}\n"));
            return ExitCodes.Ok;
        }));
        yield return setOverride;

        var observedAt = new Option<DateTimeOffset?>("--observed-at") { Description = "When the value was observed (yyyy-MM-dd); a metric with a maximum age expires it from then.", Required = true };
        var inputMetric = new Option<string>("--metric") { Description = "The metric id.", Required = true };
        var inputValue = new Option<string>("--value") { Description = "A number, or a categorical metric's category id.", Required = true };
        var input = new Command("input", "Add a manual input (a success manager's sentiment, a goal reached) to the store, dated when it was observed.")
        {
            store, account, inputMetric, inputValue, observedAt, author, comment,
        };
        input.SetAction(p => Guard(error, () =>
        {
            using var file = StoreFile.Open(p.GetValue(store)!);
            var id = p.GetValue(account)!;
            var text = p.GetValue(inputValue)!.Trim();
            var when = p.GetValue(observedAt)!.Value;
            var who = p.GetValue(author) is { Length: > 0 } a ? a : null;
            var manual = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? new ManualInput(p.GetValue(inputMetric)!, double.IsFinite(number) ? number : throw new CliException($"input: --value '{text}' is not a finite number.", ExitCodes.Usage), when, who, p.GetValue(comment))
                : new ManualInput(p.GetValue(inputMetric)!, text, when, who, p.GetValue(comment));
            StoreFile.Wait(file.Store.AddManualInputAsync(id, manual));
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{id}: {manual.Metric} = {manual.Category ?? text} observed {when:yyyy-MM-dd} · {file.Path}\n"));
            return ExitCodes.Ok;
        }));
        yield return input;

        var action = new Option<string>("--action") { Description = "The action's id.", Required = true };
        var at = new Option<DateTimeOffset?>("--at") { Description = "When it was dealt with (yyyy-MM-dd); it stops counting as open from that day.", Required = true };
        var resolved = new Option<bool>("--resolved") { Description = "Resolved (the problem is solved) rather than closed." };
        var by = new Option<string?>("--by") { Description = "Who closed it." };
        var close = new Command("close", "Close (or --resolved) an open action in the store, so de-duplication lets it fire again.") { store, account, action, at, resolved, by, comment };
        close.SetAction(p => Guard(error, () =>
        {
            using var file = StoreFile.Open(p.GetValue(store)!, mustExist: true);
            var id = p.GetValue(account)!;
            var actionId = p.GetValue(action)!;
            var when = p.GetValue(at)!.Value;
            var kind = p.GetValue(resolved) ? ActionClosureKind.Resolved : ActionClosureKind.Closed;
            var closed = StoreFile.Wait(file.Store.CloseActionAsync(id, actionId, new ActionClosure(kind, when, p.GetValue(by), p.GetValue(comment))));
            if (closed == 0)
            {
                throw new CliException($"{file.Path}: account '{id}' has no open '{actionId}' action fired on or before {when:yyyy-MM-dd}.");
            }

            output.Write(string.Create(CultureInfo.InvariantCulture, $"{id}: {actionId} {(kind == ActionClosureKind.Resolved ? "resolved" : "closed")} on {when:yyyy-MM-dd} ({closed} {(closed == 1 ? "firing" : "firings")}) · {file.Path}\n"));
            return ExitCodes.Ok;
        }));
        yield return close;
    }

    private static string Plural(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static double Number(string? text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliException($"{option} '{text}' is not a number.", ExitCodes.Usage);
}
