using HealthScore.Core.History;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an <see cref="IHealthHistoryStore"/> kept in memory; <c>AddHealthHistorySqlite</c> (package <c>HealthScore.Storage.Sqlite</c>) registers a database instead.</summary>
public static class HealthHistoryServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="InMemoryHealthHistoryStore"/> as the singleton <see cref="IHealthHistoryStore"/>, unless a store
    /// is registered already. Its data lives as long as the process: for tests, demos and hosts that keep their own copy.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthHistoryInMemory(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<InMemoryHealthHistoryStore>();
        services.TryAddSingleton<IHealthHistoryStore>(static sp => sp.GetRequiredService<InMemoryHealthHistoryStore>());
        return services;
    }
}
