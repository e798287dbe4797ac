using HealthScore.Core.Hosting;
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
            Assert.True(HostingFixtures.Eventually(() => logs.Entries.Any(e => e.Message.StartsWith("Account scored 40 (Watch)", StringComparison.Ordinal))));
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
    public sealed partial class ScoringWorker(HealthScorer scorer, ILogger<ScoringWorker> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var model = scorer.Model; // one model per account, so values, phase and score agree during a reload
                var values = model.CreateValues();
                values[model.GetMetric("logins_per_week").Index] = 2; // from your own store; NaN = missing
                var result = scorer.Score(model, values, model.DefaultPhase, [], []);
                Scored(logger, result.Score, result.Band.Label, result.ModelHash);
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Account scored {Score} ({Band}) by model {ModelHash}")]
        private static partial void Scored(ILogger logger, double? score, string band, string modelHash);
    }
    // hosting.md worker ends
}
