using HealthScore.Core.History;
using HealthScore.Core.Metrics;
using HealthScore.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace HealthScore.Orleans.Tests;

/// <summary>Keeps the silo host in docs/scale-out.md compiling and running: one real silo on localhost, fed and evaluated.</summary>
public sealed class ScaleOutDocumentTests
{
    [Fact]
    public async Task SampleHost_RunsASiloThatScoresAnIngestedAccount()
    {
        var directory = Path.Combine(Path.GetTempPath(), "healthscore-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.Copy(Portfolio.RepositoryFile("docs", "models", "saas.en.json"), Path.Combine(directory, "health-model.json"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory });
        var features = Portfolio.Features;

        // scale-out.md host begins
        var database = Path.Combine(builder.Environment.ContentRootPath, "health.db");
        builder.Services.AddHealthScoring(scoring =>
        {
            scoring.UseModelFile(Path.Combine(builder.Environment.ContentRootPath, "health-model.json"));
            scoring.AddMetricProvider(new UsageProvider(new UsageProviderOptions { AvailableFeatures = features }));
            scoring.AddMetricProvider(new SupportProvider());
            scoring.AddMetricProvider(new SatisfactionProvider());
            scoring.AddMetricProvider(new EngagementProvider());
            scoring.AddMetricProvider(new OnboardingProvider());
            scoring.AddMetricProvider(new ValueProvider());
            scoring.AddMetricProvider(new ManualMetricsProvider("csm_sentiment"));
        });
        builder.Services.AddHealthHistorySqlite(database);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.AddHealthScoreGrains(grains => grains.EvaluationInterval = TimeSpan.FromDays(1));
            silo.AddHealthScoreGrainStorage(database);
            silo.UseInMemoryReminderService();
        });
        using var host = builder.Build();
        // scale-out.md host ends

        await host.StartAsync();
        try
        {
            // scale-out.md feed begins
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var account = grains.GetGrain<IAccountHealthGrain>("acme");
            await account.IngestAsync(new AccountBatch
            {
                BatchId = "crm-export-2026-11-24",
                Account = new Account { Id = "acme", ContractStart = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), LicensedSeats = 40 },
                Events = [new ProductEvent(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), "ana", "reports")],
                Sources = RecordSources.All, // the CRM holds every family: no ticket means none open
                ManualInputs = [new ManualInput("csm_sentiment", "yellow", new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), "aiko.sato")],
            });
            var health = await account.EvaluateAsync(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
            Console.WriteLine($"{health.Snapshot.AccountId}: {health.Snapshot.Score} {health.Snapshot.Band} by model {health.Snapshot.ModelHash[..12]}");
            // scale-out.md feed ends

            Assert.NotNull(health.Snapshot.Score);
            Assert.Single(await account.GetTimelineAsync());
            using var store = new SqliteHealthHistoryStore(database);
            Assert.Single((await store.ReadAsync("acme")).ManualInputs);
        }
        finally
        {
            await host.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        var document = await File.ReadAllTextAsync(Portfolio.RepositoryFile("docs", "scale-out.md"));
        var source = await File.ReadAllLinesAsync(Portfolio.RepositoryFile("tests", "HealthScore.Orleans.Tests", "ScaleOutDocumentTests.cs"));
        foreach (var part in new[] { "host", "feed" })
        {
            var first = Array.FindIndex(source, l => l.Trim() == $"// scale-out.md {part} begins");
            var last = Array.FindIndex(source, l => l.Trim() == $"// scale-out.md {part} ends");
            Assert.True(first >= 0 && last > first + 1);
            foreach (var line in source[(first + 1)..last])
            {
                Assert.Contains(line.Trim(), document, StringComparison.Ordinal);
            }
        }
    }
}
