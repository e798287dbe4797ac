using System.Diagnostics.CodeAnalysis;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers metric providers and the <see cref="MetricProviderSet"/> built from them.</summary>
public static class HealthScoreProviderServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="TProvider"/> as a singleton <see cref="IMetricProvider"/>. A second call with the same type is harmless.</summary>
    /// <typeparam name="TProvider">The provider type, created by the container.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMetricProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IServiceCollection services)
        where TProvider : class, IMetricProvider
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricProvider, TProvider>());
        return services;
    }

    /// <summary>
    /// Registers a configured provider instance. Registering the same instance again is harmless; two different
    /// instances are both registered (they may produce different metrics), and <see cref="MetricProviderSet.Create"/>
    /// reports any metric they both produce.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="provider">The provider.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMetricProvider(this IServiceCollection services, IMetricProvider provider)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(provider);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IMetricProvider) && !descriptor.IsKeyedService && ReferenceEquals(descriptor.ImplementationInstance, provider))
            {
                return services;
            }
        }

        services.AddSingleton(provider);
        return services;
    }

    /// <summary>
    /// Registers a singleton <see cref="MetricProviderSet"/> built, on first use, from the registered <see cref="HealthModel"/>
    /// and every registered <see cref="IMetricProvider"/>; it throws <see cref="HealthModelException"/> then if they do not match.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddMetricProviderSet(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static sp => MetricProviderSet.Create(sp.GetRequiredService<HealthModel>(), sp.GetServices<IMetricProvider>()));
        return services;
    }
}
