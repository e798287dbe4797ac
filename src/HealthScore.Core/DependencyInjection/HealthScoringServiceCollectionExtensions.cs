using System.Diagnostics.Metrics;
using HealthScore.Core.Hosting;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
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
/// The overloads that take a key register a keyed model (one per product line, for example), resolved with
/// <c>[FromKeyedServices("enterprise")]</c> or <c>GetRequiredKeyedService&lt;HealthScorer&gt;("enterprise")</c>.
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
        AddModel(services, null);
        configure(new HealthScoringBuilder(services, null));
        return services;
    }

    /// <summary>
    /// Adds a keyed model configured in code, with options, reloading and metric counts of its own. Resolve its
    /// <see cref="HealthScorer"/>, <see cref="HealthModelSource"/>, <see cref="HealthModel"/>, <see cref="HealthEngine"/>
    /// or <see cref="MetricProviderSet"/> by <paramref name="key"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The model's key, for example a product line; also the name of its options.</param>
    /// <param name="configure">Chooses the model and its reloading, and may add metric providers (which every model shares).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, string key, Action<HealthScoringBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(configure);
        AddModel(services, key);
        configure(new HealthScoringBuilder(services, key));
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
        AddModel(services, null);
        BindConfiguration(services, Options.Options.DefaultName, configuration);
        return services;
    }

    /// <summary>
    /// Adds a keyed model configured by a configuration section, for example
    /// <c>builder.Configuration.GetSection("HealthScoring:Enterprise")</c>; its options are the named options of
    /// <paramref name="key"/>, rebound and reloaded when that section changes.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The model's key, for example a product line; also the name of its options.</param>
    /// <param name="configuration">The section with <c>ModelPath</c>, <c>ReloadOnChange</c> and <c>ReloadDebounce</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty.</exception>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, string key, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(configuration);
        AddModel(services, key);
        BindConfiguration(services, key, configuration);
        return services;
    }

    /// <summary>Adds health scoring serving the model document at <paramref name="modelPath"/>, reloaded when the file changes.</summary>
    /// <param name="services">The services.</param>
    /// <param name="modelPath">The model document's path; a relative one resolves against the host's content root when an <c>IHostEnvironment</c> is registered, else the current directory.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHealthScoring(this IServiceCollection services, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        return services.AddHealthScoring(b => b.UseModelFile(modelPath));
    }

    /// <summary>
    /// Adds health scoring serving the model document read from <paramref name="utf8Json"/> now (the stream is read
    /// to its end and not closed). The document is compiled when the model is first needed; it is not reloaded,
    /// except through <see cref="HealthModelSource"/>'s <c>TryReload</c> methods. To read without blocking, compile
    /// first (<c>await HealthModelDocument.CompileAsync(stream, cancellationToken: token)</c>) and register the model
    /// with <see cref="HealthScoringBuilder.UseModel(HealthModel)"/>.
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

    private static void BindConfiguration(IServiceCollection services, string name, IConfiguration configuration)
    {
        services.AddOptions<HealthScoringOptions>(name).Configure(o => HealthScoringOptionsBinder.Bind(configuration, o));
        services.AddSingleton<IOptionsChangeTokenSource<HealthScoringOptions>>(new ConfigurationChangeTokenSource<HealthScoringOptions>(name, configuration));
    }

    /// <summary>The services every model shares, then those of the model <paramref name="key"/> (unkeyed when null).</summary>
    private static void AddModel(IServiceCollection services, string? key)
    {
        services.AddOptions<HealthScoringOptions>(key ?? Options.Options.DefaultName).ValidateOnStart();
        services.TryAddSingleton(static _ => new HealthScoringState());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthScoringOptions>, HealthScoringOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HealthScoringOptions>, HealthScoringOptionsPostConfigure>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new HealthScoringMetrics(sp.GetService<IMeterFactory>()));
        if (key is null)
        {
            AddUnkeyed(services);
        }
        else
        {
            AddKeyed(services, key);
        }
    }

    private static HealthModelSource CreateSource(IServiceProvider sp, string name) => new(
        name,
        sp.GetRequiredService<IOptionsMonitor<HealthScoringOptions>>(),
        sp.GetRequiredService<HealthScoringState>(),
        sp.GetRequiredService<TimeProvider>(),
        sp.GetService<ILogger<HealthModelSource>>(),
        sp.GetRequiredService<HealthScoringMetrics>(),
        sp.GetService<ScoringFunctionTypes>());

    private static void AddUnkeyed(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => CreateSource(sp, Options.Options.DefaultName));
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

    private static void AddKeyed(IServiceCollection services, string key)
    {
        services.TryAddKeyedSingleton(key, static (sp, k) => CreateSource(sp, (string)k!));
        services.TryAddKeyedTransient(key, static (sp, k) => sp.GetRequiredKeyedService<HealthModelSource>(k).Current);
        services.TryAddKeyedSingleton(key, static (sp, k) => new HealthScorer(sp.GetRequiredKeyedService<HealthModelSource>(k), sp.GetRequiredService<HealthScoringMetrics>(), sp.GetServices<IMetricProvider>()));
        services.TryAddKeyedTransient(key, static (sp, k) => sp.GetRequiredKeyedService<HealthScorer>(k).Engine);
        services.TryAddKeyedSingleton(key, static (sp, k) => new MetricProviderSetCache(sp.GetRequiredKeyedService<HealthModelSource>(k), sp.GetServices<IMetricProvider>()));
        services.TryAddKeyedTransient(key, static (sp, k) => sp.GetRequiredKeyedService<MetricProviderSetCache>(k).Get());
    }
}
