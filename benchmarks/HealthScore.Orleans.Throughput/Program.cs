using System.Diagnostics;
using System.Globalization;
using HealthScore.Orleans;
using HealthScore.Orleans.Tests;
using HealthScore.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

// Measures an in-process Orleans cluster on loopback: batches (and their events) ingested per second and accounts
// evaluated per second by a portfolio run, for a number of silos sharing one SQLite file.
//   dotnet run -c Release --project benchmarks/HealthScore.Orleans.Throughput -- --silos 3 --accounts 2000
var silos = Argument("--silos", 3);
var accounts = Argument("--accounts", 2000);
var directory = Path.Combine(Path.GetTempPath(), "healthscore-throughput-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
File.Copy(Portfolio.RepositoryFile("docs", "models", "saas.en.json"), Path.Combine(directory, "model.json"));

var builder = new TestClusterBuilder((short)silos);
builder.Properties["HealthScore:Directory"] = directory;
builder.AddSiloBuilderConfigurator<Silo>();
var cluster = builder.Build();
await cluster.DeployAsync();
try
{
    var batches = Portfolio.Batches("t", accounts, seed: 11, Portfolio.AsOf);
    var events = batches.Sum(b => b.Events.Count + b.Tickets.Count + b.Surveys.Count + b.Touches.Count + b.Milestones.Count + b.Goals.Count);
    var clock = Stopwatch.StartNew();
    await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (batch, _) =>
        await cluster.GrainFactory.GetGrain<IAccountHealthGrain>(batch.Account!.Id).IngestAsync(batch));
    var ingest = clock.Elapsed;

    clock.Restart();
    var run = await new HealthPortfolio(cluster.GrainFactory).EvaluateAsync(batches.Select(b => b.Account!.Id), Portfolio.AsOf);
    var evaluate = clock.Elapsed;
    if (run.Failures.Count > 0)
    {
        throw new InvalidOperationException(run.Failures[0].AccountId + ": " + run.Failures[0].Message);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"silos {silos} · accounts {accounts} · records {events:N0} · ingest {ingest.TotalSeconds:0.00} s ({accounts / ingest.TotalSeconds:N0} batches/s, {events / ingest.TotalSeconds:N0} records/s) · evaluate {evaluate.TotalSeconds:0.00} s ({accounts / evaluate.TotalSeconds:N0} accounts/s)"));
}
finally
{
    await cluster.StopAllSilosAsync();
    await cluster.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}

int Argument(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

internal sealed class Silo : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        var directory = silo.Configuration["HealthScore:Directory"]!;
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
        silo.AddHealthScoreGrains(o => { o.EvaluationDelay = TimeSpan.Zero; o.EvaluationInterval = null; });
        silo.AddHealthScoreGrainStorage(database);
    }
}
