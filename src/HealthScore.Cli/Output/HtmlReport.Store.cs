using System.Globalization;
using System.Text;
using HealthScore.Cli.Store;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>The report's part that reads the history store: each account's recent trend, drawn from its stored snapshots.</summary>
internal static partial class HtmlReport
{
    /// <summary>The most accounts the trend table shows; those whose score fell most come first.</summary>
    public const int MaxTimelineRows = 30;

    /// <summary>
    /// The accounts with at least two stored snapshots in the last <see cref="StoreRun.TimelineDays"/> days: a line of
    /// their scores over those dates, each point in its band's colour with its date, score and band as a tooltip, and
    /// the change from the first to the last; largest falls first.
    /// Nothing without a store, or before the store holds a second evaluation.
    /// </summary>
    private static void Timelines(StringBuilder sb, ReportData data)
    {
        var model = data.Model;
        if (data.Timelines.Total == 0)
        {
            return;
        }

        var rows = data.Timelines.Sorted();
        var r = new ReportTexts(model);
        sb.Append("<h2>").Append(E(r.Trend)).Append(string.Create(CultureInfo.InvariantCulture, $" ({rows.Count}/{data.Timelines.Total})")).Append("</h2>\n<table><tr><th>")
            .Append(E(r.Account)).Append("</th><th>").Append(E(model.Texts.Score)).Append("</th><th>").Append(E(r.Band)).Append("</th><th>").Append(E(r.Trend)).Append("</th></tr>\n");
        foreach (var (o, points, change) in rows)
        {
            // The line spans the account's own dates and scores (at least ten points high, so small moves stay small).
            var first = points[0].Day.DayNumber;
            var days = Math.Max(1, points[^1].Day.DayNumber - first);
            var low = points.Min(static p => p.Score!.Value);
            var high = points.Max(static p => p.Score!.Value);
            var pad = Math.Max(0, 10 - (high - low)) / 2;
            low -= pad;
            high += pad;
            double X(DateOnly day) => 4 + (232.0 * (day.DayNumber - first) / days);
            double Y(double score) => 36 - (32 * (score - low) / (high - low));
            sb.Append("<tr><td>");
            AccountCell(sb, model, o);
            sb.Append("</td>");
            ScoreAndBand(sb, model, o);
            sb.Append("<td>").Append(Svg(300, 40)).Append("<polyline fill=\"none\" stroke=\"#999\" points=\"");
            sb.AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Day):0.#},{Y(p.Score!.Value):0.#}")));
            sb.Append("\"/>");
            foreach (var point in points)
            {
                var band = model.TryGetBand(point.Band, out var b) ? b : null;
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{X(point.Day):0.#}\" cy=\"{Y(point.Score!.Value):0.#}\" r=\"3\" fill=\"{E(band?.Color ?? "#999")}\"><title>{point.Day:yyyy-MM-dd} {Formats.ScoreText(point.Score)} {E(band?.Label ?? point.Band)}</title></circle>"));
            }

            Text(sb, 244, 24, (change > 0 ? "+" : "") + change.ToString("0.#", CultureInfo.InvariantCulture));
            sb.Append("</svg></td></tr>\n");
        }

        sb.Append("</table>\n");
    }
}
