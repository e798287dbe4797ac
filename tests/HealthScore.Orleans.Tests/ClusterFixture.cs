using System.Collections.Concurrent;
using HealthScore.Core.Hosting;
using HealthScore.Core.Serialization;
using HealthScore.Core.Pipeline;
using HealthScore.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace HealthScore.Orleans.Tests;

/// <summary>
/// A real in-process Orleans cluster on loopback: silos that each open the same SQLite file (grain storage and history
/// store) and watch the same model file, as silos of one machine would.
/// </summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    internal static readonly ConcurrentDictionary<string, FakeTimeProvider> Clocks = new(StringComparer.Ordinal);

    protected ClusterFixture(short silos, TimeSpan evaluationDelay, TimeSpan? evaluationInterval)
    {
        Directory = Path.Combine(Path.GetTempPath(), "healthscore-orleans-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ModelPath = Path.Combine(Directory, "model.json");
        File.Copy(Portfolio.RepositoryFile("docs", "models", "saas.en.json"), ModelPath);
        DatabasePath = Path.Combine(Directory, "health.db");
        Clock = new FakeTimeProvider(Portfolio.AsOf);
        Clocks[Directory] = Clock;

        var builder = new TestClusterBuilder(silos);
        builder.Properties["HealthScore:Directory"] = Directory;
        builder.Properties["HealthScore:EvaluationDelayMs"] = ((int)evaluationDelay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["HealthScore:IntervalMs"] = evaluationInterval is { } i ? ((int)i.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
    }

    public TestCluster Cluster { get; }

    public string Directory { get; }

    public string ModelPath { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Clock { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The store a test reads to check what the silos wrote: the same file, through its own connection.</summary>
    public SqliteHealthHistoryStore OpenStore() => new(new SqliteHistoryStoreOptions { Path = DatabasePath });

    /// <summary>The single-machine pipeline over the same model file and providers.</summary>
    public HealthEngine Engine()
    {
        var model = HealthModelDocument.CompileFile(ModelPath);
        return new HealthEngine(model, Core.Metrics.MetricProviderSet.Create(model, Portfolio.Providers()));
    }

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();

        // Placement chooses among the silos the placing silo knows; wait until the membership lists every silo.
        var management = Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; attempt < 100 && (await management.GetHosts(onlyActive: true)).Count < Cluster.Silos.Count; attempt++)
        {
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Clocks.TryRemove(Directory, out _);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection stays in the temp folder.
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var directory = silo.Configuration["HealthScore:Directory"]!;
            var delay = TimeSpan.FromMilliseconds(int.Parse(silo.Configuration["HealthScore:EvaluationDelayMs"]!, System.Globalization.CultureInfo.InvariantCulture));
            var interval = silo.Configuration["HealthScore:IntervalMs"] is { Length: > 0 } ms ? TimeSpan.FromMilliseconds(int.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)) : (TimeSpan?)null;
            var database = Path.Combine(directory, "health.db");

            silo.Services.AddHealthScoring(b =>
            {
                b.UseModelFile(Path.Combine(directory, "model.json"));
                foreach (var provider in Portfolio.Providers())
                {
                    b.AddMetricProvider(provider);
                }
            });
            silo.Services.AddHealthHistorySqlite(database);
            silo.AddHealthScoreGrains(o =>
            {
                o.EvaluationDelay = delay;
                o.EvaluationInterval = interval;
                o.Clock = Clocks[directory];
            });
            silo.AddHealthScoreGrainStorage(database);
            silo.UseInMemoryReminderService();

            // Silos of one process share one machine's CPU and memory figures, so resource-optimized placement (the
            // default) may keep a test's few dozen grains on the silos that took the calls. Random placement spreads
            // them over all three, which the spread test checks.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));
        }
    }
}

/// <summary>Three silos; grains evaluate only when asked, so every result is the one a test asked for.</summary>
public sealed class ThreeSiloCluster() : ClusterFixture(3, TimeSpan.Zero, null);

[CollectionDefinition(Name)]
public sealed class ThreeSilos : ICollectionFixture<ThreeSiloCluster>
{
    public const string Name = "three silos";
}

/// <summary>Three silos whose model file a test changes.</summary>
public sealed class ReloadableCluster() : ClusterFixture(3, TimeSpan.Zero, null);

/// <summary>Three silos, one of which a test stops in the middle of a run.</summary>
public sealed class StoppableCluster() : ClusterFixture(3, TimeSpan.Zero, null);

/// <summary>One silo whose grains evaluate after a change (after 100 ms) and on a schedule (every second), as of a test clock.</summary>
public sealed class ScheduledCluster() : ClusterFixture(1, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
