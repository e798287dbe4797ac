using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HealthScore.Core.Hosting;

/// <summary>Configures health scoring in <c>services.AddHealthScoring(builder => …)</c>: where the model comes from, how it reloads, and the metric providers.</summary>
public sealed class HealthScoringBuilder
{
    internal HealthScoringBuilder(IServiceCollection services, string? key)
    {
        Services = services;
        Key = key;
    }

    /// <summary>Gets the services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Gets the key of the model being configured (<c>AddHealthScoring("enterprise", …)</c>), or
    /// <see langword="null"/> for the unkeyed model. Its options are the named options of that key.
    /// </summary>
    public string? Key { get; }

    /// <summary>Serves the model document at <paramref name="path"/>, reloaded when it changes unless <paramref name="reloadOnChange"/> is <see langword="false"/>.</summary>
    /// <param name="path">The document's path.</param>
    /// <param name="reloadOnChange">Whether to reload the model when the document changes.</param>
    /// <returns>This builder.</returns>
    public HealthScoringBuilder UseModelFile(string path, bool reloadOnChange = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Configure(o =>
        {
            o.ModelPath = path;
            o.ReloadOnChange = reloadOnChange;
        });
    }

    /// <summary>Serves a model compiled in code (it is not reloaded, except through <see cref="HealthModelSource"/>'s <c>TryReload</c> methods).</summary>
    /// <param name="model">The model.</param>
    /// <returns>This builder.</returns>
    public HealthScoringBuilder UseModel(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Configure(o => o.Model = model);
    }

    /// <summary>Configures the options.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public HealthScoringBuilder Configure(Action<HealthScoringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(Key ?? string.Empty, configure);
        return this;
    }

    /// <summary>Registers a configured metric provider instance; <c>services.AddMetricProvider&lt;TProvider&gt;()</c> registers one the container creates.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    public HealthScoringBuilder AddMetricProvider(IMetricProvider provider)
    {
        Services.AddMetricProvider(provider);
        return this;
    }
}
