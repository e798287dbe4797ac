using HealthScore.Core.Hosting;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HealthScore.Core.Tests.Hosting;

public sealed class KeyedModelTests
{
    [Fact]
    public void AddHealthScoring_TwoKeys_EachResolvesItsOwnModel()
    {
        using var provider = new ServiceCollection()
            .AddHealthScoring("enterprise", b => b.UseModel(HostingFixtures.ModelA))
            .AddHealthScoring("smb", b => b.UseModel(HostingFixtures.ModelB))
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(HostingFixtures.ModelA.Hash, provider.GetRequiredKeyedService<HealthScorer>("enterprise").Model.Hash);
        Assert.Equal(HostingFixtures.ModelB.Hash, provider.GetRequiredKeyedService<HealthScorer>("smb").Model.Hash);
        Assert.Equal(HostingFixtures.ModelA.Hash, provider.GetRequiredKeyedService<HealthModelSource>("enterprise").Current.Hash);
        Assert.Equal(HostingFixtures.ModelB.Hash, provider.GetRequiredKeyedService<HealthModel>("smb").Hash);
        Assert.Same(HostingFixtures.ModelA, provider.GetRequiredKeyedService<HealthEngine>("enterprise").Model);
        Assert.Null(provider.GetService<HealthScorer>());
    }

    [Fact]
    public void AddHealthScoring_KeyedAndUnkeyed_ServeSideBySide()
    {
        using var provider = new ServiceCollection()
            .AddHealthScoring(b => b.UseModel(HostingFixtures.ModelA))
            .AddHealthScoring("enterprise", b => b.UseModel(HostingFixtures.ModelB))
            .AddSingleton<ProductLines>()
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var lines = provider.GetRequiredService<ProductLines>();

        Assert.Equal(HostingFixtures.ModelA.Hash, lines.Default.Model.Hash);
        Assert.Equal(HostingFixtures.ModelB.Hash, lines.Enterprise.Model.Hash);
        Assert.Equal<double?>(HostingFixtures.ExpectedScoreB, lines.Enterprise.Score(HostingFixtures.Values(lines.Enterprise.Model)).Score);
    }

    [Fact]
    public void AddHealthScoring_KeyedReload_LeavesTheOtherKeysAlone()
    {
        using var provider = new ServiceCollection()
            .AddHealthScoring("enterprise", b => b.UseModel(HostingFixtures.ModelA))
            .AddHealthScoring("smb", b => b.UseModel(HostingFixtures.ModelA))
            .BuildServiceProvider();

        var reloaded = provider.GetRequiredKeyedService<HealthModelSource>("enterprise").TryReload(System.Text.Encoding.UTF8.GetBytes(HostingFixtures.DocumentB), "test");

        Assert.True(reloaded);
        Assert.Equal(HostingFixtures.ModelB.Hash, provider.GetRequiredKeyedService<HealthScorer>("enterprise").Model.Hash);
        Assert.Equal(HostingFixtures.ModelA.Hash, provider.GetRequiredKeyedService<HealthScorer>("smb").Model.Hash);
    }

    [Fact]
    public void AddHealthScoring_KeyedSectionsWithErrors_ReportEachUnderItsKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthScoring:Enterprise:ReloadDebounce"] = "00:05:00",
            ["HealthScoring:Smb:ModelPath"] = "no/such/smb.json",
        }).Build();
        using var provider = new ServiceCollection()
            .AddHealthScoring("enterprise", configuration.GetSection("HealthScoring:Enterprise"))
            .AddHealthScoring("smb", configuration.GetSection("HealthScoring:Smb"))
            .BuildServiceProvider();

        // Each model's options are validated on their own; the failures of both come together.
        var exception = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var failures = exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);

        Assert.Equal(
            [
                "HealthScoring[enterprise]:ModelPath: is required: set it to the model document's path, or give the model in code (UseModel, or the stream overload).",
                "HealthScoring[enterprise]:ReloadDebounce: must be between 00:00:00 and 00:01:00; it is 00:05:00.",
                $"HealthScoring[smb]:ModelPath: file 'no/such/smb.json' does not exist (resolved against the current directory to '{Path.GetFullPath("no/such/smb.json")}').",
            ],
            failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddHealthScoring_EmptyKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHealthScoring(string.Empty, b => b.UseModel(HostingFixtures.ModelA)));

    [Fact]
    public void AddHealthScoring_RelativePathInAHost_ResolvesAgainstTheContentRoot()
    {
        var root = HostingFixtures.TempDirectory();
        Directory.CreateDirectory(Path.Combine(root, "models"));
        File.WriteAllText(Path.Combine(root, "models", "enterprise.json"), HostingFixtures.DocumentB);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, DisableDefaults = true });
            builder.Services.AddHealthScoring("models/enterprise.json");
            builder.Services.AddHealthScoring("enterprise", b => b.UseModelFile("models/enterprise.json", reloadOnChange: false));
            using var host = builder.Build();
            host.Services.GetRequiredService<IStartupValidator>().Validate();

            var source = host.Services.GetRequiredService<HealthModelSource>();
            Assert.Equal(Path.Combine(root, "models", "enterprise.json"), source.WatchedPath);
            Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
            Assert.Equal(HostingFixtures.ModelB.Hash, host.Services.GetRequiredKeyedService<HealthScorer>("enterprise").Model.Hash);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AddHealthScoring_MissingFileInAHost_NamesTheContentRoot()
    {
        var root = HostingFixtures.TempDirectory();
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, DisableDefaults = true });
            builder.Services.AddHealthScoring("models/missing.json");
            using var host = builder.Build();

            var exception = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

            Assert.Equal(
                [$"HealthScoring:ModelPath: file 'models/missing.json' does not exist (resolved against the content root to '{Path.Combine(root, "models", "missing.json")}')."],
                exception.Failures);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A consumer that takes one scorer per product line from the container.</summary>
    private sealed class ProductLines(HealthScorer @default, [FromKeyedServices("enterprise")] HealthScorer enterprise)
    {
        public HealthScorer Default { get; } = @default;

        public HealthScorer Enterprise { get; } = enterprise;
    }
}
