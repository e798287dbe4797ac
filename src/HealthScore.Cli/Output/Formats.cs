using System.Globalization;
using System.Text;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>The table, CSV and explanation text the commands print.</summary>
internal static class Formats
{
    public static string Table(HealthModel model, IReadOnlyList<AccountOutcome> outcomes)
    {
        var rows = new List<IReadOnlyList<string>>(outcomes.Count);
        foreach (var o in outcomes)
        {
            rows.Add(TableCells(o));
        }

        return TextTable.Write(TableHeader(model), rows) + Notes(model, outcomes);
    }

    /// <summary>The table's column headings, in the model's words.</summary>
    public static IReadOnlyList<string> TableHeader(HealthModel model)
    {
        var r = new ReportTexts(model);
        return [r.Account, r.Phase, model.Texts.Score, r.Band, r.Coverage, r.Trend, r.TopDriver, r.FirstAction];
    }

    /// <summary>One account's row of the table.</summary>
    public static IReadOnlyList<string> TableCells(AccountOutcome o) =>
        [o.AccountId, o.PhaseLabel, ScoreText(o.Score) + (o.Overridden ? " ✎" : ""), o.BandLabel + (o.BandForced ? "*" : ""), Percent(o.Coverage), TrendText(o.Trend), o.Drivers.Count > 0 ? o.Drivers[0].Label : "-", o.FirstAction?.Title ?? "-"];

    /// <summary>Under the table: who overrode the accounts shown and what was computed, and the roll-ups of the parents shown.</summary>
    private static string Notes(HealthModel model, IReadOnlyList<AccountOutcome> outcomes)
    {
        var sb = new StringBuilder();
        foreach (var o in outcomes)
        {
            if (OverrideNote(model, o) is { } note)
            {
                sb.Append("✎ ").Append(o.AccountId).Append(": ").Append(note).Append('\n');
            }
        }

        foreach (var o in outcomes)
        {
            if (RollupNote(model, o) is { } rollup)
            {
                sb.Append(rollup).Append('\n');
            }
        }

        return sb.Length == 0 ? "" : "\n" + sb;
    }

    /// <summary>A parent's line under the table: <c>ACC-0001: Roll-up 58 · Watch · 4/4 children</c>; <see langword="null"/> for an account without a roll-up.</summary>
    public static string? RollupNote(HealthModel model, AccountOutcome o) =>
        o.Rollup is { } rollup ? o.AccountId + ": " + RollupLine(model, o, rollup) : null;

    /// <summary><c>Roll-up 58 · Watch · 4/4 children · Driving child ACC-0005</c>, in the model's words.</summary>
    private static string RollupLine(HealthModel model, AccountOutcome o, RollupOutcome rollup)
    {
        var r = new ReportTexts(model);
        return r.Rollup + " " + RollupText(rollup) + string.Create(CultureInfo.InvariantCulture, $" · {rollup.Counted}/{o.Children.Count} {r.Children}")
            + (rollup.DrivingChild is { } child ? " · " + r.DrivingChild + " " + child : "")
            + (rollup.Skipped.Count > 0 ? " · " + r.Skipped + ": " + string.Join(", ", rollup.Skipped.Select(r.Skip)) : "");
    }

    public const string CsvHeader = "account_id,phase,score,band,band_forced,coverage,insufficient_data,trend_delta,top_driver,first_action,overridden,computed_score,computed_band,parent_id,rollup_score,rollup_band,profile\n";

    public static string Csv(IReadOnlyList<AccountOutcome> outcomes)
    {
        var sb = new StringBuilder(CsvHeader);
        foreach (var o in outcomes)
        {
            sb.Append(CsvRow(o));
        }

        return sb.ToString();
    }

    /// <summary>One account's line of the CSV output, with its line break.</summary>
    public static string CsvRow(AccountOutcome o)
    {
        string[] cells =
        [
            o.AccountId, o.PhaseId, o.Score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "", o.BandId, o.BandForced ? "true" : "false",
            o.Coverage.ToString(CultureInfo.InvariantCulture), o.InsufficientData ? "true" : "false",
            o.Trend?.Delta is { } d ? d.ToString(CultureInfo.InvariantCulture) : "", o.Drivers.Count > 0 ? o.Drivers[0].MetricId : "", o.FirstAction?.Id ?? "",
            o.Overridden ? "true" : "false", o.Computed?.Score is { } cs ? cs.ToString(CultureInfo.InvariantCulture) : "", o.Computed?.Band ?? "", o.ParentId ?? "",
            o.Rollup?.Score is { } rs ? rs.ToString(CultureInfo.InvariantCulture) : "", o.Rollup?.Band ?? "", o.ProfileId ?? "",
        ];
        return string.Join(',', cells.Select(Quote)) + "\n";
    }

    public static string Explain(HealthModel model, AccountOutcome o)
    {
        var r = new ReportTexts(model);
        var sb = new StringBuilder();
        sb.Append(o.AccountId).Append(o.Name is null ? "" : " · " + o.Name).Append('\n');
        sb.Append(o.Explanation).Append('\n');
        if (o.BandForced)
        {
            sb.Append("band forced to ").Append(o.BandLabel).Append(" by a band exception\n");
        }

        foreach (var v in o.Overrides)
        {
            sb.Append(v.Status == "applied" ? "✎ " : "  ").Append(r.Overrides).Append(": ").Append(v.Shows).Append(" · ").Append(r.OverrideStatus(v.Status))
                .Append(" · ").Append(v.Author).Append(" · ").Append(v.SetAt).Append(" – ").Append(v.LastValidDay ?? "").Append(v.Comment is null ? "" : " · " + v.Comment).Append('\n');
        }

        if (o.ParentId is { } parent)
        {
            sb.Append("↑ ").Append(parent).Append('\n');
        }

        if (o.Rollup is { } rollup)
        {
            sb.Append(RollupLine(model, o, rollup)).Append(" · ").AppendJoin(", ", o.Children).Append('\n');
        }

        if (o.Trend is { } trend)
        {
            sb.Append(trend.Explanation).Append('\n');
        }

        sb.Append('\n');
        var groups = o.Groups.Select(static g => (IReadOnlyList<string>)[g.Id, g.Label, ScoreText(g.Score), Number(g.EffectiveWeight)]).ToList();
        sb.Append(TextTable.Write(["group", "label", "score", "weight"], groups)).Append('\n');
        var metrics = o.Contributions.Select(c => (IReadOnlyList<string>)[c.MetricId, c.Label, Value(model, c), c.NormalizedValue is { } n ? Number(n) : "-", Number(c.EffectiveWeight), Number(c.PointsEarned), Number(c.PointsLost), c.Status]).ToList();
        sb.Append(TextTable.Write(["metric", "label", "value", "normalized", "weight", "earned", "lost", "status"], metrics)).Append('\n');
        if (o.Actions.Count == 0)
        {
            sb.Append("actions: none matched\n");
        }

        foreach (var a in o.Actions)
        {
            sb.Append(a.Fired ? "fired      " : "suppressed ").Append(a.Id).Append(" (").Append(a.Kind).Append(", priority ").Append(a.Priority.ToString(CultureInfo.InvariantCulture)).Append(')');
            if (a.SuppressedBecause is not null)
            {
                sb.Append(": ").Append(a.SuppressedBecause);
            }

            sb.Append('\n');
            sb.Append("    because ").AppendJoin(", ", a.Reasons).Append('\n');
            if (a.Message is not null)
            {
                sb.Append("    ").Append(a.Message).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// For an overridden account, who overrode it, until when, and what the model computed, in the model's words:
    /// <c>overridden by aiko.sato until 2026-12-14 (computed 45 · At risk)</c>; <see langword="null"/> otherwise.
    /// </summary>
    public static string? OverrideNote(HealthModel model, AccountOutcome o)
    {
        if (!o.Overridden || o.Computed is not { } computed)
        {
            return null;
        }

        var texts = model.Texts;
        var applied = o.Overrides.Find(static v => v.Status == "applied" && v.Target == "score") ?? o.Overrides.Find(static v => v.Status == "applied" && v.Target == "band");
        var note = applied is null ? texts.OverriddenBy : texts.OverriddenBy + " " + applied.Author + (applied.LastValidDay is { } day ? " " + texts.Until + " " + day : "");
        return note + " (" + texts.Computed + " " + (computed.Score is { } s ? ScoreText(s) + " · " : "") + computed.BandLabel + ")";
    }

    /// <summary>A roll-up as one phrase: <c>58 · Watch</c>, or the share in the band for a share-in-band roll-up.</summary>
    public static string RollupText(RollupOutcome rollup) =>
        rollup.Share is { } share ? Percent(share) + " · " + rollup.BandLabel : ScoreText(rollup.Score) + " · " + rollup.BandLabel;

    /// <summary>A metric's value in the explanation's table: its category's label, the number, or missing (stale since the day it expired).</summary>
    private static string Value(HealthModel model, ContributionOutcome c) =>
        c.Category ?? (c.RawValue is { } raw ? Number(raw) : c.StaleSince is { } since ? model.Texts.StaleSince + " " + since : "missing");

    public static string ScoreText(double? score) => score is { } s ? s.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";

    public static string Percent(double ratio) => ratio.ToString("0%", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string TrendText(TrendOutcome? trend) =>
        trend?.Delta is { } d ? (d > 0 ? "+" : "") + d.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    internal static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
