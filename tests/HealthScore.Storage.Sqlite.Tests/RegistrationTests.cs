using HealthScore.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static HealthScore.Storage.Sqlite.Tests.Snapshots;

namespace HealthScore.Storage.Sqlite.Tests;

public sealed class RegistrationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AddHealthHistorySqlite_GenericHost_ServesOneStoreThatAHostedServiceWritesTo()
    {
        var path = _directory.File("host.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHealthHistorySqlite(path);
        builder.Services.AddHostedService<AppendOnStart>();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var store = host.Services.GetRequiredService<IHealthHistoryStore>();
            Assert.Same(host.Services.GetRequiredService<SqliteHealthHistoryStore>(), store);
            Assert.Single((await store.ReadAsync("acme")).Snapshots);
            await host.StopAsync();
        }

        // The data is in the file: another store over it reads it back.
        using var reopened = new SqliteHealthHistoryStore(path);
        Assert.Single((await reopened.ReadAsync("acme")).Snapshots);
    }

    [Fact]
    public async Task AddHealthHistorySqlite_InvalidOptions_FailStartWithEveryProblem()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHealthHistorySqlite(o =>
        {
            o.Path = Path.Combine(_directory.Path, "missing", "h.db");
            o.BusyTimeout = TimeSpan.FromHours(1);
        });
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(
            [$"HealthHistory:Path: the directory '{Path.Combine(_directory.Path, "missing")}' of '{Path.Combine(_directory.Path, "missing", "h.db")}' does not exist; create it or choose another path.", "HealthHistory:BusyTimeout: must be between 00:00:00 and 00:10:00; it is 01:00:00."],
            e.Failures);
    }

    [Fact]
    public async Task AddHealthHistoryInMemory_ThenSqlite_KeepsTheFirstStore()
    {
        var services = new ServiceCollection().AddHealthHistoryInMemory().AddHealthHistorySqlite(_directory.File("unused.db"));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IHealthHistoryStore>();
        Assert.IsType<InMemoryHealthHistoryStore>(store);
        Assert.True(await store.AppendAsync(Of("acme", 0)));
        Assert.False(File.Exists(_directory.File("unused.db")));
    }

    private sealed class AppendOnStart(IHealthHistoryStore store) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken) => await store.AppendAsync(Of("acme", 0), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
