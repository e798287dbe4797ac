using HealthScore.Orleans;
using HealthScore.Orleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>Registers HealthScore's account grains and their SQLite grain storage on a silo.</summary>
public static class HealthScoreSiloBuilderExtensions
{
    /// <summary>
    /// Adds what account grains need besides the model and the history store: their options and a clock for the as-of
    /// dates of the evaluations they start themselves (<see cref="HealthGrainOptions.Clock"/>, else the registered
    /// <see cref="TimeProvider"/>, else <see cref="TimeProvider.System"/>). Register health scoring
    /// (<c>services.AddHealthScoring(…)</c> with the metric providers), an <c>IHealthHistoryStore</c> and grain storage
    /// named <see cref="HealthGrainStorage.Name"/> too.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options; <see langword="null"/> for the defaults.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static ISiloBuilder AddHealthScoreGrains(this ISiloBuilder builder, Action<HealthGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<HealthGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(Valid, "HealthGrainOptions: EvaluationDelay must not be negative, EvaluationInterval must be positive, RecordRetentionDays, RememberedBatches and PortfolioConcurrency at least 1.");
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Adds grain storage in a SQLite file under the name account grains use (<see cref="HealthGrainStorage.Name"/>).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="path">The SQLite file, which every silo of the machine opens (it may be the history store's file).</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static ISiloBuilder AddHealthScoreGrainStorage(this ISiloBuilder builder, string path) =>
        builder.AddSqliteGrainStorage(HealthGrainStorage.Name, o => o.Path = path);

    /// <summary>Adds grain storage in a SQLite file under <paramref name="name"/>. State is written with the Orleans serializer (the core's types through this package's surrogates).</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider's name, as grains name it in <c>[PersistentState(…, name)]</c>.</param>
    /// <param name="configure">Sets the file and the busy timeout.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">No file is set.</exception>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SqliteGrainStorageOptions();
        configure(options);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            throw new ArgumentException($"SQLite grain storage '{name}' has no file: set SqliteGrainStorageOptions.Path.", nameof(configure));
        }

        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new SqliteGrainStorage(
            name,
            options,
            new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>()),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return builder;
    }

    private static bool Valid(HealthGrainOptions o) =>
        o.EvaluationDelay >= TimeSpan.Zero
        && (o.EvaluationInterval is null || o.EvaluationInterval > TimeSpan.Zero)
        && o.RecordRetentionDays >= 1 && o.RememberedBatches >= 1 && o.PortfolioConcurrency >= 1;
}
