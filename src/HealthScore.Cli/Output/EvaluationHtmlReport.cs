using System.Globalization;
using System.Text;
using HealthScore.Core.Tuning;
using static HealthScore.Cli.Output.HtmlReport;

namespace HealthScore.Cli.Output;

/// <summary>
/// One self-contained HTML page (no scripts, no network) for an evaluation: the headline figures, the ROC curve,
/// churn rate per band in the bands' colours, each metric's AUC with its direction check, and churn per phase.
/// Same look as <see cref="HtmlReport"/>; charts are inline SVG.
/// </summary>
internal static class EvaluationHtmlReport
{
    /// <summary>A ROC curve with more points than this is thinned to about this many for drawing.</summary>
    public const int MaxRocPoints = 2000;

    private const double Plot = 380;

    public static string Write(EvaluationRun run)
    {
        var model = run.Model;
        var report = run.Report;
        var sb = Begin(model, model.Label + " · evaluation");
        sb.Append("<h1>").Append(E(model.Label)).Append("</h1><p>").Append(E($"{model.Id} {model.Version} · {run.ShortHash} · {run.History.File}")).Append("</p>\n<ul>");
        foreach (var line in EvaluationFormats.Headline(run))
        {
            sb.Append("<li>").Append(E(line)).Append("</li>");
        }

        sb.Append("</ul>\n");
        Roc(sb, run);
        Bands(sb, run);

        sb.Append("<h2>Metrics</h2>\n<table><tr><th>metric</th><th>label</th><th>AUC</th><th>missing</th><th>direction</th></tr>\n");
        foreach (var m in run.MetricsByAuc)
        {
            sb.Append("<tr><td>").Append(E(m.Metric.Id)).Append("</td><td>").Append(E(m.Metric.Label)).Append("</td><td>").Append(EvaluationFormats.Auc(m.Auc))
                .Append("</td><td>").Append(EvaluationFormats.Rate(m.MissingRate)).Append("</td><td>")
                .Append(m.Flagged ? "<strong style=\"color:#C62828\">" + E(EvaluationFormats.Direction(m)) + "</strong>" : "ok").Append("</td></tr>\n");
        }

        Reliability(sb, run);

        sb.Append("</table>\n<h2>").Append(E(new ReportTexts(model).Phase)).Append("</h2>\n<table><tr><th>").Append(E(new ReportTexts(model).Phase))
            .Append("</th><th>accounts</th><th>churned</th><th>churn rate</th><th>value churn rate</th></tr>\n");
        foreach (var p in report.Phases)
        {
            sb.Append("<tr><td>").Append(E(p.Label)).Append("</td><td>").Append(EvaluationFormats.Count(p.Accounts)).Append("</td><td>").Append(EvaluationFormats.Count(p.Churned))
                .Append("</td><td>").Append(EvaluationFormats.Rate(p.ChurnRate)).Append("</td><td>").Append(EvaluationFormats.Rate(p.ValueChurnRate)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n<p>").Append(E(new ReportTexts(model).Coverage)).Append(": ").Append(E(EvaluationFormats.CoverageText(report.CoverageQuantiles))).Append("</p>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The points to draw: all of them up to <see cref="MaxRocPoints"/>, else every k-th one plus the last, so the
    /// curve still runs from (0, 0) to (1, 1) and the same report always draws the same line.
    /// </summary>
    public static IReadOnlyList<RocPoint> Thin(IReadOnlyList<RocPoint> points)
    {
        if (points.Count <= MaxRocPoints)
        {
            return points;
        }

        var step = (int)Math.Ceiling((points.Count - 1) / (double)(MaxRocPoints - 1));
        var thinned = new List<RocPoint>(MaxRocPoints + 1);
        for (var i = 0; i < points.Count - 1; i += step)
        {
            thinned.Add(points[i]);
        }

        thinned.Add(points[^1]);
        return thinned;
    }

    private static void Roc(StringBuilder sb, EvaluationRun run)
    {
        sb.Append("<h2>ROC curve · AUC ").Append(E(run.AucText)).Append("</h2>\n");
        if (run.Report.RocCurve.Count == 0)
        {
            sb.Append("<p>No ROC curve: the scored accounts are all churners or all stayers.</p>\n");
            return;
        }

        sb.Append(Svg(460, 450)).Append("<rect x=\"50\" y=\"10\" width=\"380\" height=\"380\" fill=\"none\" stroke=\"#999\"/>");
        sb.Append("<line x1=\"50\" y1=\"390\" x2=\"430\" y2=\"10\" stroke=\"#bbb\" stroke-dasharray=\"4 4\"><title>random ranking (AUC 0.5)</title></line>");
        foreach (var tick in (double[])[0, 0.25, 0.5, 0.75, 1])
        {
            var label = tick.ToString("0.##", CultureInfo.InvariantCulture);
            Text(sb, 46 + (Plot * tick), 405, label);
            Text(sb, 26, 394 - (Plot * tick), label);
        }

        sb.Append("<polyline fill=\"none\" stroke=\"#1565C0\" stroke-width=\"2\" points=\"");
        var first = true;
        foreach (var p in Thin(run.Report.RocCurve))
        {
            sb.Append(first ? "" : " ").Append(string.Create(CultureInfo.InvariantCulture, $"{50 + (Plot * p.FalsePositiveRate):0.#},{390 - (Plot * p.TruePositiveRate):0.#}"));
            first = false;
        }

        sb.Append("\"><title>").Append(E("AUC " + run.AucText)).Append("</title></polyline>");
        Text(sb, 185, 425, "false-positive rate →");
        sb.Append("<text x=\"12\" y=\"260\" transform=\"rotate(-90 12 260)\">true-positive rate →</text></svg>\n");
    }

    /// <summary>
    /// The reliability curve of a calibrated model: expected against observed churn, group by group, with the
    /// diagonal a perfectly calibrated score would follow, and the expected and observed churn of each band.
    /// </summary>
    private static void Reliability(StringBuilder sb, EvaluationRun run)
    {
        var points = run.Report.Reliability;
        if (points.Count == 0)
        {
            return;
        }

        sb.Append("<h2>Calibration: expected against observed churn</h2>\n<p>Each point is a tenth of the scored accounts by the churn rate their score stands for; on the dashed line, what the score says is what happened.</p>\n");
        var max = Math.Max(0.05, points.Max(static p => Math.Max(p.Expected, p.Observed)));
        max = Math.Min(1, Math.Ceiling(max * 10) / 10);
        sb.Append(Svg(460, 450)).Append("<rect x=\"50\" y=\"10\" width=\"380\" height=\"380\" fill=\"none\" stroke=\"#999\"/>");
        sb.Append("<line x1=\"50\" y1=\"390\" x2=\"430\" y2=\"10\" stroke=\"#bbb\" stroke-dasharray=\"4 4\"><title>perfect calibration</title></line>");
        foreach (var tick in (double[])[0, 0.25, 0.5, 0.75, 1])
        {
            var label = EvaluationFormats.Rate(tick * max);
            Text(sb, 40 + (Plot * tick), 405, label);
            Text(sb, 8, 394 - (Plot * tick), label);
        }

        sb.Append("<polyline fill=\"none\" stroke=\"#1565C0\" stroke-width=\"2\" points=\"");
        sb.AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{50 + (Plot * p.Expected / max):0.#},{390 - (Plot * p.Observed / max):0.#}")));
        sb.Append("\"/>");
        foreach (var p in points)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{50 + (Plot * p.Expected / max):0.#}\" cy=\"{390 - (Plot * p.Observed / max):0.#}\" r=\"4\" fill=\"#1565C0\"><title>"))
                .Append(E($"expected {EvaluationFormats.Rate(p.Expected)}, observed {EvaluationFormats.Rate(p.Observed)} ({EvaluationFormats.Count(p.Churned)} of {EvaluationFormats.Count(p.Accounts)})")).Append("</title></circle>");
        }

        Text(sb, 170, 425, "expected churn rate →");
        sb.Append("<text x=\"12\" y=\"270\" transform=\"rotate(-90 12 270)\">observed churn rate →</text></svg>\n");
        sb.Append("<table><tr><th>band</th><th>accounts</th><th>expected churn</th><th>observed churn</th></tr>\n");
        foreach (var band in run.Report.Bands.Where(static b => b.Accounts > 0))
        {
            sb.Append("<tr><td>").Append(E(band.Label)).Append("</td><td>").Append(EvaluationFormats.Count(band.Accounts)).Append("</td><td>")
                .Append(EvaluationFormats.Rate(band.ExpectedChurnRate)).Append("</td><td>").Append(EvaluationFormats.Rate(band.ChurnRate)).Append("</td></tr>\n");
        }

        sb.Append("</table>\n");
    }

    private static void Bands(StringBuilder sb, EvaluationRun run)
    {
        var model = run.Model;
        var bands = run.Report.Bands.Where(r => r.Id != model.InsufficientData.Id || r.Accounts > 0).ToList();
        sb.Append("<h2>").Append(E(new ReportTexts(model).Band)).Append(": churn rate</h2>\n").Append(Svg(Math.Max(300, 40 + (bands.Count * 130)), 230));
        var max = Math.Max(0.01, bands.Max(static b => b.ChurnRate ?? 0));
        for (var i = 0; i < bands.Count; i++)
        {
            var rate = bands[i];
            var color = rate.Id == model.InsufficientData.Id ? model.InsufficientData.Color : model.GetBand(rate.Id).Color;
            var h = 150 * (rate.ChurnRate ?? 0) / max;
            var x = 20 + (i * 130);
            var counts = $"{EvaluationFormats.Count(rate.Churned)} / {EvaluationFormats.Count(rate.Accounts)}";
            Rect(sb, x, 180 - h, 100, h, color, $"{rate.Label}: {counts} churned ({EvaluationFormats.Rate(rate.ChurnRate)})");
            Text(sb, x, 175 - h, EvaluationFormats.Rate(rate.ChurnRate));
            Text(sb, x, 197, rate.Label);
            Text(sb, x, 213, counts + " churned");
        }

        sb.Append("</svg>\n");
    }
}
