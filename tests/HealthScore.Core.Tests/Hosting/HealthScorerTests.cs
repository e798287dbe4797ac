using System.Text;
using HealthScore.Core.Hosting;
using HealthScore.Core.Metrics;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace HealthScore.Core.Tests.Hosting;

/// <summary>The hosted scorer runs the pipeline with the model serving now, and counts what it did.</summary>
public sealed class HealthScorerTests
{
    [Fact]
    public void Evaluate_WithTheSampleModel_RunsPhaseRulesBandExceptionsAndActions()
    {
        var model = PipelineSamples.SampleModel;
        using var metrics = new HealthScoringMetrics();
        using var recorded = new HealthScoringMetricsTests.Recorder(metrics.Meter);
        using var source = new HealthModelSource(model);
        var scorer = new HealthScorer(source, metrics);
        var workspace = scorer.CreateWorkspace();

        var health = scorer.Evaluate(new AccountInput { AsOf = PipelineSamples.AsOf, MetricValues = PipelineSamples.Struggling(model), Facts = PipelineSamples.Facts(model, 40) }, workspace);

        Assert.Equal("onboarding", health.Phase.Id);
        Assert.Equal("critical_tickets", health.BandException?.Id);
        Assert.Equal(
            ["healthscore.accounts.scored {account} = 1", "healthscore.actions.fired {action} = 1", "healthscore.actions.suppressed {action} = 1"],
            recorded.Totals());
    }

    [Fact]
    public void Engine_AfterAReload_FollowsTheNewModelWhileOldWorkspacesKeepTheirs()
    {
        using var metrics = new HealthScoringMetrics();
        using var source = new HealthModelSource(HostingFixtures.ModelA);
        var scorer = new HealthScorer(source, metrics);
        var before = scorer.CreateWorkspace();
        Assert.Same(scorer.Engine, scorer.Engine);

        Assert.True(source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB), "test"));
        var after = scorer.CreateWorkspace();
        var old = scorer.Evaluate(new AccountInput { AsOf = PipelineSamples.AsOf, MetricValues = HostingFixtures.Values(before.Engine.Model) }, before);

        Assert.Same(HostingFixtures.ModelA, old.Model);
        Assert.NotSame(before.Engine, after.Engine);
        Assert.Equal(source.Current, after.Engine.Model);
    }

    [Fact]
    public void AddHealthScoring_WithProviders_EngineComputesValuesFromRecords()
    {
        var path = Path.Combine(HostingFixtures.TempDirectory(), "model.json");
        File.WriteAllText(path, File.ReadAllText(Serialization.SampleModelTests.SamplePath("saas.en.json")));
        var services = new ServiceCollection();
        services.AddHealthScoring(b => b.Configure(o => o.ModelPath = path));
        services.AddMetricProvider(new UsageProvider(new UsageProviderOptions { AvailableFeatures = ["reports"] }));
        services.AddMetricProvider<SupportProvider>();
        services.AddMetricProvider<SatisfactionProvider>();
        services.AddMetricProvider<EngagementProvider>();
        services.AddMetricProvider<OnboardingProvider>();
        services.AddMetricProvider<ValueProvider>();
        services.AddMetricProvider(new EnteredSentimentProvider());
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<HealthEngine>();
        var tickets = new[]
        {
            new SupportTicket(PipelineSamples.AsOf.AddDays(-3), null, TicketSeverity.High),
            new SupportTicket(PipelineSamples.AsOf.AddDays(-2), null, TicketSeverity.Urgent),
        };

        var health = engine.Evaluate(new AccountInput
        {
            AsOf = PipelineSamples.AsOf,
            Records = new AccountRecords { Account = new Account { Id = "acme", ContractStart = PipelineSamples.AsOf.AddDays(-200) }, Tickets = tickets, Sources = RecordSources.SupportTickets },
        });

        Assert.NotNull(engine.Providers);
        Assert.Equal(2, health.MetricValues[engine.Model.GetMetric("open_high_severity_tickets").Index]);
        Assert.Equal("critical_tickets", health.BandException?.Id);
    }
}
