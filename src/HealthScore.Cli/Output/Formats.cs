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
        var r = new ReportTexts(model);
        var rows = new List<IReadOnlyList<string>>(outcomes.Count);
        foreach (var o in outcomes)
        {
            rows.Add([o.AccountId, o.PhaseLabel, ScoreText(o.Score), o.BandLabel + (o.BandForced ? "*" : ""), Percent(o.Coverage), TrendText(o.Trend), o.Drivers.Count > 0 ? o.Drivers[0].Label : "-", o.FirstAction?.Title ?? "-"]);
        }

        return TextTable.Write([r.Account, r.Phase, model.Texts.Score, r.Band, r.Coverage, r.Trend, r.TopDriver, r.FirstAction], rows);
    }

    public static string Csv(IReadOnlyList<AccountOutcome> outcomes)
    {
        var sb = new StringBuilder("account_id,phase,score,band,band_forced,coverage,insufficient_data,trend_delta,top_driver,first_action\n");
        foreach (var o in outcomes)
        {
            string[] cells =
            [
                o.AccountId, o.PhaseId, o.Score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "", o.BandId, o.BandForced ? "true" : "false",
                o.Coverage.ToString(CultureInfo.InvariantCulture), o.InsufficientData ? "true" : "false",
                o.Trend?.Delta is { } d ? d.ToString(CultureInfo.InvariantCulture) : "", o.Drivers.Count > 0 ? o.Drivers[0].MetricId : "", o.FirstAction?.Id ?? "",
            ];
            sb.AppendJoin(',', cells.Select(Quote)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Explain(AccountOutcome o)
    {
        var sb = new StringBuilder();
        sb.Append(o.AccountId).Append(o.Name is null ? "" : " · " + o.Name).Append('\n');
        sb.Append(o.Explanation).Append('\n');
        if (o.BandForced)
        {
            sb.Append("band forced to ").Append(o.BandLabel).Append(" by a band exception\n");
        }

        if (o.Trend is { } trend)
        {
            sb.Append(trend.Explanation).Append('\n');
        }

        sb.Append('\n');
        var groups = o.Groups.Select(static g => (IReadOnlyList<string>)[g.Id, g.Label, ScoreText(g.Score), Number(g.EffectiveWeight)]).ToList();
        sb.Append(TextTable.Write(["group", "label", "score", "weight"], groups)).Append('\n');
        var metrics = o.Contributions.Select(static c => (IReadOnlyList<string>)[c.MetricId, c.Label, c.RawValue is { } r ? Number(r) : "missing", c.NormalizedValue is { } n ? Number(n) : "-", Number(c.EffectiveWeight), Number(c.PointsEarned), Number(c.PointsLost), c.Status]).ToList();
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

    public static string ScoreText(double? score) => score is { } s ? s.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";

    public static string Percent(double ratio) => ratio.ToString("0%", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string TrendText(TrendOutcome? trend) =>
        trend?.Delta is { } d ? (d > 0 ? "+" : "") + d.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
