using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthScore.Cli.Output;
using HealthScore.Core.Tests;
using HealthScore.Core.Tuning;
using Snapshooter.Xunit;

namespace HealthScore.Cli.Tests;

/// <summary><c>healthscore evaluate</c> on the real telecom churn data (CC BY 4.0) and on small broken files.</summary>
public sealed class EvaluateTests
{
    private static (int ExitCode, string Output, string Error) Telecom(CliRun run, params string[] extra) => TelecomFiles.Run(run, "evaluate", extra);

    [Fact]
    public void Evaluate_TelecomData_TableWithKeyFigures()
    {
        using var run = new CliRun();

        var (code, output, error) = Telecom(run);

        Assert.Equal(0, code);
        Assert.Equal("ignored columns: Age Group, Tariff Plan, Status, Age\n", error);
        var auc = double.Parse(Regex.Match(output, @"^AUC (\d\.\d{3}) \(95% CI", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(0.887, auc, 0.002);
        Assert.Contains("3150 accounts · 3150 scored · 495 churned (15.7%)", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^value-weighted AUC 0\.9\d\d$", output);
        Assert.Matches(@"(?m)^call_failure .* contradicts direction \(alone only\)$", output);
        Assert.Single(Regex.Matches(output, "contradicts direction"));
        Assert.Matches(@"(?m)^on 5 folds: this model 0\.88\d · logistic regression 0\.92\d · free additive model 0\.9[12]\d \(cross-validated", output);
        Snapshot.Match(output);
    }

    [Fact]
    public void Evaluate_TelecomData_JsonWithRocCurve()
    {
        using var run = new CliRun();

        var (code, output, _) = Telecom(run, "--format", "json", "--bootstrap", "200", "--seed", "7");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("telecom_churn", root.GetProperty("model").GetProperty("id").GetString());
        Assert.Equal(3150, root.GetProperty("accounts").GetInt32());
        Assert.Equal(495, root.GetProperty("churned").GetInt32());
        Assert.Equal(0.887, root.GetProperty("auc").GetDouble(), 0.002);
        Assert.True(root.GetProperty("aucLower").GetDouble() < root.GetProperty("auc").GetDouble());
        Assert.Equal(200, root.GetProperty("bootstrapSamples").GetInt32());
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.True(root.GetProperty("valueWeightedAuc").GetDouble() > 0.9);
        Assert.Equal(["Age Group", "Tariff Plan", "Status", "Age"], root.GetProperty("ignoredColumns").EnumerateArray().Select(static c => c.GetString()));
        Assert.True(root.GetProperty("metrics").EnumerateArray().Single(static m => m.GetProperty("id").GetString() == "call_failure").GetProperty("contradictsDirection").GetBoolean());
        var roc = root.GetProperty("rocCurve").EnumerateArray().ToList();
        Assert.True(roc.Count > 100);
        Assert.Equal(JsonValueKind.Null, roc[0].GetProperty("threshold").ValueKind);
        Assert.Equal((0.0, 0.0), (roc[0].GetProperty("falsePositiveRate").GetDouble(), roc[0].GetProperty("truePositiveRate").GetDouble()));
        Assert.Equal((1.0, 1.0), (roc[^1].GetProperty("falsePositiveRate").GetDouble(), roc[^1].GetProperty("truePositiveRate").GetDouble()));
    }

    [Fact]
    public void Evaluate_TelecomData_HtmlReportWithRocCurveAndOneBarPerBand()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "evaluation.html");

        var (code, output, _) = Telecom(run, "--report", report);

        Assert.Equal(0, code);
        Assert.DoesNotContain(report, output, StringComparison.Ordinal);
        var html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<polyline [^>]*points=\"50,390 [^\"]* 430,10\""));
        Assert.Contains("<h2>ROC curve · AUC 0.887 (95% CI", html, StringComparison.Ordinal);
        Assert.Contains("false-positive rate", html, StringComparison.Ordinal);
        Assert.Contains("true-positive rate", html, StringComparison.Ordinal);
        foreach (var (label, color, counts) in new[] { ("At risk", "#C62828", "319 / 588"), ("Watch", "#F9A825", "152 / 1189"), ("Healthy", "#2E7D32", "24 / 1373") })
        {
            Assert.Single(Regex.Matches(html, Regex.Escape($"fill=\"{color}\"><title>{label}: {counts} churned")));
        }

        Assert.DoesNotContain("Insufficient data:", html, StringComparison.Ordinal);
        Assert.Contains("<td>call_failure</td><td>Call failures</td><td>0.475</td><td>0.0%</td><td><strong style=\"color:#C62828\">contradicts direction (alone only)</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>All accounts</td><td>3150</td><td>495</td><td>15.7%</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ModelTextInReport_IsHtmlEncoded()
    {
        using var run = new CliRun();
        var model = run.File("m.json", File.ReadAllText(TelecomFiles.Model).Replace("\"Telecom subscriber health\"", "\"<b>Telecom</b> & co\"", StringComparison.Ordinal));
        var report = Path.Combine(run.Directory, "r.html");

        var (code, _, _) = run.Run("evaluate", "--model", model, "--history", TelecomFiles.History, "--outcome", "Churn", "--report", report, "--bootstrap", "0");

        Assert.Equal(0, code);
        var html = File.ReadAllText(report);
        Assert.Contains("&lt;b&gt;Telecom&lt;/b&gt; &amp; co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Thin_LongCurve_KeepsEndsAndAboutTwoThousandPoints()
    {
        var points = Enumerable.Range(0, 5001).Select(static i => new RocPoint(i, i / 5000.0, Math.Sqrt(i / 5000.0))).ToList();

        var thinned = EvaluationHtmlReport.Thin(points);

        Assert.InRange(thinned.Count, 1000, EvaluationHtmlReport.MaxRocPoints + 1);
        Assert.Equal(points[0], thinned[0]);
        Assert.Equal(points[^1], thinned[^1]);
        Assert.Equal(thinned, EvaluationHtmlReport.Thin(points));
        var few = points.Take(EvaluationHtmlReport.MaxRocPoints).ToList();
        Assert.Same(few, EvaluationHtmlReport.Thin(few));
    }

    [Fact]
    public void Evaluate_LooseHeadersAndOutcomeWords_ReadAndWarnAboutMissingMetrics()
    {
        using var run = new CliRun();
        var csv = run.File("h.csv", "ID,SECONDS-OF-USE,complains,Churned,note\n" +
            "a,100,1,yes,x\nb,5000,0,no,\nc,200,1,Churned,\nd,4000,0,retained,\ne,,0,TRUE,\nf,3000,0,false,\ng,50,1,1,\nh,6000,0,0,\n");

        var (code, output, error) = run.RunRaw("evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", csv, "--bootstrap", "0");

        Assert.Equal(0, code);
        Assert.StartsWith("ignored columns: note\nwarning: h.csv has no column for metric 'frequency_of_use' of model 'telecom_churn'; its values are all missing.\n", error, StringComparison.Ordinal);
        Assert.Equal(8, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("8 accounts · ", output, StringComparison.Ordinal);
        Assert.Contains("4 churned (50.0%)", output, StringComparison.Ordinal);
        Assert.Contains("no interval (--bootstrap 0)", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^seconds_of_use +Seconds of use +1\.000 +12\.5% +ok$", output);
    }

    [Fact]
    public void Evaluate_PhaseColumn_ChurnPerPhase()
    {
        using var run = new CliRun();
        var csv = run.File("h.csv", "account_id,phase,logins_per_week,churned\nA,onboarding,1,1\nB,renewal,5,0\nC,,4,0\nD,renewal,0.5,1\n");

        var (code, output, error) = run.Run("evaluate", "--allow-missing-columns", "--model", run.SampleModel(), "--history", csv, "--phase-column", "Phase", "--format", "json", "--bootstrap", "0");

        Assert.True(code == 0, error);
        var phases = JsonDocument.Parse(output).RootElement.GetProperty("phases").EnumerateArray().ToDictionary(static p => p.GetProperty("id").GetString()!, static p => p.GetProperty("accounts").GetInt32());
        Assert.Equal(1, phases["onboarding"]);
        Assert.Equal(1, phases["adoption"]);
        Assert.Equal(2, phases["renewal"]);
    }

    [Theory]
    [InlineData("Call Failure,Churn\n1,0\n2,maybe\n", "h.csv line 3: column 'Churn' has 'maybe'; expected 1/0, true/false, yes/no or churned/retained, or name the label that means churned with --churned-value.")]
    [InlineData("Call Failure,Churn\n1,0\n2,\n", "h.csv line 3: column 'Churn' has ''; expected 1/0, true/false, yes/no or churned/retained, or name the label that means churned with --churned-value.")]
    [InlineData("Call Failure,Churn\n1,0\nabc,1\n", "h.csv line 3: column 'Call Failure' has 'abc', not a number.")]
    [InlineData("Call Failure,Churn\n1,0\n2,1,3\n", "h.csv line 3: 3 fields, the header has 2.")]
    [InlineData("call_failure,Call  Failure,Churn\n1,1,0\n", "h.csv line 1: columns 'call_failure' and 'Call  Failure' both match metric 'call_failure'.")]
    [InlineData("Call Failure,churn,CHURN\n1,0,0\n", "h.csv line 1: columns 'churn' and 'CHURN' both match the outcome column 'Churn'.")]
    [InlineData("Call Failure,Customer Value,Churn\n1,-5,0\n", "h.csv line 2: column 'Customer Value' has '-5'; expected a non-negative account value.")]
    [InlineData("Call Failure,Customer Value,Churn\n1,,0\n", "h.csv line 2: column 'Customer Value' has ''; expected a non-negative account value.")]
    [InlineData("Call Failure,Churn\n", "h.csv: no rows after the header.")]
    [InlineData("", "h.csv: the file is empty; expected a header row with an outcome column and metric columns.")]
    public void Evaluate_BadHistory_Exit1WithFileLineAndColumn(string csv, string message)
    {
        using var run = new CliRun();

        string[] value = csv.Contains("Customer Value", StringComparison.Ordinal) ? ["--value-column", "customer-value"] : [];

        var (code, output, error) = run.Run(["evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", run.File("h.csv", csv), "--outcome", "Churn", .. value]);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: " + message + "\n", error);
    }

    [Theory]
    [InlineData("no outcome column 'churned' (name it with --outcome)")]
    [InlineData("no value column 'revenue'", "--outcome", "churn", "--value-column", "revenue")]
    [InlineData("no phase column 'stage'", "--outcome", "churn", "--phase-column", "stage")]
    public void Evaluate_NamedColumnMissing_ListsTheHeader(string problem, params string[] options)
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run(["evaluate", "--allow-missing-columns", "--model", TelecomFiles.Model, "--history", run.File("h.csv", "Call Failure,Churn\n1,0\n"), .. options]);

        Assert.Equal(1, code);
        Assert.Equal($"error: h.csv line 1: {problem}; the header has 'Call Failure', 'Churn'.\n", error);
    }

    [Fact]
    public void Evaluate_UnknownPhase_LineAndSuggestion()
    {
        using var run = new CliRun();
        var csv = run.File("h.csv", "account_id,phase,logins_per_week,churned\nA,onboarding,1,1\nB,renewl,5,0\n");

        var (code, _, error) = run.Run("evaluate", "--allow-missing-columns", "--model", run.SampleModel(), "--history", csv, "--phase-column", "phase");

        Assert.Equal(1, code);
        Assert.Equal("error: h.csv line 3: column 'phase' has 'renewl', not a phase of model 'saas_health' (did you mean 'renewal'?).\n", error);
    }

    [Fact]
    public void Evaluate_NegativeBootstrap_UsageError()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("evaluate", "--model", TelecomFiles.Model, "--history", TelecomFiles.History, "--outcome", "Churn", "--bootstrap", "-1");

        Assert.Equal(2, code);
        Assert.StartsWith("--bootstrap must be 0 or more.\n", error, StringComparison.Ordinal);
    }
}
