using HealthScore.Cli.Sample;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Cli.Tests;

public sealed class SamplePortfolioTests
{
    [Fact]
    public void Generate_SameSeed_SameRecords()
    {
        var a = SamplePortfolio.Generate(7, 20, SamplePortfolio.DefaultAsOf);
        var b = SamplePortfolio.Generate(7, 20, SamplePortfolio.DefaultAsOf);

        Assert.Equal(a.Select(static x => x.Records!.Value.Events.Length), b.Select(static x => x.Records!.Value.Events.Length));
        Assert.Equal(a.Select(static x => x.Name), b.Select(static x => x.Name));
    }

    [Fact]
    public void Generate_DefaultPortfolio_EveryPhaseEveryBandEverySignalFamily()
    {
        var model = HealthModelDocument.Compile(CliApp.SampleModel("en"));
        var accounts = SamplePortfolio.Generate(SamplePortfolio.DefaultSeed, SamplePortfolio.DefaultCount, SamplePortfolio.DefaultAsOf);
        var scorer = new AccountScorer(model, AccountScorer.CreateProviders(model, SamplePortfolio.Features));

        var outcomes = accounts.Select(a => scorer.Score(a, SamplePortfolio.DefaultAsOf)).ToList();

        Assert.True(accounts.Count >= 300);
        Assert.Equal(["adoption", "dormant", "onboarding", "renewal"], outcomes.Select(static o => o.PhaseId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["at_risk", "healthy", "watch"], outcomes.Select(static o => o.BandId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(accounts, static a => Assert.True(a.Records!.Value.Milestones.Length > 0 && a.Records.Value.Goals.Length > 0 && a.Records.Value.Touches.Length > 0));
        Assert.Contains(accounts, static a => a.Records!.Value.Tickets.Length > 0);
        Assert.Contains(accounts, static a => a.Records!.Value.Surveys.Length > 0);
        Assert.Contains(accounts, static a => a.Records!.Value.Events.Length > 0);
        Assert.All(outcomes, static o => Assert.NotNull(o.Trend));
    }
}
