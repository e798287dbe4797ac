using System.Text.RegularExpressions;
using HealthScore.Cli.Output;
using HealthScore.Cli.Sample;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Cli.Tests;

/// <summary>The HTML report says what it leaves out, and colours by each account's own thresholds.</summary>
public sealed class ReportTests
{
    private static readonly Lazy<(HealthScore.Core.Model.HealthModel Model, List<AccountOutcome> Outcomes)> Portfolio = new(static () =>
    {
        var model = HealthModelDocument.Compile(CliApp.SampleModel("en"));
        var scorer = new AccountScorer(model, AccountScorer.CreateProviders(model, SamplePortfolio.Features));
        var outcomes = SamplePortfolio.Stream(SamplePortfolio.DefaultSeed, 800, SamplePortfolio.DefaultAsOf).Select(a => scorer.Score(a, SamplePortfolio.DefaultAsOf)).ToList();
        PortfolioRollup.Apply(model, outcomes);
        return (model, outcomes);
    });

    [Fact]
    public void Write_MoreFiredActionsThanShown_SaysHowManyOfHowManyAndWhich()
    {
        var (model, outcomes) = Portfolio.Value;
        var fired = outcomes.SelectMany(static o => o.Actions.Where(static a => a.Fired).Select(a => (o.AccountId, a.Priority))).ToList();

        var html = HtmlReport.Write(model, outcomes, SamplePortfolio.DefaultAsOf);

        Assert.True(fired.Count > ReportData.ActionRows);
        Assert.Contains($"200 of {fired.Count} fired actions: the most urgent first (by priority, then account id).", html, StringComparison.Ordinal);
        var queue = html[html.IndexOf("<h2>Action queue</h2>", StringComparison.Ordinal)..];
        var shown = Regex.Matches(queue, "<tr><td>(\\d+)</td><td class=\"nowrap\">([^<]+)</td>").Select(static m => (Id: m.Groups[2].Value, Priority: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(200, shown.Count);
        var expected = fired.OrderBy(static f => f.Priority).ThenBy(static f => f.AccountId, StringComparer.Ordinal).Take(200).Select(static f => (Id: f.AccountId, f.Priority));
        Assert.Equal(expected, shown);
        Assert.Contains("<span class=\"id\">ACC-", html, StringComparison.Ordinal); // ids never break at their hyphen
        Assert.Contains($"The 10 lowest scores of {outcomes.Count(static o => o.Score is not null)} scored accounts.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FewerRowsThanTheLimits_NoNote()
    {
        var (model, outcomes) = Portfolio.Value;

        var html = HtmlReport.Write(model, outcomes.Take(8).ToList(), SamplePortfolio.DefaultAsOf);

        Assert.DoesNotContain(" fired actions:", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" lowest scores of ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_EachAccountByItsPhaseThresholds()
    {
        var (model, outcomes) = Portfolio.Value;
        var data = new ReportData(model, SamplePortfolio.DefaultAsOf);

        var judged = outcomes.Where(static o => o.Score is not null && !o.BandForced && !o.Overridden).ToList();

        Assert.All(judged, o => Assert.Equal(o.BandId, data.ThresholdBand(o, o.Score!.Value).Id));

        // Renewal moves "watch" to 45: a renewal account at 40–44 is at risk there, where the default phase would say watch.
        Assert.Contains(judged, o => o.PhaseId == "renewal" && o.Score is >= 40 and < 45 && o.BandId == "at_risk");
    }

    [Fact]
    public void Matrix_TicksQuadrantsAndLegendWithTheAxisLabelsOutsideThePlot()
    {
        var (model, outcomes) = Portfolio.Value;

        var html = HtmlReport.Write(model, outcomes, SamplePortfolio.DefaultAsOf);

        var matrix = html[html.IndexOf("<h2>Prioritisation matrix", StringComparison.Ordinal)..html.IndexOf("<h2>Action queue", StringComparison.Ordinal)];
        foreach (var tick in (string[])["0", "25", "50", "75", "100"])
        {
            Assert.Equal(2, Regex.Count(matrix, $"text-anchor=\"(middle|end)\">{tick}</text>"));
        }

        Assert.Contains("Low Engagement, low Satisfaction: act first", matrix, StringComparison.Ordinal);
        Assert.Contains("High Engagement, high Satisfaction: thank them, talk about expansion", matrix, StringComparison.Ordinal);
        Assert.Contains("<span class=\"dot\" style=\"background:#C62828\"></span>At risk", matrix, StringComparison.Ordinal);
        Assert.DoesNotContain("accounts are drawn", matrix, StringComparison.Ordinal); // 800 dots: all of them

        // The y label is rotated at x=16, left of the plot that starts at x=70.
        Assert.Matches("<text x=\"16\" [^>]*transform=\"rotate\\(-90 16 [0-9.]+\\)\">Satisfaction →</text>", matrix);
        var counts = Regex.Matches(matrix, "<small>(\\d+) accounts</small>").Select(static m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, counts.Count);
        Assert.Equal(outcomes.Count(static o => o.Groups.Find(static g => g.Id == "engagement")?.Score is not null && o.Groups.Find(static g => g.Id == "satisfaction")?.Score is not null), counts.Sum());
    }
}
