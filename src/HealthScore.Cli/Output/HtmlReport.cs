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
/// and the action queue. Charts are inline SVG; headings follow the model's language.
/// </summary>
internal static partial class HtmlReport
{
    public static string Write(HealthModel model, IReadOnlyList<AccountOutcome> outcomes, DateTimeOffset asOf, IReadOnlyDictionary<string, IReadOnlyList<Store.TimelinePoint>>? timelines = null)
    {
        var r = new ReportTexts(model);
        var sb = Begin(model, model.Label);
        sb.Append("<h1>").Append(E(model.Label)).Append("</h1><p>").Append(outcomes.Count).Append(' ').Append(E(r.Accounts)).Append(" · ").Append(E(r.AsOf)).Append(' ').Append(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>\n");

        // Band distribution per phase: one stacked bar per phase.
        sb.Append("<h2>").Append(E(r.BandsByPhase)).Append("</h2>\n");
        var phases = model.Phases.Where(p => outcomes.Any(o => o.PhaseId == p.Id)).ToList();
        var bands = model.Bands.Append(model.InsufficientData).ToList();
        sb.Append(Svg(640, (phases.Count * 28) + 40));
        for (var i = 0; i < phases.Count; i++)
        {
            var inPhase = outcomes.Where(o => o.PhaseId == phases[i].Id).ToList();
            var y = 10 + (i * 28);
            Text(sb, 0, y + 15, phases[i].Label + " (" + inPhase.Count.ToString(CultureInfo.InvariantCulture) + ")");
            double x = 160;
            foreach (var band in bands)
            {
                var n = inPhase.Count(o => o.BandId == band.Id);
                var w = inPhase.Count == 0 ? 0 : 460.0 * n / inPhase.Count;
                if (n > 0)
                {
                    Rect(sb, x, y, w, 20, band.Color, band.Label + ": " + n.ToString(CultureInfo.InvariantCulture));
                }

                x += w;
            }
        }

        var lx = 160.0;
        foreach (var band in bands)
        {
            Rect(sb, lx, (phases.Count * 28) + 18, 10, 10, band.Color, band.Label);
            Text(sb, lx + 14, (phases.Count * 28) + 27, band.Label);
            lx += 110;
        }

        sb.Append("</svg>\n");
        Profiles(sb, model, outcomes);

        // Score histogram: ten bins over the scale, coloured by the default phase's band at the bin's lower edge.
        sb.Append("<h2>").Append(E(r.ScoreHistogram)).Append("</h2>\n");
        var bins = new int[10];
        var span = model.ScaleMax - model.ScaleMin;
        foreach (var o in outcomes)
        {
            if (o.Score is { } s)
            {
                bins[Math.Clamp((int)((s - model.ScaleMin) / span * 10), 0, 9)]++;
            }
        }

        var max = Math.Max(1, bins.Max());
        sb.Append(Svg(640, 200));
        for (var b = 0; b < 10; b++)
        {
            var h = 150.0 * bins[b] / max;
            var lower = model.ScaleMin + (span * b / 10);
            var band = model.Bands.Last(x => model.DefaultPhase.GetLowerBound(x) <= lower);
            Rect(sb, 20 + (b * 60), 170 - h, 54, h, band.Color, bins[b].ToString(CultureInfo.InvariantCulture));
            Text(sb, 20 + (b * 60), 185, lower.ToString("0", CultureInfo.InvariantCulture));
            Text(sb, 35 + (b * 60), 165 - h, bins[b].ToString(CultureInfo.InvariantCulture));
        }

        sb.Append("</svg>\n");

        // Riskiest accounts with bars for the points their top drivers lose.
        sb.Append("<h2>").Append(E(r.RiskiestAccounts)).Append("</h2>\n<table><tr><th>")
            .Append(E(r.Account)).Append("</th><th>").Append(E(model.Texts.Score)).Append("</th><th>").Append(E(r.Band))
            .Append("</th><th>").Append(E(r.Drivers)).Append("</th></tr>\n");
        foreach (var o in outcomes.Where(static o => o.Score is not null).OrderBy(static o => o.Score).ThenBy(static o => o.AccountId, StringComparer.Ordinal).Take(10))
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
        Timelines(sb, model, outcomes, timelines);
        Parents(sb, model, outcomes);
        Overrides(sb, model, outcomes);
        StaleInputs(sb, model, outcomes);
        Adjustments(sb, model, outcomes);

        // Prioritisation matrix: two groups' scores as axes, each account a dot in its band colour.
        var gx = r.MatrixX;
        var gy = r.MatrixY;
        sb.Append("<h2>").Append(E(r.Prioritisation)).Append(": ").Append(E(gx.Label)).Append(" × ").Append(E(gy.Label)).Append("</h2>\n");
        sb.Append(Svg(440, 440)).Append("<rect x=\"40\" y=\"10\" width=\"380\" height=\"380\" fill=\"none\" stroke=\"#999\"/><line x1=\"230\" y1=\"10\" x2=\"230\" y2=\"390\" stroke=\"#ccc\"/><line x1=\"40\" y1=\"200\" x2=\"420\" y2=\"200\" stroke=\"#ccc\"/>");
        foreach (var o in outcomes)
        {
            var sx = o.Groups.Find(g => g.Id == gx.Id)?.Score;
            var sy = o.Groups.Find(g => g.Id == gy.Id)?.Score;
            if (sx is { } vx && sy is { } vy)
            {
                var cx = 40 + (380 * (vx - model.ScaleMin) / span);
                var cy = 390 - (380 * (vy - model.ScaleMin) / span);
                sb.Append(string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{cx:0.#}\" cy=\"{cy:0.#}\" r=\"4\" fill=\"{E(o.BandColor)}\" fill-opacity=\"0.7\"><title>{E(o.AccountId)}</title></circle>"));
            }
        }

        Text(sb, 180, 410, gx.Label + " →");
        Text(sb, 0, 200, gy.Label + " ↑");
        sb.Append("</svg>\n");

        // Action queue: every fired action, most urgent first.
        sb.Append("<h2>").Append(E(r.ActionQueue)).Append("</h2>\n<table><tr><th>").Append(E(r.Priority)).Append("</th><th>")
            .Append(E(r.Account)).Append("</th><th>").Append(E(r.Action)).Append("</th><th>").Append(E(r.Owner)).Append("</th><th>")
            .Append(E(r.Message)).Append("</th></tr>\n");
        foreach (var (o, a) in outcomes.SelectMany(static o => o.Actions.Where(static a => a.Fired).Select(a => (o, a))).OrderBy(static x => x.a.Priority).ThenBy(static x => x.o.AccountId, StringComparer.Ordinal).Take(200))
        {
            sb.Append("<tr><td>").Append(a.Priority).Append("</td><td class=\"nowrap\">").Append(E(o.AccountId)).Append("</td><td>").Append(E(a.Title)).Append("</td><td>")
                .Append(E(a.OwnerRole ?? "")).Append("</td><td>").Append(E(a.Message ?? "")).Append("</td></tr>\n");
        }

        sb.Append("</table>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>The page's head and style, in the model's language, up to and including <c>&lt;body&gt;</c>.</summary>
    internal static StringBuilder Begin(HealthModel model, string title)
    {
        var ja = model.Texts.Score.Any(static c => c > 127) || new ReportTexts(model).Account.Any(static c => c > 127);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"").Append(ja ? "ja" : "en").Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n");
        sb.Append("<style>body{font-family:system-ui,\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;margin:2em;color:#222}h2{margin-top:2em}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #ddd}svg text{font-size:11px}td{vertical-align:top}small{display:block;color:#555;font-size:85%;max-width:36em}.mark{font-weight:bold;color:#6A1B9A}.child td:first-child{padding-left:calc(8px + var(--depth) * 1.5em)}.parent td:first-child{font-weight:bold}.nowrap{white-space:nowrap}</style></head><body>\n");
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
