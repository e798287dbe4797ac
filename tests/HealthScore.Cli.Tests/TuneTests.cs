using System.Globalization;
using System.Text.RegularExpressions;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests;
using Snapshooter.Xunit;

namespace HealthScore.Cli.Tests;

/// <summary><c>healthscore tune</c> on the real telecom churn data (CC BY 4.0) and with bad arguments.</summary>
public sealed class TuneTests
{
    private static (int ExitCode, string Output, string Error) Telecom(CliRun run, params string[] extra) => TelecomFiles.Run(run, "tune", extra);

    [Fact]
    public void Tune_TelecomData_PrintsFoldsBeforeAndAfterAndWritesTheProposal()
    {
        using var run = new CliRun();
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, output, error) = Telecom(run, "--out", tuned, "--band-target", "at_risk=30%", "--band-target", "watch=0.1");

        Assert.Equal(0, code);
        Assert.Equal("ignored columns: Age Group, Tariff Plan, Status, Age\n", error);
        var mean = Regex.Match(output, @"(?m)^mean\s+(\d\.\d{3})\s+(\d\.\d{3})\s+\+");
        Assert.Equal(0.887, double.Parse(mean.Groups[1].Value, CultureInfo.InvariantCulture), 0.002);
        Assert.True(double.Parse(mean.Groups[2].Value, CultureInfo.InvariantCulture) >= 0.935, mean.Value);
        Assert.Contains("before: the model as given", output, StringComparison.Ordinal);
        Assert.Contains("after: the proposal", output, StringComparison.Ordinal);
        Assert.EndsWith($"wrote tuned.json · telecom_churn 1 · {HealthModelDocument.CompileFile(tuned).Hash[..8]}\n", output, StringComparison.Ordinal);

        // The same data, seed and targets as the tuned sample in docs.
        var sample = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.tuned.json")).ReplaceLineEndings("\n");
        Assert.Equal(sample, File.ReadAllText(tuned));
        Snapshot.Match(output);
    }

    [Fact]
    public void Tune_FewerFolds_ChangesTheSplit()
    {
        using var run = new CliRun();
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, output, _) = Telecom(run, "--out", tuned, "--folds", "3", "--seed", "9", "--segments", "4", "--penalty", "5");

        Assert.Equal(0, code);
        Assert.Contains("3-fold cross-validation, seed 9 · 4 segments · penalty 5", output, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(output, @"(?m)^[123]\s+10[45]\d\s+16\d\s"));
        Assert.DoesNotContain("from after", output, StringComparison.Ordinal); // no band targets, no band table
        Assert.True(File.Exists(tuned));
    }

    [Theory]
    [InlineData("at_risk", 2, "--band-target 'at_risk': expected band=rate")]
    [InlineData("at_risk=lots", 2, "--band-target 'at_risk=lots': expected band=rate")]
    [InlineData("at_rsk=0.3", 1, "Band target 'at_rsk' names no band of model 'telecom_churn' (did you mean 'at_risk'?).")]
    [InlineData("healthy=0.3", 1, "Band 'healthy' is the best band")]
    [InlineData("at_risk=130%", 1, "must be between 0 and 1")]
    public void Tune_BadBandTarget_ClearError(string target, int exitCode, string message)
    {
        using var run = new CliRun();
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, _, error) = Telecom(run, "--out", tuned, "--band-target", target);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
        Assert.False(File.Exists(tuned));
    }

    [Fact]
    public void Tune_TooFewChurnersOrBadOptions_ClearErrors()
    {
        using var run = new CliRun();
        var history = run.File("history.csv", "Seconds of Use,Complains,churned\n100,0,1\n200,1,0\n300,0,0\n400,0,1\n");
        var model = TelecomFiles.Model;
        var tuned = Path.Combine(run.Directory, "tuned.json");

        var (code, _, error) = run.Run("tune", "--allow-missing-columns", "--model", model, "--history", history, "--out", tuned);
        Assert.Equal(1, code);
        Assert.Contains("5-fold cross-validation needs at least 5 churners and 5 stayers; the snapshots have 2 and 2.", error, StringComparison.Ordinal);

        (code, _, error) = run.Run("tune", "--model", model, "--history", history, "--out", tuned, "--folds", "1");
        Assert.Equal(2, code);
        Assert.Contains("--folds must be 2 or more.", error, StringComparison.Ordinal);

        (code, _, error) = run.Run("tune", "--model", model, "--history", history);
        Assert.Equal(2, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);
        Assert.False(File.Exists(tuned));
    }
}

/// <summary><c>healthscore tune</c> and <c>evaluate</c> on a telecom model written with a wrong assumption: that a higher charge level drives subscribers away.</summary>
public sealed class TuneEvidenceTests
{
    private static readonly string PriceModel = Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn-price.json");

    private static (int ExitCode, string Output, string Error) Run(CliRun run, string command, string model, params string[] extra) =>
        run.Run([command, "--model", model, "--history", TelecomFiles.History, "--outcome", "Churn", "--value-column", "Customer Value", .. extra]);

    [Fact]
    public void Tune_DirectionTheDataContradicts_ReversedWithTheEvidence()
    {
        using var run = new CliRun();
        var tuned = Path.Combine(run.Directory, "price.tuned.json");

        var (code, output, _) = Run(run, "tune", PriceModel, "--out", tuned, "--horizon-days", "90");

        Assert.Equal(0, code);
        Assert.Contains("note: Metric 'charge_amount' reversed to higher is better: its own AUC read as lower is better is 0.321 (below 0.5: evaluate flags it); the reversal fits better in 5 of 5 training folds; cross-validated AUC 0.942 with it, 0.933 with every direction as configured.", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^charge_amount +Charge level \(0–9\) +0\.321 +7\.5% +9\.3% +reversed +0→0\.00 ", output);
        Assert.Matches(@"(?m)^charge_amount .* contradicts direction: tune reverses it$", output);
        Assert.Matches(@"(?m)^charge_amount +Charge level \(0–9\) +0\.679 +0\.0% +ok$", output);
        Assert.Contains("population: 3150 snapshots · scored before 3150 · after 3150 · both 3150 · minimum coverage 0.50 → 0.50", output, StringComparison.Ordinal);
        Assert.Contains("reference on the same folds: logistic regression 0.924 · free additive model 0.919 · this proposal 0.942 (additive and explainable) · with directions as configured 0.933", output, StringComparison.Ordinal);
        Assert.Contains("calibration (isotonic, on held-out scores): churn within 90 days by score, 95% interval", output, StringComparison.Ordinal);
        var model = HealthModelDocument.CompileFile(tuned);
        Assert.Equal(Core.Model.MetricDirection.HigherIsBetter, model.GetMetric("charge_amount").Direction);
        Assert.Equal(90, model.CalibrationHorizonDays);

        var (evaluated, evaluation, _) = Run(run, "evaluate", tuned, "--bootstrap", "0");
        Assert.Equal(0, evaluated);
        Assert.Contains("Band               accounts  churned  churn rate  expected churn  value churn rate", evaluation, StringComparison.Ordinal);
        Assert.Contains("reliability: accounts grouped by expected churn rate", evaluation, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^charge_amount .* ok$", evaluation);
    }

    [Fact]
    public void Tune_KeepDirections_NoReversal()
    {
        using var run = new CliRun();
        var tuned = Path.Combine(run.Directory, "kept.json");

        var (code, output, _) = Run(run, "tune", PriceModel, "--out", tuned, "--keep-directions", "--calibration", "none", "--folds", "3");

        Assert.Equal(0, code);
        Assert.Contains("directions kept", output, StringComparison.Ordinal);
        Assert.DoesNotContain("reversed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("calibration (", output, StringComparison.Ordinal);
        Assert.Equal(Core.Model.MetricDirection.LowerIsBetter, HealthModelDocument.CompileFile(tuned).GetMetric("charge_amount").Direction);
        Assert.False(HealthModelDocument.CompileFile(tuned).IsCalibrated);
    }

    [Fact]
    public void Tune_SinglePeakedUnknownMetric_UsageError()
    {
        using var run = new CliRun();

        var (code, _, error) = Run(run, "tune", PriceModel, "--out", Path.Combine(run.Directory, "x.json"), "--single-peaked", "charge_amount,seconds_of_uze");

        Assert.Equal(2, code);
        Assert.Contains("--single-peaked 'seconds_of_uze': model 'telecom_churn_price' has no such metric", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TunedTelecomSample_ExpectedAgainstObservedPerBandAndAReliabilityCurve()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "tuned.html");
        var sample = Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.tuned.json");

        var (code, output, _) = Run(run, "evaluate", sample, "--bootstrap", "0", "--report", report, "--no-baselines");

        Assert.Equal(0, code);
        Assert.Contains("calibrated: each score stands for the churn rate observed for such scores", output, StringComparison.Ordinal);
        Assert.DoesNotContain("logistic regression", output, StringComparison.Ordinal);
        var html = File.ReadAllText(report);
        Assert.Contains("<h2>Calibration: expected against observed churn</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th>expected churn</th><th>observed churn</th>", html, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(html, "<circle cx="));
    }
}
