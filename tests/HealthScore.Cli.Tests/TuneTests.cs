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
