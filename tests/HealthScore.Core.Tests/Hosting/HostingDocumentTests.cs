using HealthScore.Core.Hosting;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
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

        await AssertInDocument(("program", "program"), ("worker", "worker"));
    }

    [Fact]
    public async Task KeyedExample_ServesOneModelPerProductLine()
    {
        var root = HostingFixtures.TempDirectory();
        Directory.CreateDirectory(Path.Combine(root, "models"));
        await File.WriteAllTextAsync(Path.Combine(root, "models", "enterprise.json"), HostingFixtures.DocumentA);
        await File.WriteAllTextAsync(Path.Combine(root, "models", "smb.json"), HostingFixtures.DocumentB);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthScoring:Enterprise:ModelPath"] = "models/enterprise.json",
            ["HealthScoring:Smb:ModelPath"] = "models/smb.json",
        });

        // hosting.md keyed program begins
        builder.Services.AddHealthScoring("enterprise", builder.Configuration.GetSection("HealthScoring:Enterprise"));
        builder.Services.AddHealthScoring("smb", builder.Configuration.GetSection("HealthScoring:Smb"));
        builder.Services.AddSingleton<ProductLineScoring>();
        using var host = builder.Build();
        // hosting.md keyed program ends

        await host.StartAsync();
        try
        {
            var scoring = host.Services.GetRequiredService<ProductLineScoring>();
            Assert.Equal<double?>(HostingFixtures.ExpectedScoreA, scoring.Score("enterprise", 2));
            Assert.Equal<double?>(HostingFixtures.ExpectedScoreB, scoring.Score("smb", 2));
            Assert.Equal(HostingFixtures.ModelA.Hash, host.Services.GetRequiredKeyedService<HealthModelSource>("enterprise").Current.Hash);
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(root, recursive: true);
        }

        await AssertInDocument(("keyed program", "keyed program"), ("keyed service", "keyed service"));
    }

    [Fact]
    public async Task AsyncExample_CompilesWithoutBlockingAndRegistersTheModel()
    {
        var path = Path.Combine(HostingFixtures.TempDirectory(), "health-model.json");
        await File.WriteAllTextAsync(path, HostingFixtures.DocumentB);
        var builder = Host.CreateApplicationBuilder();
        var cancellationToken = CancellationToken.None;
        var blobs = new Dictionary<string, byte[]> { ["models/health.json"] = await File.ReadAllBytesAsync(path) };
        Stream OpenRead(string name) => new MemoryStream(blobs[name]);

        // hosting.md async begins
        await using var stream = OpenRead("models/health.json"); // a blob, a database column, an HTTP response
        var model = await HealthModelDocument.CompileAsync(stream, cancellationToken: cancellationToken);
        builder.Services.AddHealthScoring(b => b.UseModel(model));
        // hosting.md async ends
        using var host = builder.Build();

        Assert.Equal(HostingFixtures.ModelB.Hash, host.Services.GetRequiredService<HealthScorer>().Model.Hash);
        await AssertInDocument(("async", "async"));
    }

    /// <summary>Each line between a region's markers in this file appears in docs/hosting.md, so the documented code is the code compiled here.</summary>
    private static async Task AssertInDocument(params (string Begin, string End)[] regions)
    {
        var document = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "docs", "hosting.md"));
        var source = await File.ReadAllLinesAsync(Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Hosting", "HostingDocumentTests.cs"));
        foreach (var (begin, end) in regions)
        {
            var first = Array.FindIndex(source, l => l.Trim() == $"// hosting.md {begin} begins");
            var last = Array.FindIndex(source, l => l.Trim() == $"// hosting.md {end} ends");
            Assert.True(first >= 0 && last > first + 1, $"region '{begin}' not found");
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

    // hosting.md keyed service begins
    public sealed class ProductLineScoring(
        [FromKeyedServices("enterprise")] HealthScorer enterprise,
        [FromKeyedServices("smb")] HealthScorer smb)
    {
        public double? Score(string productLine, double loginsPerWeek)
        {
            var scorer = productLine == "enterprise" ? enterprise : smb;
            var model = scorer.Model; // once per account: values and score from one model
            var values = model.CreateValues();
            values[model.GetMetric("logins_per_week").Index] = loginsPerWeek;
            return scorer.Score(model, values, model.DefaultPhase, [], []).Score;
        }
    }
    // hosting.md keyed service ends
}
