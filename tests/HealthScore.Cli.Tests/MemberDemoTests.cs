using System.Text.Json;

namespace HealthScore.Cli.Tests;

/// <summary><c>demo --sample members</c>: the member portfolio scored with the member model, in English and Japanese.</summary>
public sealed class MemberDemoTests
{
    [Fact]
    public void Demo_Members_EveryPhaseAndBandPrintedAndTheReportWritten()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "report.html");

        var (code, output, error) = run.Run("demo", "--sample", "members", "--top", "300", "--report", report);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.StartsWith("Member health (community and fitness) · 300 members · as of 2026-11-24\n\nMember ", output, StringComparison.Ordinal);
        Assert.All((string[])["New member", "Settling in", "Established", "Lapsing", "At risk", "Watch", "Healthy", "Show them how to use it", "Ask what would help", "✎"],
            t => Assert.Contains(t, output, StringComparison.Ordinal));
        Assert.DoesNotContain("ACC-", output, StringComparison.Ordinal);
        var html = File.ReadAllText(report);
        // The action queue holds the 200 most urgent fired actions: the respond actions, which come first by priority.
        Assert.All((string[])["Members most at risk", "Usage streak broken for 14 days", "Show them how to use it", "likely to leave", "200 of 300 fired actions"],
            t => Assert.Contains(t, html, StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_MembersExported_ScoresBackToTheSameTableWithEveryKindFiredAndConsentHeldBack()
    {
        using var run = new CliRun();
        var (model, files, demo) = Export(run);

        var table = run.Run(["score", "--model", model, .. files]);
        var json = run.Run(["score", "--model", model, "--format", "json", .. files]);

        Assert.Equal(0, demo.ExitCode);
        Assert.Equal("", table.Error);
        var printed = demo.Output.Split("\n\n", 2)[1];
        printed = printed[..printed.LastIndexOf("\n150/150", StringComparison.Ordinal)];
        Assert.Equal(printed.TrimEnd('\n') + "\n", table.Output);
        var actions = JsonDocument.Parse(json.Output).RootElement.EnumerateArray()
            .SelectMany(static a => a.GetProperty("actions").EnumerateArray())
            .Select(static a => (Kind: a.GetProperty("kind").GetString(), Status: a.GetProperty("status").GetString(), Because: a.TryGetProperty("suppressedBecause", out var b) ? b.GetString() : null))
            .ToList();
        Assert.All((string[])["respond", "recommend", "coach", "automate"], kind => Assert.Contains(actions, a => a.Kind == kind && a.Status == "fired"));
        Assert.All((string[])["coach", "automate"], kind => Assert.Contains(actions, a => a.Kind == kind && a.Status == "suppressedByConsent" && a.Because == "no 'personal_data' consent"));
        Assert.DoesNotContain(actions, a => a.Kind is "respond" or "recommend" && a.Status == "suppressedByConsent");
    }

    [Fact]
    public void Explain_MemberWithCoachingHeldBack_NamesTheDataAndTheConsent()
    {
        using var run = new CliRun();
        var (model, files, _) = Export(run);
        var held = JsonDocument.Parse(run.Run(["score", "--model", model, "--format", "json", .. files]).Output).RootElement.EnumerateArray()
            .First(static a => a.GetProperty("actions").EnumerateArray().Any(static x => x.GetProperty("id").GetString() == "coach_restart_streak" && x.GetProperty("status").GetString() == "suppressedByConsent"))
            .GetProperty("accountId").GetString()!;

        var (code, output, _) = run.Run(["explain", "--model", model, "--account", held, .. files]);

        Assert.Equal(0, code);
        Assert.Contains("suppressed coach_restart_streak (coach, priority 20): no 'personal_data' consent\n    because metrics.longest_streak_days = ", output, StringComparison.Ordinal);
        Assert.Contains(", metrics.days_since_last_activity = ", output, StringComparison.Ordinal);
        Assert.Contains("Used with their consent to use personal data: their daily activity.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_MembersJapanese_LabelsAndMessagesInJapanese()
    {
        using var run = new CliRun();
        var report = Path.Combine(run.Directory, "report.html");

        var (code, output, error) = run.Run("demo", "--sample", "members", "--lang", "ja", "--top", "300", "--report", report);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.StartsWith("会員ヘルス（コミュニティ・フィットネス） · 300 会員 · 基準日 2026-11-24\n\n会員 ", output, StringComparison.Ordinal);
        Assert.All((string[])["新規会員", "定着期", "継続会員", "離脱傾向", "使い方を案内する", "どうすればより満足できるか聞く"], t => Assert.Contains(t, output, StringComparison.Ordinal));
        Assert.All((string[])["New member", "Settling in", "Established", "Lapsing", "At risk", "Ask what would help"], t => Assert.DoesNotContain(t, output, StringComparison.Ordinal));
        var html = File.ReadAllText(report);
        Assert.All((string[])["リスクの高い会員", "連続利用が14日途切れている", "使い方がまだわかっていない", "解約する可能性が高い"], t => Assert.Contains(t, html, StringComparison.Ordinal));
    }

    [Fact]
    public void Demo_UnknownSample_UsageError()
    {
        using var run = new CliRun();

        var (code, _, error) = run.Run("demo", "--sample", "telecom");

        Assert.Equal(2, code);
        Assert.Contains("telecom", error, StringComparison.Ordinal);
    }

    /// <summary>150 members exported by the demo: the model file, the options of 'score' that read the export, and the demo's run.</summary>
    private static (string Model, string[] Files, (int ExitCode, string Output, string Error) Demo) Export(CliRun run)
    {
        var data = Path.Combine(run.Directory, "data");
        var model = run.File("members.en.json", CliApp.SampleModel("members", "en"));
        var demo = run.Run("demo", "--sample", "members", "--count", "150", "--top", "150", "--report", Path.Combine(run.Directory, "r.html"), "--export", data);
        string[] files = ["--accounts", Path.Combine(data, "accounts.csv"), "--records", data, "--inputs", Path.Combine(data, "inputs.csv"), "--overrides", Path.Combine(data, "overrides.csv"), "--as-of", "2026-11-24"];
        return (model, files, demo);
    }
}
