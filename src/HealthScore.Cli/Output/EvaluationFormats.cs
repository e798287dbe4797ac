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
        if (report.Baselines is { } baselines)
        {
            yield return $"on {Count(baselines.Folds)} folds: this model {Auc(report.FoldAuc)} · logistic regression {Auc(baselines.LogisticRegression)} · free additive model {Auc(baselines.Additive)} (cross-validated; what a score that need not be explainable reaches)";
        }

        if (run.Model.IsCalibrated)
        {
            var horizon = run.Model.CalibrationHorizonDays is { } days ? $" within {Count(days)} days" : string.Empty;
            yield return $"calibrated: each score stands for the churn rate{horizon} observed for such scores (expected churn below)";
        }
    }

    /// <summary>What the direction column says: contradicted on its own, reversed by the tuner alongside the others, or ok.</summary>
    public static string Direction(MetricEvaluation metric) => (metric.ContradictsDirection, metric.ReversalSupported) switch
    {
        (true, true) => Contradicts + ": tune reverses it",
        (true, _) => Contradicts + " (alone only)",
        (false, true) => "contradicted alongside the others: tune reverses it",
        _ => "ok",
    };

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

        sb.Append('\n').Append(RateTable(new ReportTexts(model).Band, report.Bands, model.IsCalibrated));
        sb.Append('\n').Append(RateTable(new ReportTexts(model).Phase, report.Phases, model.IsCalibrated));
        var metrics = run.MetricsByAuc
            .Select(static m => (IReadOnlyList<string>)[m.Metric.Id, m.Metric.Label, Auc(m.Auc), Rate(m.MissingRate), Direction(m)])
            .ToList();
        sb.Append('\n').Append(TextTable.Write(["metric", "label", "AUC", "missing", "direction"], metrics));
        if (report.Reliability.Count > 0)
        {
            var points = report.Reliability
                .Select(static p => (IReadOnlyList<string>)[Rate(p.Expected), Rate(p.Observed), Count(p.Accounts), Count(p.Churned)])
                .ToList();
            sb.Append("\nreliability: accounts grouped by expected churn rate\n").Append(TextTable.Write(["expected", "observed", "accounts", "churned"], points));
        }
        sb.Append('\n').Append(new ReportTexts(model).Coverage).Append(": ").Append(CoverageText(report.CoverageQuantiles)).Append('\n');
        return sb.ToString();
    }

    public static string CoverageText(IReadOnlyList<double> quantiles) =>
        quantiles.Count == CoverageLabels.Length
            ? string.Join(" · ", CoverageLabels.Select((label, i) => label + " " + Rate(quantiles[i])))
            : "-";

    private static readonly string[] CoverageLabels = ["min", "p10", "p25", "p50", "p75", "p90", "max"];

    private static string RateTable(string title, IReadOnlyList<OutcomeRate> rates, bool calibrated) =>
        calibrated
            ? TextTable.Write(
                [title, "accounts", "churned", "churn rate", "expected churn", "value churn rate"],
                [.. rates.Select(static r => (IReadOnlyList<string>)[r.Label, Count(r.Accounts), Count(r.Churned), Rate(r.ChurnRate), Rate(r.ExpectedChurnRate), Rate(r.ValueChurnRate)])])
            : TextTable.Write(
                [title, "accounts", "churned", "churn rate", "value churn rate"],
                [.. rates.Select(static r => (IReadOnlyList<string>)[r.Label, Count(r.Accounts), Count(r.Churned), Rate(r.ChurnRate), Rate(r.ValueChurnRate)])]);

    /// <summary>A calibration's bins as a table (pooled, then each phase with bins of its own).</summary>
    public static string CalibrationText(Core.Model.CalibrationDefinition calibration, int decimals)
    {
        var sb = new StringBuilder();
        var horizon = calibration.HorizonDays is { } days ? $" within {Count(days)} days" : string.Empty;
        sb.Append($"calibration ({(calibration.Method == Core.Model.CalibrationMethod.Binned ? "binned" : "isotonic")}, on held-out scores): churn{horizon} by score, {calibration.ConfidenceLevel.ToString("0%", CultureInfo.InvariantCulture)} interval\n");
        sb.Append(BinTable("all accounts", calibration.Bins, decimals));
        foreach (var (phase, bins) in calibration.Phases)
        {
            sb.Append(BinTable(phase, bins, decimals));
        }

        return sb.ToString();
    }

    private static string BinTable(string title, List<Core.Model.CalibrationBin> bins, int decimals) =>
        TextTable.Write(
            [title + ": score from", "churn rate", "interval", "accounts", "churned"],
            [.. bins.Select(b => (IReadOnlyList<string>)[b.From.ToString("F" + Count(decimals + 1), CultureInfo.InvariantCulture), Rate(b.ChurnRate), Rate(b.Lower) + "–" + Rate(b.Upper), Count(b.Accounts), Count(b.Churned)])]);

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
            [.. run.MetricsByAuc.Select(static m => new MetricJson(m.Metric.Id, m.Metric.Label, m.Auc, m.ContradictsDirection, m.MissingRate) { ReversalSupported = m.ReversalSupported })],
            [.. report.CoverageQuantiles],
            [.. run.History.IgnoredColumns],
            [.. report.RocCurve.Select(static p => new RocPointJson(p.Threshold, p.FalsePositiveRate, p.TruePositiveRate))])
        {
            FoldAuc = report.FoldAuc,
            Baselines = report.Baselines is { } b ? new BaselinesJson(b.Folds, b.LogisticRegression, b.Additive) : null,
            Reliability = report.Reliability.Count == 0 ? null : [.. report.Reliability.Select(static p => new ReliabilityJson(p.Expected, p.Observed, p.Accounts, p.Churned))],
        };
    }

    private static OutcomeRateJson RateJson(OutcomeRate r) => new(r.Id, r.Label, r.Accounts, r.Churned, r.ChurnRate, r.ValueChurnRate) { ExpectedChurnRate = r.ExpectedChurnRate };
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
    List<RocPointJson> RocCurve)
{
    /// <summary>Gets the model's mean AUC over the folds the baselines are fitted on.</summary>
    public double? FoldAuc { get; init; }

    /// <summary>Gets the baselines' cross-validated AUCs.</summary>
    public BaselinesJson? Baselines { get; init; }

    /// <summary>Gets the reliability curve of a calibrated model.</summary>
    public List<ReliabilityJson>? Reliability { get; init; }
}

internal sealed record BaselinesJson(int Folds, double? LogisticRegression, double? Additive);

internal sealed record ReliabilityJson(double Expected, double Observed, int Accounts, int Churned);

internal sealed record ModelJson(string Id, string Label, string Version, string Hash);

internal sealed record OutcomeRateJson(string Id, string Label, int Accounts, int Churned, double? ChurnRate, double? ValueChurnRate)
{
    /// <summary>Gets the mean churn rate the calibration expects for the accounts, when the model is calibrated.</summary>
    public double? ExpectedChurnRate { get; init; }
}

internal sealed record MetricJson(string Id, string Label, double? Auc, bool ContradictsDirection, double MissingRate)
{
    /// <summary>Gets whether the tuner would reverse the metric on this data; null when not checked.</summary>
    public bool? ReversalSupported { get; init; }
}

/// <summary>A ROC point; the threshold is null for the first point, which flags no account.</summary>
internal sealed record RocPointJson(
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? Threshold,
    double FalsePositiveRate,
    double TruePositiveRate);
