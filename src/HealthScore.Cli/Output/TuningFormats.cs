using System.Globalization;
using System.Text;
using HealthScore.Core.Scoring;
using HealthScore.Core.Tuning;

namespace HealthScore.Cli.Output;

/// <summary>What <c>healthscore tune</c> prints: the folds, the proposal metric by metric and band by band, and the reports before and after.</summary>
internal static class TuningFormats
{
    public static string Text(TuningResult result, TuningOptions options, EvaluationRun before, EvaluationRun after, string written)
    {
        var model = before.Model;
        var sb = new StringBuilder();
        sb.Append(model.Label).Append(" · ").Append(model.Id).Append(' ').Append(model.Version).Append(" · ").Append(before.ShortHash).Append('\n');
        sb.Append(string.Create(
            CultureInfo.InvariantCulture,
            $"{(result.Profile is { } id ? $"profile {id} alone (its weights; the metric catalogue and the other profiles as written) · " : string.Empty)}{before.Report.Accounts} snapshots · {before.Report.Churned} churned · {options.Folds}-fold cross-validation, seed {options.Seed} · {options.Segments} segments · penalty {options.Penalty} · {(options.KeepDirections ? "directions kept" : "directions follow the evidence")}{(options.SinglePeaked.Count > 0 ? " · single-peaked allowed: " + string.Join(", ", options.SinglePeaked) : string.Empty)}\n\n"));

        var folds = result.Folds
            .Select(static f => (IReadOnlyList<string>)[F(f.Fold), F(f.TestAccounts), F(f.TestChurned), F(f.Compared), EvaluationFormats.Auc(f.AucBefore), EvaluationFormats.Auc(f.AucAfter), Change(f.AucAfter - f.AucBefore)])
            .Append(["mean", string.Empty, string.Empty, string.Empty, EvaluationFormats.Auc(result.CrossValidatedAucBefore), EvaluationFormats.Auc(result.CrossValidatedAucAfter), Change(result.CrossValidatedAucAfter - result.CrossValidatedAucBefore)])
            .ToList();
        sb.Append(TextTable.Write(["fold", "held out", "churned", "compared", "AUC before", "AUC after", "change"], folds));
        sb.Append("(each fold's AUCs over the held-out snapshots both models score: \"compared\")\n");
        if (result.Population is { } population)
        {
            sb.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"\npopulation: {population.Accounts} snapshots · scored before {population.ScoredBefore} · after {population.ScoredAfter} · both {population.Compared} · minimum coverage {population.MinimumCoverageBefore:0.00} → {population.MinimumCoverageAfter:0.00}\n"));
        }

        if (result.Baselines is { } baselines)
        {
            sb.Append(string.Create(
                CultureInfo.InvariantCulture,
                $"reference on the same folds: logistic regression {EvaluationFormats.Auc(baselines.LogisticRegression)} · free additive model {EvaluationFormats.Auc(baselines.Additive)} · this proposal {EvaluationFormats.Auc(result.CrossValidatedAucAfter)} (additive and explainable){(result.CrossValidatedAucWithFixedDirections is { } fixedAuc ? " · with directions as configured " + EvaluationFormats.Auc(fixedAuc) : string.Empty)}\n"));
        }

        var metrics = result.Metrics
            .Select(static m => (IReadOnlyList<string>)[m.Id, m.Label, EvaluationFormats.Auc(m.OwnAuc), EvaluationFormats.Rate(m.ShareBefore), EvaluationFormats.Rate(m.ShareAfter), Change(m), Scoring(m)])
            .ToList();
        sb.Append('\n').Append(TextTable.Write(["metric", "label", "own AUC", "share before", "share after", "change", "scoring after"], metrics));

        if (result.Profiles.Count > 0 && result.Profile is null)
        {
            var profiles = result.Profiles
                .Select(static p => (IReadOnlyList<string>)[p.Id, p.Label, F(p.Accounts), F(p.Churned), EvaluationFormats.Auc(p.CrossValidatedAucBefore), EvaluationFormats.Auc(p.CrossValidatedAucAfter), Change(p.CrossValidatedAucAfter - p.CrossValidatedAucBefore), p.Tuned ? "weights tuned on its own accounts" : "weights kept (see the notes)"])
                .ToList();
            sb.Append('\n').Append(TextTable.Write(["profile", "label", "snapshots", "churned", "AUC before", "AUC after", "change", "weights"], profiles));
            sb.Append("(each profile's cross-validated AUC over its own held-out snapshots, scored with its own scorecard)\n");
        }

        if (result.Bands.Count > 0)
        {
            var bands = result.Bands
                .Select(b => (IReadOnlyList<string>)[b.Label, Bound(b.CurrentLowerBound, model.Decimals), Bound(b.ProposedLowerBound, model.Decimals), F(b.Accounts), F(b.Churned), EvaluationFormats.Rate(b.ChurnRate), Target(b)])
                .ToList();
            sb.Append('\n').Append(TextTable.Write([new ReportTexts(model).Band, "from before", "from after", "accounts", "churned", "churn rate", "target"], bands));
        }

        if (result.Definition.Calibration is { } calibration)
        {
            sb.Append('\n').Append(EvaluationFormats.CalibrationText(calibration, model.Decimals));
        }

        if (result.Notes.Count > 0)
        {
            sb.Append('\n');
            foreach (var note in result.Notes)
            {
                sb.Append("note: ").Append(note).Append('\n');
            }
        }

        sb.Append("\nbefore: the model as given, on all snapshots\n").Append(EvaluationFormats.Text(before));
        sb.Append("\nafter: the proposal, on the snapshots it was fitted on (the cross-validated AUC above is the honest figure)\n").Append(EvaluationFormats.Text(after));
        sb.Append("\nwrote ").Append(written).Append(" · ").Append(after.Model.Id).Append(' ').Append(after.Model.Version).Append(" · ").Append(after.ShortHash).Append('\n');
        return sb.ToString();
    }

    private static string F(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Change(double? delta) => delta is { } d ? d.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Bound(double bound, int decimals) => bound.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Target(BandProposal band) => band.TargetChurnRate is { } target
        ? "≥ " + EvaluationFormats.Rate(target) + (band.TargetMet ? string.Empty : " (not met)")
        : string.Empty;

    private static string Change(MetricTuning metric)
    {
        var changes = new List<string>(3);
        if (metric.Reversed)
        {
            changes.Add("reversed");
        }

        if (metric.SinglePeaked)
        {
            changes.Add("single-peaked");
        }

        if (metric.BlankScore is { } blank)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"blank→{blank:0.00}"));
        }

        return changes.Count == 0 ? string.Empty : string.Join(", ", changes);
    }

    private static string Scoring(MetricTuning metric) => metric.AtMinimum
        ? "kept, minimum weight: review"
        : metric.KeptWithin is { } group
            ? $"kept within '{group}'"
            : metric.ScoringAfter is PiecewiseLinearScoring piecewise
            ? Points(piecewise.Points)
            : metric.ScoringAfter is PeakedScoring peaked
            ? Points(peaked.Points)
            : metric.ScoringAfter is CategoryScoring categories
            ? string.Join(" ", categories.Categories.Select(static c => string.Create(CultureInfo.InvariantCulture, $"{c.Id}→{c.Score:0.00}")))
            : metric.ScoringAfter?.Type ?? "-";

    private static string Points(List<ScoringPoint> points) =>
        string.Join(" ", points.Select(static p => string.Create(CultureInfo.InvariantCulture, $"{p.Value:0.###}→{p.Score:0.00}")));
}
