using System.Net;
using System.Text.RegularExpressions;
using HealthScore.Cli.Output;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using Snapshooter.Xunit;

namespace HealthScore.Cli.Tests;

public sealed class CommandTests
{
    private const string Accounts =
        "account_id,name,seats,tenure_days,days_to_renewal,consents,logins_per_week,active_days,feature_breadth,days_since_last_activity,open_high_severity_tickets,escalations,nps,csat,touches,onboarding_completion,goal_attainment\n" +
        "A-1,Acme,12,40,325,email,1.5,9,0.3,2,2,1,,,4,0.4,\n" +
        "A-2,\"Globex, Inc.\",40,400,60,email;marketing;automation,4.5,17,0.35,0,0,0,40,4.5,10,1,1.1\n" +
        "A-3,Initech,8,700,200,,0.2,1,0.1,50,1,3,-60,2,1,,0.2\n" +
        "A-4,Umbrella,30,300,100,email,2,8,0.25,6,0,1,-10,3,3,1,0.6\n";

    [Fact]
    public void Demo_NoArguments_PrintsTableByPriorityAndWritesReport()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "report.html");

        var (code, output, error) = run.Run("demo", "--report", report);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Snapshot.Match(output.Replace(report, "report.html", StringComparison.Ordinal));
        var html = File.ReadAllText(report);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Japanese_LabelsInJapanese()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "report.html");

        var (code, output, _) = run.Run("demo", "--lang", "ja", "--top", "5", "--report", report);

        Assert.Equal(0, code);
        Snapshot.Match(output.Replace(report, "report.html", StringComparison.Ordinal));
        Assert.Contains("優先度マトリクス", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_JapaneseReport_NoEnglishDefaultOfAnyKey()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "report.html");

        var (code, output, _) = run.Run("demo", "--lang", "ja", "--top", "300", "--report", report);

        Assert.Equal(0, code);
        var html = File.ReadAllText(report);
        Assert.All((string[])["手動上書き", "期限切れの入力", "親アカウントと子アカウント", "集約スコア", "調整", "算出値", "失効日"], t => Assert.Contains(t, html, StringComparison.Ordinal));

        // What a person reads: text between tags and tooltips. Defaults without a letter (→) read the same in Japanese.
        var page = Regex.Replace(html, "<style>.*?</style>", " ", RegexOptions.Singleline);
        var read = WebUtility.HtmlDecode(Regex.Replace(page, "<[^>]*>", " ") + " " + string.Join(" ", Regex.Matches(page, "title=\"([^\"]*)\"").Select(static m => m.Groups[1].Value)));
        var english = TextKeys.Defaults.Concat(ReportTexts.Defaults).Where(static d => d.Value.Any(char.IsLetter)).ToList();
        Assert.True(english.Count > 50);
        foreach (var (key, text) in english)
        {
            var word = new Regex("(?<![A-Za-z])" + Regex.Escape(text) + "(?![A-Za-z])");
            Assert.False(word.IsMatch(read), $"the Japanese report shows the English default of '{key}': \"{text}\"");
            Assert.False(word.IsMatch(output), $"the Japanese demo prints the English default of '{key}': \"{text}\"");
        }
    }

    [Fact]
    public void Demo_SmallPortfolio_ReportMatchesSnapshot()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "report.html");

        var (code, _, _) = run.Run("demo", "--count", "40", "--top", "0", "--report", report);

        Assert.Equal(0, code);
        var html = File.ReadAllText(report);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Snapshot.Match(html);
    }

    [Fact]
    public void Score_Json_OneObjectPerAccount()
    {
        using var run = new CliRun();
        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("accounts.csv", Accounts), "--format", "json");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Snapshot.Match(output);
    }

    [Fact]
    public void Score_TableAndCsv_Snapshots()
    {
        using var run = new CliRun();
        var model = run.SampleModel();
        var accounts = run.File("accounts.csv", Accounts);
        var out1 = run.Run("score", "--allow-missing-columns", "--model", model, "--accounts", accounts);
        var out2 = run.Run("score", "--allow-missing-columns", "--model", model, "--accounts", accounts, "--format", "csv");

        Snapshot.Match(out1.Output + "\n" + out2.Output);
    }

    [Fact]
    public void Score_ContractDatesWithoutRecords_TenureAndRenewalAsOfTheDate()
    {
        using var run = new CliRun();
        var accounts = run.File("accounts.csv", "account_id,contract_start,renewal_date,nps\nNEW,2026-11-01,2027-11-01,10\nRENEWING,2024-01-15,2027-01-15,10\nSETTLED,2024-06-01,2027-06-01,10\n");

        var (code, output, error) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", accounts, "--as-of", "2026-11-24", "--format", "csv");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        var phases = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(static l => l.Split(',')).ToDictionary(static c => c[0], static c => c[1]);
        Assert.Equal("onboarding", phases["NEW"]);
        Assert.Equal("renewal", phases["RENEWING"]);
        Assert.Equal("adoption", phases["SETTLED"]);
    }

    [Fact]
    public void Score_OutAndReport_WritesFiles()
    {
        using var run = new CliRun();
        var outPath = Path.Combine(run.Directory, "out.csv");
        var reportPath = Path.Combine(run.Directory, "r.html");

        var (code, output, _) = run.Run("score", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("accounts.csv", Accounts), "--format", "csv", "--out", outPath, "--report", reportPath);

        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.StartsWith("account_id,phase,score", File.ReadAllText(outPath), StringComparison.Ordinal);
        Assert.Contains("Action queue", File.ReadAllText(reportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_OneAccount_FullExplanation()
    {
        using var run = new CliRun();
        var (code, output, error) = run.Run("explain", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("accounts.csv", Accounts), "--account", "A-1");

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Snapshot.Match(output);
    }

    [Fact]
    public void Explain_UnknownAccount_Exit1()
    {
        using var run = new CliRun();
        var (code, _, error) = run.Run("explain", "--allow-missing-columns", "--model", run.SampleModel(), "--accounts", run.File("accounts.csv", Accounts), "--account", "nope");

        Assert.Equal(1, code);
        Assert.Equal("error: No account 'nope' in accounts.csv.\n", error);
    }

    [Fact]
    public void Validate_SampleModel_Exit0()
    {
        using var run = new CliRun();
        var (code, output, _) = run.Run("validate", "--model", run.SampleModel("ja"));

        Assert.Equal(0, code);
        Assert.StartsWith("saas.ja.json: valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenModel_EveryErrorWithPathLineAndColumn()
    {
        using var run = new CliRun();
        // Each edit breaks the first place it matches: the model's own groups, not the sample's profiles that repeat them.
        var broken = First(First(First(First(First(CliApp.SampleModel("en"),
            "\"weight\": 35", "\"weight\": -35"),
            "metrics.escalations >= 1 ||", "metrics.escalatons >= 1 ||"),
            "\"then\": \"dormant\"", "\"then\": \"dormnat\""),
            "\"id\": \"support\", \"label\": \"Support\", \"weight\": 15", "\"id\": \"support\", \"label\": \"Support\", \"weight\": 0"),
            "\"worst\": 0, \"best\": 18", "\"worst\": 18, \"best\": 18");

        var (code, output, _) = run.Run("validate", "--model", run.File("broken.json", broken));

        Assert.Equal(1, code);
        Snapshot.Match(output);
    }

    private static string First(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the document.");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    [Fact]
    public void Migrate_FormatVersion1Document_WritesFormat2WithTheSameModel()
    {
        using var run = new CliRun();
        var original = File.ReadAllText(Path.Combine(HealthScore.Core.Tests.TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Serialization", "FormatVersion1", "saas.ja.json"));
        var output = Path.Combine(Path.GetDirectoryName(run.File("v1.json", original))!, "v2.json");

        var (code, printed, _) = run.Run("migrate", "--model", run.File("v1.json", original), "--out", output);

        Assert.Equal(0, code);
        Assert.Equal("v1.json → " + output + ": format 2\n", printed);
        var migrated = File.ReadAllText(output);
        Assert.Contains("\"report.accounts\": \"アカウント\"", migrated, StringComparison.Ordinal);
        Assert.Equal(HealthModelDocument.Compile(original).Hash, HealthModelDocument.Compile(migrated).Hash);
    }

    [Fact]
    public void Migrate_InvalidDocument_ListsTheErrors()
    {
        using var run = new CliRun();

        var (code, printed, _) = run.Run("migrate", "--model", run.File("bad.json", "{ \"groups\": [] "));

        Assert.Equal(1, code);
        Assert.StartsWith("bad.json: 1 error(s)\n  bad.json(1,", printed, StringComparison.Ordinal);
    }
}
