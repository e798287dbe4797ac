using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HealthScore.Core.Tests.Metrics;

public sealed class MetricProviderRegistrationTests
{
    [Fact]
    public void AddMetricProvider_SameTypeTwice_RegistersOnce()
    {
        var services = new ServiceCollection()
            .AddMetricProvider<SupportProvider>()
            .AddMetricProvider<SupportProvider>()
            .AddMetricProvider<TenureProvider>();

        using var provider = services.BuildServiceProvider();
        var providers = provider.GetServices<IMetricProvider>().ToList();

        Assert.Equal(2, providers.Count);
        Assert.IsType<SupportProvider>(providers[0]);
        Assert.IsType<TenureProvider>(providers[1]);
    }

    [Fact]
    public void AddMetricProvider_SameInstanceTwice_RegistersOnce()
    {
        var usage = new UsageProvider(new UsageProviderOptions { AvailableFeatures = Sample.Features });
        var services = new ServiceCollection().AddMetricProvider(usage).AddMetricProvider(usage);

        using var provider = services.BuildServiceProvider();

        Assert.Same(usage, Assert.Single(provider.GetServices<IMetricProvider>()));
    }

    [Fact]
    public void AddMetricProviderSet_ModelAndProvidersRegistered_BuildsCheckedSet()
    {
        var model = MetricProviderSetTests.Model("tickets", "days_to_renewal");
        var services = new ServiceCollection()
            .AddSingleton(model)
            .AddMetricProvider<SupportProvider>()
            .AddMetricProvider(new TenureProvider())
            .AddMetricProviderSet();

        using var provider = services.BuildServiceProvider();
        var set = provider.GetRequiredService<MetricProviderSet>();
        var values = model.CreateValues();
        set.Fill(Sample.All(), Sample.AsOf, values);

        Assert.Same(model, set.Model);
        Assert.Equal([3.0, 90.0], values); // 3 tickets in 90 days, renewal in 90 days
    }

    [Fact]
    public void AddMetricProviderSet_MetricWithoutProvider_ThrowsOnResolve()
    {
        var services = new ServiceCollection()
            .AddSingleton(MetricProviderSetTests.Model("tickets", "nps"))
            .AddMetricProvider<SupportProvider>()
            .AddMetricProviderSet();

        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<HealthModelException>(provider.GetRequiredService<MetricProviderSet>);
        Assert.Equal("metrics.nps", Assert.Single(error.Errors).Path);
    }
}
