using System.Diagnostics.Metrics;
using HealthScore.Core.Hosting;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers health scoring: <see cref="HealthScoringOptions"/> (validated at start-up), the
/// <see cref="HealthModelSource"/> that serves and reloads the model, <see cref="HealthModel"/> (the model serving
/// at resolution time), <see cref="HealthScorer"/>, <see cref="HealthScoringMetrics"/>, the
/// <see cref="MetricProviderSet"/> of the current model and <see cref="TimeProvider.System"/> unless another
/// <see cref="TimeProvider"/> is registered. Calling it again is harmless: services already registered are kept.
/// </summary>
public static class HealthScoringServiceCollectionExtensions
{
    /// <summary>Adds health scoring configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses the model and its reloading, and may add metric providers.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, Action<HealthScoringBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services);
        configure(new HealthScoringBuilder(services));
        return services;
    }

    /// <summary>
    /// Adds health scoring configured by a configuration section such as <c>HealthScoring</c> in appsettings.json
    /// (<c>ModelPath</c>, <c>ReloadOnChange</c>, <c>ReloadDebounce</c>). When the configuration changes, the options
    /// are rebound and the model is reloaded from the (possibly new) path.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, for example <c>builder.Configuration.GetSection("HealthScoring")</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services);
        services.AddOptions<HealthScoringOptions>().Configure(o => HealthScoringOptionsBinder.Bind(configuration, o));
        services.AddSingleton<IOptionsChangeTokenSource<HealthScoringOptions>>(new ConfigurationChangeTokenSource<HealthScoringOptions>(configuration));
        return services;
    }

    /// <summary>Adds health scoring serving the model document at <paramref name="modelPath"/>, reloaded when the file changes.</summary>
    /// <param name="services">The services.</param>
    /// <param name="modelPath">The model document's path.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        return services.AddHealthScoring(b => b.UseModelFile(modelPath));
    }

    /// <summary>
    /// Adds health scoring serving the model document read from <paramref name="utf8Json"/> now (the stream is read
    /// to its end and not closed). The document is compiled when the model is first needed; it is not reloaded,
    /// except through <see cref="HealthModelSource"/>'s <c>TryReload</c> methods.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="utf8Json">The model document.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        var document = buffer.ToArray();
        return services.AddHealthScoring(b => b.Configure(o => o.Document = document));
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions<HealthScoringOptions>().ValidateOnStart();
        services.TryAddSingleton(static _ => new HealthScoringState());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthScoringOptions>, HealthScoringOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new HealthScoringMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new HealthModelSource(
            sp.GetRequiredService<IOptionsMonitor<HealthScoringOptions>>(),
            sp.GetRequiredService<HealthScoringState>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<HealthModelSource>>(),
            sp.GetRequiredService<HealthScoringMetrics>(),
            sp.GetService<HealthScore.Core.Serialization.ScoringFunctionTypes>()));
        services.TryAddTransient(static sp => sp.GetRequiredService<HealthModelSource>().Current);

        // The rule-driven parts travel with the model, so they are resolved from whichever model is current.
        services.TryAddTransient(static sp => sp.GetRequiredService<HealthModelSource>().Current.Actions);
        services.TryAddTransient(static sp => sp.GetRequiredService<HealthModelSource>().Current.PhaseRules);
        services.TryAddTransient(static sp => sp.GetRequiredService<HealthModelSource>().Current.BandExceptions);
        services.TryAddSingleton(static sp => new HealthScorer(sp.GetRequiredService<HealthModelSource>(), sp.GetRequiredService<HealthScoringMetrics>(), sp.GetServices<IMetricProvider>()));
        services.TryAddTransient(static sp => sp.GetRequiredService<HealthScorer>().Engine);
        services.TryAddSingleton(static sp => new MetricProviderSetCache(sp.GetRequiredService<HealthModelSource>(), sp.GetServices<IMetricProvider>()));
        services.TryAddTransient(static sp => sp.GetRequiredService<MetricProviderSetCache>().Get());
    }
}
