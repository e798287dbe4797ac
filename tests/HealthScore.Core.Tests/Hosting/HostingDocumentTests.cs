using HealthScore.Core.Hosting;
using HealthScore.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthScore.Core.Tests.Hosting;

/// <summary>Keeps the worker-service example in docs/hosting.md compiling and running.</summary>
public sealed partial class HostingDocumentTests
{
    [Fact]
    public async Task WorkerExample_RunsAndScoresWithTheConfiguredModel()
    {
        var path = Path.Combine(HostingFixtures.TempDirectory(), "health-model.json");
        await File.WriteAllTextAsync(path, HostingFixtures.DocumentA);
        using var logs = new ListLoggerProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["HealthScoring:ModelPath"] = path });
        builder.Logging.AddProvider(logs);

        // hosting.md program begins
        builder.Services.AddHealthScoring(builder.Configuration.GetSection(HealthScoringOptions.SectionName));
        builder.Services.AddHostedService<ScoringWorker>();
        using var host = builder.Build();
        // hosting.md program ends

        await host.StartAsync();
        try
        {
            Assert.True(HostingFixtures.Eventually(() => logs.Entries.Any(e => e.Message.StartsWith("Account acme scored 40 (Watch) in phase ", StringComparison.Ordinal))));
        }
        finally
        {
            await host.StopAsync();
        }

        var document = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "docs", "hosting.md"));
        var source = await File.ReadAllLinesAsync(Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Hosting", "HostingDocumentTests.cs"));
        foreach (var (begin, end) in new[] { ("// hosting.md program begins", "// hosting.md program ends"), ("// hosting.md worker begins", "// hosting.md worker ends") })
        {
            var first = Array.FindIndex(source, l => l.Trim() == begin);
            var last = Array.FindIndex(source, l => l.Trim() == end);
            Assert.True(first >= 0 && last > first + 1);
            foreach (var line in source[(first + 1)..last])
            {
                Assert.Contains(line.Trim(), document, StringComparison.Ordinal);
            }
        }
    }

    // hosting.md worker begins
    public sealed partial class ScoringWorker(HealthScorer scorer, TimeProvider clock, ILogger<ScoringWorker> logger) : BackgroundService
    {
        private HealthSnapshot? _last; // keep snapshots where you keep history: a table, a document store

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var workspace = scorer.CreateWorkspace(); // one model per batch, so facts, values and results agree during a reload
                var model = workspace.Engine.Model;
                var values = model.CreateValues();
                values[model.GetMetric("logins_per_week").Index] = 2; // from your own store; NaN = missing
                var facts = workspace.Facts;
                facts.Clear(); // then the account's fields from your CRM: facts.Read(fields, "crm"), facts.SetNumber("seats", 25)
                var health = scorer.Evaluate(new AccountInput { AccountId = "acme", AsOf = clock.GetUtcNow(), MetricValues = values, Facts = facts, Previous = _last }, workspace);
                _last = health.ToSnapshot();
                Evaluated(logger, "acme", health.Result.Score, health.Result.Band.Label, health.Phase.Id, health.FiredCount, model.Hash);
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Account {Account} scored {Score} ({Band}) in phase {Phase}, {Fired} actions fired, by model {ModelHash}")]
        private static partial void Evaluated(ILogger logger, string account, double? score, string band, string phase, int fired, string modelHash);
    }
    // hosting.md worker ends
}
