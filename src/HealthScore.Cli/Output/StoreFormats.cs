using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HealthScore.Cli.Store;
using HealthScore.Core.Actions;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;

namespace HealthScore.Cli.Output;

/// <summary>What the store commands print: an account's timeline, and exports of the stored snapshots for BI tools.</summary>
internal static class StoreFormats
{
    /// <summary>The columns of the CSV export before the metrics (one column per metric id, in ordinal order).</summary>
    public static readonly string[] CsvColumns =
    [
        "account_id", "as_of", "model_id", "model_version", "model_hash", "profile", "phase", "band", "score", "coverage",
        "band_forced_by", "computed_score", "computed_band", "fired_actions", "held_actions", "overrides",
    ];

    /// <summary>The timeline: one row per snapshot, then the overrides set and the manual inputs entered.</summary>
    public static string Timeline(AccountHistory stored, string store)
    {
        var closures = new Dictionary<(long, string, string), ActionClosure>();
        foreach (var record in stored.Actions)
        {
            if (record.Closure is { } closure)
            {
                closures[(record.AsOf.UtcTicks, record.ModelHash, record.ActionId)] = closure;
            }
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in stored.Snapshots)
        {
            var actions = s.Actions.Select(a => a.Id + " " + StatusWord(a.Status)
                + (closures.TryGetValue((s.AsOf.UtcTicks, s.ModelHash, a.Id), out var c) ? ", " + Closure(c) : a.Status == ActionStatus.Fired ? ", open" : ""));
            rows.Add([
                Day(s.AsOf), Formats.ScoreText(s.Score) + (s.ComputedBand is null ? "" : " ✎"), s.Band, s.Phase,
                string.Join("; ", actions), string.Join("; ", s.Overrides.Select(Override)),
            ]);
        }

        var sb = new StringBuilder();
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"{stored.AccountId} · {stored.Snapshots.Count} snapshots · {store}\n\n"));
        if (rows.Count > 0)
        {
            sb.Append(TextTable.Write(["date", "score", "band", "phase", "actions", "overrides"], rows));
        }

        if (stored.Overrides.Count > 0)
        {
            sb.Append("\noverrides set: ").AppendJoin("; ", stored.Overrides.Select(Override)).Append('\n');
        }

        if (stored.ManualInputs.Count > 0)
        {
            sb.Append("\nmanual inputs: ").AppendJoin("; ", stored.ManualInputs.Select(static i =>
                i.Metric + " = " + (i.Category ?? i.Value!.Value.ToString("0.####", CultureInfo.InvariantCulture)) + " observed " + Day(i.ObservedAt) + (i.Author is null ? "" : " by " + i.Author))).Append('\n');
        }

        if (stored.OpenActions.Count > 0)
        {
            sb.Append("\nopen actions: ").AppendJoin(", ", stored.OpenActions).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>An override in one line: <c>band = healthy by aiko.sato from 2026-11-01 until 2026-12-01 (Renewal signed)</c>.</summary>
    public static string Override(HealthOverride o)
    {
        var what = o.Target switch
        {
            OverrideTarget.Score => "score = " + o.Value?.ToString("0.##", CultureInfo.InvariantCulture),
            OverrideTarget.Band => "band = " + o.Band,
            _ => o.Metric + " = " + o.Value?.ToString("0.####", CultureInfo.InvariantCulture),
        };
        return what + " by " + o.Author + " from " + Day(o.SetAt) + (o.ValidUntil is { } until ? " until " + Day(until) : "") + (o.Comment is { } c ? " (" + c + ")" : "");
    }

    /// <summary>Snapshots as an indented JSON array, each as <see cref="HealthSnapshotJson"/> writes it.</summary>
    public static string Json(IEnumerable<HealthSnapshot> snapshots)
    {
        using var text = new StringWriter { NewLine = "\n" };
        WriteJson(snapshots, text);
        return text.ToString();
    }

    /// <summary>Streams every stored snapshot (or one account's) as a JSON array; returns how many.</summary>
    public static int JsonExport(StoreFile file, string? account, TextWriter writer) => WriteJson(file.AllSnapshots(account), writer);

    /// <summary>
    /// Streams every stored snapshot (or one account's) as CSV: the <see cref="CsvColumns"/>, then one column per metric
    /// any snapshot holds (raw values; a categorical metric's is its category's position). Two passes over the store:
    /// the first finds the metric columns, so memory stays bounded. Returns how many rows.
    /// </summary>
    public static int CsvExport(StoreFile file, string? account, TextWriter writer)
    {
        var metrics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in file.AllSnapshots(account))
        {
            metrics.UnionWith(snapshot.Metrics.Keys);
        }

        writer.Write(string.Join(',', CsvColumns.Concat(metrics).Select(Formats.Quote)) + "\n");
        var rows = 0;
        var cells = new List<string>();
        foreach (var s in file.AllSnapshots(account))
        {
            cells.Clear();
            cells.AddRange([
                s.AccountId ?? "", Day(s.AsOf), s.ModelId, s.ModelVersion, s.ModelHash, s.Profile ?? "", s.Phase, s.Band, Number(s.Score), Number(s.Coverage),
                s.BandForcedBy ?? "", Number(s.ComputedScore), s.ComputedBand ?? "",
                string.Join(';', s.Actions.Where(static a => a.Status == ActionStatus.Fired).Select(static a => a.Id)),
                string.Join(';', s.Actions.Where(static a => a.Status != ActionStatus.Fired).Select(static a => a.Id)),
                s.Overrides.Count.ToString(CultureInfo.InvariantCulture),
            ]);
            foreach (var metric in metrics)
            {
                cells.Add(Number(s.Metrics.TryGetValue(metric, out var v) ? v : null));
            }

            writer.Write(string.Join(',', cells.Select(Formats.Quote)) + "\n");
            rows++;
        }

        return rows;
    }

    private static int WriteJson(IEnumerable<HealthSnapshot> snapshots, TextWriter text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        var count = 0;
        text.Write("[");
        foreach (var snapshot in snapshots)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, options))
            {
                HealthSnapshotJson.Write(writer, snapshot);
            }

            text.Write(count == 0 ? "\n" : ",\n");
            text.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            count++;
        }

        text.Write(count == 0 ? "]\n" : "\n]\n");
        return count;
    }

    private static string StatusWord(ActionStatus status) => status switch
    {
        ActionStatus.Fired => "fired",
        ActionStatus.SuppressedByConsent => "held: no consent",
        ActionStatus.SuppressedByCooldown => "held: in cooldown",
        ActionStatus.SuppressedAsDuplicate => "held: already open",
        _ => "held: waiting for consecutive matches",
    };

    private static string Closure(ActionClosure c) =>
        (c.Kind == ActionClosureKind.Resolved ? "resolved " : "closed ") + Day(c.At) + (c.By is null ? "" : " by " + c.By);

    private static string Number(double? value) => value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Day(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
