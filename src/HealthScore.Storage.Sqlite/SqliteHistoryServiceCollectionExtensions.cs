using HealthScore.Core.History;
using HealthScore.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a <see cref="SqliteHealthHistoryStore"/> as the singleton <see cref="IHealthHistoryStore"/>, with its
/// <see cref="SqliteHistoryStoreOptions"/> validated when the host starts. The file is opened (and created or migrated)
/// when the store is first resolved. A store registered before (for example in memory) is kept.
/// </summary>
public static class SqliteHistoryServiceCollectionExtensions
{
    /// <summary>Adds the store in the file at <paramref name="path"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="path">The database file, created when it does not exist.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthHistorySqlite(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return services.AddHealthHistorySqlite(o => o.Path = path);
    }

    /// <summary>Adds the store configured in code, for example from configuration: <c>o => o.Path = configuration["HealthHistory:Path"]</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the path and the busy timeout.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthHistorySqlite(this IServiceCollection services, Action<SqliteHistoryStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteHistoryStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteHistoryStoreOptions>, OptionsValidator>());
        services.TryAddSingleton(static sp => new SqliteHealthHistoryStore(sp.GetRequiredService<IOptions<SqliteHistoryStoreOptions>>().Value));
        services.TryAddSingleton<IHealthHistoryStore>(static sp => sp.GetRequiredService<SqliteHealthHistoryStore>());
        return services;
    }

    private sealed class OptionsValidator : IValidateOptions<SqliteHistoryStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, SqliteHistoryStoreOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(static p => SqliteHistoryStoreOptions.SectionName + ":" + p));
        }
    }
}
