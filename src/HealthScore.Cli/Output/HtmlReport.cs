using System.Globalization;
using System.Net;
using System.Text;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>
/// One self-contained HTML file (no scripts, no network): band distribution per phase, score histogram, riskiest
/// accounts with bars for their drivers, parents with their children and roll-ups, overrides, stale inputs,
/// adjustments, an engagement × satisfaction matrix (the model's groups of those ids, else its first two groups)
/// and the action queue. Charts are inline SVG; every word follows the model's language. It is written from a
/// <see cref="ReportData"/>, so a portfolio of any size fits; every list cut short says how many it shows of how many, and which.
/// </summary>
internal static partial class HtmlReport
{
    /// <summary>The report of a portfolio held in memory (the demo at its default size, tests).</summary>
    public static string Write(HealthModel model, IReadOnlyList<AccountOutcome> outcomes, DateTimeOffset asOf)
    {
        var data = new ReportData(model, asOf);
        foreach (var o in outcomes)
        {
            data.Add(o);
        }

        data.SetHierarchy([.. outcomes.Where(static o => o.ParentId is not null || o.Children.Count > 0)]);
        return Write(data);
    }

    public static string Write(ReportData data)
    {
        var model = data.Model;
        var r = new ReportTexts(model);
        var sb = Begin(model, model.Label);
        sb.Append("<h1>").Append(E(model.Label)).Append("</h1><p>").Append(data.Count).Append(' ').Append(E(r.Accounts)).Append(" · ").Append(E(r.AsOf)).Append(' ').Append(data.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>\n");
        BandsByPhase(sb, data, r);
        Profiles(sb, data);
        Histogram(sb, data, r);
        Riskiest(sb, data, r);
        Timelines(sb, data);
        Parents(sb, model, data.Hierarchy);
        Overrides(sb, data);
        StaleInputs(sb, data);
        Adjustments(sb, data);
        Matrix(sb, data, r);
        ActionQueue(sb, data, r);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>One stacked bar per phase, with the band legend.</summary>
    private static void BandsByPhase(StringBuilder sb, ReportData data, ReportTexts r)
    {
        var model = data.Model;
        sb.Append("<h2>").Append(E(r.BandsByPhase)).Append("</h2>\n");
        var phases = model.Phases.Where(p => data.InPhase(p.Id) > 0).ToList();
        var bands = model.Bands.Append(model.InsufficientData).ToList();
        sb.Append(Svg(640, (phases.Count * 28) + 40));
        for (var i = 0; i < phases.Count; i++)
        {
            var inPhase = data.InPhase(phases[i].Id);
            var y = 10 + (i * 28);
            Text(sb, 0, y + 15, phases[i].Label + " (" + inPhase.ToString(CultureInfo.InvariantCulture) + ")");
            double x = 160;
            foreach (var band in bands)
            {
                var n = data.InPhaseBand(phases[i].Id, band.Id);
                var w = 460.0 * n / inPhase;
                if (n > 0)
                {
                    Rect(sb, x, y, w, 20, band.Color, band.Label + ": " + n.ToString(CultureInfo.InvariantCulture));
                }

                x += w;
            }
        }

        Legend(sb, bands, 160, (phases.Count * 28) + 18);
        sb.Append("</svg>\n");
    }

    /// <summary>Ten bins over the scale, each stacked by the bands its accounts' scores fall in under their own phase's thresholds.</summary>
    private static void Histogram(StringBuilder sb, ReportData data, ReportTexts r)
    {
        var model = data.Model;
        sb.Append("<h2>").Append(E(r.ScoreHistogram)).Append("</h2>\n<p class=\"note\">").Append(E(r.HistogramNote)).Append("</p>\n");
        var totals = new int[ReportData.HistogramBins];
        for (var b = 0; b < totals.Length; b++)
        {
            for (var band = 0; band < model.Bands.Count; band++)
            {
                totals[b] += data.Histogram[b, band];
            }
        }

        var max = Math.Max(1, totals.Max());
        var span = model.ScaleMax - model.ScaleMin;
        sb.Append(Svg(640, 220));
        for (var b = 0; b < totals.Length; b++)
        {
            var x = 20 + (b * 60);
            double top = 170;
            for (var band = 0; band < model.Bands.Count; band++)
            {
                var n = data.Histogram[b, band];
                if (n == 0)
                {
                    continue;
                }

                var h = 150.0 * n / max;
                top -= h;
                Rect(sb, x, top, 54, h, model.Bands[band].Color, model.Bands[band].Label + ": " + n.ToString(CultureInfo.InvariantCulture));
            }

            var lower = model.ScaleMin + (span * b / totals.Length);
            Text(sb, x, 185, lower.ToString("0", CultureInfo.InvariantCulture));
            Text(sb, x + 15, top - 5, totals[b].ToString(CultureInfo.InvariantCulture));
        }

        Legend(sb, model.Bands, 20, 200);
        sb.Append("</svg>\n");
    }

    /// <summary>The lowest scores, with bars for the points their top drivers lose.</summary>
    private static void Riskiest(StringBuilder sb, ReportData data, ReportTexts r)
    {
        var model = data.Model;
        sb.Append("<h2>").Append(E(r.RiskiestAccounts)).Append("</h2>\n");
        if (data.Riskiest.Truncated)
        {
            Shown(sb, r.RiskiestShown, data.Riskiest.Capacity, data.Riskiest.Total);
        }

        sb.Append("<table><tr><th>").Append(E(r.Account)).Append("</th><th>").Append(E(model.Texts.Score)).Append("</th><th>").Append(E(r.Band))
            .Append("</th><th>").Append(E(r.Drivers)).Append("</th></tr>\n");
        foreach (var o in data.Riskiest.Sorted())
        {
            sb.Append("<tr><td>");
            AccountCell(sb, model, o);
            sb.Append("</td>");
            ScoreAndBand(sb, model, o);
            sb.Append("<td>");
            var drivers = o.Drivers.Take(3).ToList();
            sb.Append(Svg(420, (drivers.Count * 16) + 4));
            for (var d = 0; d < drivers.Count; d++)
            {
                var w = 2 * Math.Min(100, drivers[d].PointsLost);
                Rect(sb, 0, 2 + (d * 16), w, 12, "#C62828", drivers[d].PointsLost.ToString("0.#", CultureInfo.InvariantCulture));
                Text(sb, w + 4, 12 + (d * 16), drivers[d].Label + " −" + drivers[d].PointsLost.ToString("0.#", CultureInfo.InvariantCulture));
            }

            sb.Append("</svg></td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    /// <summary>
    /// Two groups' scores as axes with ticks, each account a dot in its band colour, the quadrants' meanings with how
    /// many accounts each holds, and a legend; the axis labels stand outside the plot.
    /// </summary>
    private static void Matrix(StringBuilder sb, ReportData data, ReportTexts r)
    {
        var model = data.Model;
        var gx = r.MatrixX;
        var gy = r.MatrixY;
        const double Left = 70, Top = 10, Size = 380;
        var span = model.ScaleMax - model.ScaleMin;
        sb.Append("<h2>").Append(E(r.Prioritisation)).Append(": ").Append(E(gx.Label)).Append(" × ").Append(E(gy.Label)).Append("</h2>\n");
        sb.Append("<p class=\"note\">").Append(E(r.MatrixLegend));
        if (data.Dots.Truncated)
        {
            sb.Append(' ').Append(E(ReportTexts.Fill(r.DotsShown, data.Dots.Capacity, data.Dots.Total)));
        }

        sb.Append("</p>\n<div class=\"matrix\">");
        sb.Append(Svg(470, 450)).Append(string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Size}\" height=\"{Size}\" fill=\"none\" stroke=\"#999\"/>"));
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{Left + (Size / 2)}\" y1=\"{Top}\" x2=\"{Left + (Size / 2)}\" y2=\"{Top + Size}\" stroke=\"#ccc\"/><line x1=\"{Left}\" y1=\"{Top + (Size / 2)}\" x2=\"{Left + Size}\" y2=\"{Top + (Size / 2)}\" stroke=\"#ccc\"/>"));
        for (var t = 0; t <= 4; t++)
        {
            var value = model.ScaleMin + (span * t / 4);
            var label = value.ToString("0.#", CultureInfo.InvariantCulture);
            var px = Left + (Size * t / 4);
            var py = Top + Size - (Size * t / 4);
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{px}\" y1=\"{Top + Size}\" x2=\"{px}\" y2=\"{Top + Size + 5}\" stroke=\"#999\"/><text x=\"{px}\" y=\"{Top + Size + 18}\" text-anchor=\"middle\">{label}</text>"));
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 5}\" y1=\"{py}\" x2=\"{Left}\" y2=\"{py}\" stroke=\"#999\"/><text x=\"{Left - 8}\" y=\"{py + 4}\" text-anchor=\"end\">{label}</text>"));
        }

        foreach (var o in data.Dots.Sorted())
        {
            var (vx, vy) = data.MatrixPoint(o)!.Value;
            var cx = Left + (Size * (vx - model.ScaleMin) / span);
            var cy = Top + Size - (Size * (vy - model.ScaleMin) / span);
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{cx:0.#}\" cy=\"{cy:0.#}\" r=\"4\" fill=\"{E(o.BandColor)}\" fill-opacity=\"0.7\"><title>{E(o.AccountId)} · {E(o.BandLabel)}</title></circle>"));
        }

        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{Left + (Size / 2)}\" y=\"{Top + Size + 36}\" text-anchor=\"middle\" class=\"axis\">{E(gx.Label)} →</text>"));
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{Top + (Size / 2)}\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 16 {Top + (Size / 2)})\">{E(gy.Label)} →</text>"));
        sb.Append("</svg>\n<div>");
        var bands = model.Bands.Append(model.InsufficientData).ToList();
        sb.Append("<p>");
        foreach (var band in bands)
        {
            sb.Append("<span class=\"key\"><span class=\"dot\" style=\"background:").Append(E(band.Color)).Append("\"></span>").Append(E(band.Label)).Append("</span> ");
        }

        sb.Append("</p>\n<table class=\"quadrants\"><tr>");
        Quadrant(sb, r.QuadrantLowHigh, data.Quadrants[2], r);
        Quadrant(sb, r.QuadrantHighHigh, data.Quadrants[3], r);
        sb.Append("</tr><tr>");
        Quadrant(sb, r.QuadrantLowLow, data.Quadrants[0], r);
        Quadrant(sb, r.QuadrantHighLow, data.Quadrants[1], r);
        sb.Append("</tr></table></div></div>\n");
    }

    private static void Quadrant(StringBuilder sb, string meaning, int accounts, ReportTexts r) =>
        sb.Append("<td>").Append(E(r.Axes(meaning))).Append("<small>").Append(accounts).Append(' ').Append(E(r.Accounts)).Append("</small></td>");

    /// <summary>The most urgent fired actions, and how many of how many.</summary>
    private static void ActionQueue(StringBuilder sb, ReportData data, ReportTexts r)
    {
        sb.Append("<h2>").Append(E(r.ActionQueue)).Append("</h2>\n");
        if (data.Actions.Truncated)
        {
            Shown(sb, r.ActionsShown, data.Actions.Capacity, data.Actions.Total);
        }

        sb.Append("<table><tr><th>").Append(E(r.Priority)).Append("</th><th>")
            .Append(E(r.Account)).Append("</th><th>").Append(E(r.Action)).Append("</th><th>").Append(E(r.Owner)).Append("</th><th>")
            .Append(E(r.Message)).Append("</th></tr>\n");
        foreach (var (o, a) in data.Actions.Sorted())
        {
            sb.Append("<tr><td>").Append(a.Priority).Append("</td><td class=\"nowrap\">").Append(E(o.AccountId)).Append("</td><td>").Append(E(a.Title)).Append("</td><td>")
                .Append(E(a.OwnerRole ?? "")).Append("</td><td>").Append(E(a.Message ?? "")).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    /// <summary>A note under a heading: <c>200 of 548 fired actions: the most urgent first …</c>.</summary>
    private static void Shown(StringBuilder sb, string template, int shown, int total) =>
        sb.Append("<p class=\"note\">").Append(E(ReportTexts.Fill(template, shown, total))).Append("</p>\n");

    private static void Legend(StringBuilder sb, IEnumerable<Band> bands, double x, double y)
    {
        foreach (var band in bands)
        {
            Rect(sb, x, y, 10, 10, band.Color, band.Label);
            Text(sb, x + 14, y + 9, band.Label);
            x += 110;
        }
    }

    /// <summary>The page's head and style, in the model's language, up to and including <c>&lt;body&gt;</c>.</summary>
    internal static StringBuilder Begin(HealthModel model, string title)
    {
        var ja = model.Texts.Score.Any(static c => c > 127) || new ReportTexts(model).Account.Any(static c => c > 127);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(ja ? "ja" : "en").Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n");

        // Ids never break at their hyphens; Japanese breaks between phrases, not inside words (keep-all where auto-phrase is unknown).
        sb.Append("<style>body{font-family:system-ui,\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;margin:2em;color:#222}h2{margin-top:2em}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #ddd}svg text{font-size:11px}svg text.axis{font-size:13px}td{vertical-align:top}small{display:block;color:#555;font-size:85%;max-width:36em}.note{color:#555;font-size:90%;max-width:60em}.mark{font-weight:bold;color:#6A1B9A}.child td:first-child{padding-left:calc(8px + var(--depth) * 1.5em)}.parent td:first-child{font-weight:bold}.nowrap,.id{white-space:nowrap}.matrix{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}.quadrants td{width:16em;border:1px solid #ddd;padding:6px}.key{white-space:nowrap;margin-right:1em}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;opacity:.7}:lang(ja) body,:lang(ja) td,:lang(ja) p,:lang(ja) small{word-break:keep-all;word-break:auto-phrase;overflow-wrap:break-word;line-break:strict}</style></head><body>\n");
        return sb;
    }

    internal static string Svg(int width, int height) =>
        string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">");

    internal static void Rect(StringBuilder sb, double x, double y, double w, double h, string color, string title) =>
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{E(color)}\"><title>{E(title)}</title></rect>"));

    internal static void Text(StringBuilder sb, double x, double y, string text) =>
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\">{E(text)}</text>"));

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
