using System.Globalization;
using System.Text;
using HealthScore.Cli.Input;
using HealthScore.Core.Model;
using HealthScore.Core.Tuning;

namespace HealthScore.Cli.Output;

/// <summary>One evaluation: the model, the history it was run on, the bootstrap settings and the report.</summary>
internal sealed record EvaluationRun(HealthModel Model, History History, EvaluationOptions Options, EvaluationReport Report)
{
    public string ShortHash => Model.Hash.Length > 8 ? Model.Hash[..8] : Model.Hash;

    /// <summary>The metrics, the best predictor first; those with no AUC last, then in model order.</summary>
    public IEnumerable<MetricEvaluation> MetricsByAuc =>
        Report.Metrics.OrderByDescending(static m => m.Auc ?? double.NegativeInfinity).ThenBy(static m => m.Metric.Index);

    /// <summary>The AUC and its interval, e.g. <c>0.887 (95% CI 0.872–0.901)</c>.</summary>
    public string AucText
    {
        get
        {
            var auc = EvaluationFormats.Auc(Report.Auc);
            return Report.AucLower is { } lower && Report.AucUpper is { } upper
                ? string.Create(CultureInfo.InvariantCulture, $"{auc} ({Options.ConfidenceLevel:0%} CI {EvaluationFormats.Auc(lower)}–{EvaluationFormats.Auc(upper)})")
                : auc;
        }
    }
}

/// <summary>The text table and JSON that <c>healthscore evaluate</c> prints.</summary>
internal static class EvaluationFormats
{
    public const string Contradicts = "contradicts direction";

    public static string Auc(double? auc) => auc is { } a ? a.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    public static string Rate(double? ratio) => ratio is { } r ? r.ToString("0.0%", CultureInfo.InvariantCulture) : "-";

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Lift(double? lift) => lift is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The headline figures, one per line, without the model line.</summary>
    public static IEnumerable<string> Headline(EvaluationRun run)
    {
        var report = run.Report;
        var churnRate = report.Accounts == 0 ? null : (double?)report.Churned / report.Accounts;
        yield return $"{Count(report.Accounts)} {new ReportTexts(run.Model).Accounts} · {Count(report.Scored)} scored · {Count(report.Churned)} churned ({Rate(churnRate)})";
        var bootstrap = run.Options.BootstrapSamples == 0
            ? "no interval (--bootstrap 0)"
            : string.Create(CultureInfo.InvariantCulture, $"{run.Options.BootstrapSamples} bootstrap samples, seed {run.Options.Seed}");
        yield return $"AUC {run.AucText} · {bootstrap}";
        if (run.History.AccountValues.Length > 0)
        {
            yield return $"value-weighted AUC {Auc(report.ValueWeightedAuc)}";
        }

        yield return $"top-decile lift {Lift(report.TopDecileLift)}";
    }

    public static string Text(EvaluationRun run)
    {
        var model = run.Model;
        var report = run.Report;
        var sb = new StringBuilder();
        sb.Append(model.Label).Append(" · ").Append(model.Id).Append(' ').Append(model.Version).Append(" · ").Append(run.ShortHash).Append('\n');
        foreach (var line in Headline(run))
        {
            sb.Append(line).Append('\n');
        }

        sb.Append('\n').Append(RateTable(new ReportTexts(model).Band, report.Bands));
        sb.Append('\n').Append(RateTable(new ReportTexts(model).Phase, report.Phases));
        var metrics = run.MetricsByAuc
            .Select(static m => (IReadOnlyList<string>)[m.Metric.Id, m.Metric.Label, Auc(m.Auc), Rate(m.MissingRate), m.ContradictsDirection ? Contradicts : "ok"])
            .ToList();
        sb.Append('\n').Append(TextTable.Write(["metric", "label", "AUC", "missing", "direction"], metrics));
        sb.Append('\n').Append(new ReportTexts(model).Coverage).Append(": ").Append(CoverageText(report.CoverageQuantiles)).Append('\n');
        return sb.ToString();
    }

    public static string CoverageText(IReadOnlyList<double> quantiles) =>
        quantiles.Count == CoverageLabels.Length
            ? string.Join(" · ", CoverageLabels.Select((label, i) => label + " " + Rate(quantiles[i])))
            : "-";

    private static readonly string[] CoverageLabels = ["min", "p10", "p25", "p50", "p75", "p90", "max"];

    private static string RateTable(string title, IReadOnlyList<OutcomeRate> rates) =>
        TextTable.Write(
            [title, "accounts", "churned", "churn rate", "value churn rate"],
            [.. rates.Select(static r => (IReadOnlyList<string>)[r.Label, Count(r.Accounts), Count(r.Churned), Rate(r.ChurnRate), Rate(r.ValueChurnRate)])]);

    public static EvaluationJson Json(EvaluationRun run)
    {
        var report = run.Report;
        return new EvaluationJson(
            new ModelJson(run.Model.Id, run.Model.Label, run.Model.Version, run.Model.Hash),
            run.History.File,
            report.Accounts,
            report.Scored,
            report.Churned,
            report.Auc,
            report.AucLower,
            report.AucUpper,
            run.Options.ConfidenceLevel,
            run.Options.BootstrapSamples,
            run.Options.Seed,
            report.ValueWeightedAuc,
            report.TopDecileLift,
            [.. report.Bands.Select(RateJson)],
            [.. report.Phases.Select(RateJson)],
            [.. run.MetricsByAuc.Select(static m => new MetricJson(m.Metric.Id, m.Metric.Label, m.Auc, m.ContradictsDirection, m.MissingRate))],
            [.. report.CoverageQuantiles],
            [.. run.History.IgnoredColumns],
            [.. report.RocCurve.Select(static p => new RocPointJson(p.Threshold, p.FalsePositiveRate, p.TruePositiveRate))]);
    }

    private static OutcomeRateJson RateJson(OutcomeRate r) => new(r.Id, r.Label, r.Accounts, r.Churned, r.ChurnRate, r.ValueChurnRate);
}

/// <summary>The JSON form of an evaluation (<c>healthscore evaluate --format json</c>).</summary>
internal sealed record EvaluationJson(
    ModelJson Model,
    string History,
    int Accounts,
    int Scored,
    int Churned,
    double? Auc,
    double? AucLower,
    double? AucUpper,
    double ConfidenceLevel,
    int BootstrapSamples,
    ulong Seed,
    double? ValueWeightedAuc,
    double? TopDecileLift,
    List<OutcomeRateJson> Bands,
    List<OutcomeRateJson> Phases,
    List<MetricJson> Metrics,
    List<double> CoverageQuantiles,
    List<string> IgnoredColumns,
    List<RocPointJson> RocCurve);

internal sealed record ModelJson(string Id, string Label, string Version, string Hash);

internal sealed record OutcomeRateJson(string Id, string Label, int Accounts, int Churned, double? ChurnRate, double? ValueChurnRate);

internal sealed record MetricJson(string Id, string Label, double? Auc, bool ContradictsDirection, double MissingRate);

/// <summary>A ROC point; the threshold is null for the first point, which flags no account.</summary>
internal sealed record RocPointJson(
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? Threshold,
    double FalsePositiveRate,
    double TruePositiveRate);
