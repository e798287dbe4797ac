using System.Text;
using HealthScore.Core.Hosting;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthScore.Core.Tests.Hosting;

public sealed class HealthScoringServiceCollectionExtensionsTests
{
    [Fact]
    public void AddHealthScoring_Path_ResolvesSourceModelScorerAndTimeProvider()
    {
        var path = WriteModel(HostingFixtures.DocumentA);
        using var provider = new ServiceCollection().AddHealthScoring(path).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var source = provider.GetRequiredService<HealthModelSource>();
        Assert.Equal(HostingFixtures.ModelA.Hash, source.Current.Hash);
        Assert.Same(source.Current, provider.GetRequiredService<HealthModel>());
        Assert.Same(source.Current.Actions, provider.GetRequiredService<Core.Actions.ActionEngine>());
        Assert.Same(source.Current.PhaseRules, provider.GetRequiredService<Core.Rules.PhaseResolver>());
        Assert.Same(source.Current.BandExceptions, provider.GetRequiredService<Core.Rules.BandExceptions>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(Path.GetFullPath(path), source.WatchedPath);
        var scorer = provider.GetRequiredService<HealthScorer>();
        Assert.Equal(HostingFixtures.ExpectedScoreA, scorer.Score(HostingFixtures.Values(scorer.Model)).Score);
    }

    [Fact]
    public void AddHealthScoring_CalledTwice_RegistersEachServiceOnce()
    {
        var path = WriteModel(HostingFixtures.DocumentA);
        var once = new ServiceCollection().AddHealthScoring(path);
        var twice = new ServiceCollection().AddHealthScoring(path).AddHealthScoring(path);

        Assert.Equal(
            once.Select(d => d.ServiceType.FullName).Order(StringComparer.Ordinal).Distinct(),
            twice.Select(d => d.ServiceType.FullName).Order(StringComparer.Ordinal).Distinct());
        Assert.Single(twice, d => d.ServiceType == typeof(HealthModelSource));
        Assert.Single(twice, d => d.ServiceType == typeof(IValidateOptions<HealthScoringOptions>));
        using var provider = twice.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(HostingFixtures.ModelA.Hash, provider.GetRequiredService<HealthModelSource>().Current.Hash);
    }

    [Fact]
    public void AddHealthScoring_TimeProviderAlreadyRegistered_KeepsIt()
    {
        var clock = new FixedTimeProvider();
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddHealthScoring(b => b.UseModel(HostingFixtures.ModelA)).BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddHealthScoring_Stream_ServesTheDocumentAndWatchesNothing()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB));
        using var provider = new ServiceCollection().AddHealthScoring(stream).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var source = provider.GetRequiredService<HealthModelSource>();
        Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
        Assert.Null(source.WatchedPath);
    }

    [Fact]
    public void AddHealthScoring_NoModel_FailsStartupValidationWithMessage()
    {
        using var provider = new ServiceCollection().AddHealthScoring(_ => { }).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            ["HealthScoring:ModelPath: is required: set it to the model document's path, or give the model in code (UseModel, or the stream overload)."],
            exception.Failures);
    }

    [Fact]
    public void AddHealthScoring_MissingFileAndBadDebounce_ReportsBothAtStartup()
    {
        using var provider = new ServiceCollection()
            .AddHealthScoring(b => b.UseModelFile("no/such/model.json").Configure(o => o.ReloadDebounce = TimeSpan.FromMinutes(5)))
            .BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                $"HealthScoring:ModelPath: file 'no/such/model.json' does not exist (resolved against the current directory to '{Path.GetFullPath("no/such/model.json")}').",
                "HealthScoring:ReloadDebounce: must be between 00:00:00 and 00:01:00; it is 00:05:00.",
            ],
            exception.Failures);
    }

    [Fact]
    public void AddHealthScoring_ConfigurationWithUnreadableValues_ReportsTheirKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthScoring:ModelPath"] = WriteModel(HostingFixtures.DocumentA),
            ["HealthScoring:ReloadOnChange"] = "yes",
            ["HealthScoring:ReloadDebounce"] = "soon",
        }).Build();
        using var provider = new ServiceCollection().AddHealthScoring(configuration.GetSection(HealthScoringOptions.SectionName)).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "HealthScoring:ReloadOnChange: 'yes' is not true or false.",
                "HealthScoring:ReloadDebounce: 'soon' is not a time span such as 00:00:00.250.",
            ],
            exception.Failures);
    }

    [Fact]
    public void AddHealthScoring_ConfigurationChanges_ReloadsFromTheNewPathAndRejectsAnInvalidOne()
    {
        var pathA = WriteModel(HostingFixtures.DocumentA);
        var pathB = WriteModel(HostingFixtures.DocumentB);
        var pathInvalid = WriteModel(HostingFixtures.InvalidDocument);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthScoring:ModelPath"] = pathA,
            ["HealthScoring:ReloadOnChange"] = "false",
        }).Build();
        using var logs = new ListLoggerProvider();
        using var provider = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs))
            .AddHealthScoring(configuration.GetSection(HealthScoringOptions.SectionName))
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var source = provider.GetRequiredService<HealthModelSource>();
        Assert.Equal(HostingFixtures.ModelA.Hash, source.Current.Hash);
        Assert.Null(source.WatchedPath);
        var rejected = new List<HealthModelRejectedEventArgs>();
        source.ModelRejected += (_, e) => rejected.Add(e);

        configuration["HealthScoring:ModelPath"] = pathB;
        configuration.Reload(); // IOptionsMonitor.OnChange runs the reload on this thread

        Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
        Assert.Same(source.Current, provider.GetRequiredService<HealthModel>());

        configuration["HealthScoring:ModelPath"] = pathInvalid;
        configuration.Reload();

        Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
        var rejection = Assert.Single(rejected);
        Assert.Equal(pathInvalid, rejection.Origin);
        Assert.Equal("$.groups[0].weight", Assert.Single(rejection.Errors).Path);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(pathInvalid, StringComparison.Ordinal));
    }

    [Fact]
    public void AddHealthScoring_ConfigurationPointsToMissingFile_RejectsTheChangeAndKeepsServing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HealthScoring:ModelPath"] = WriteModel(HostingFixtures.DocumentA),
        }).Build();
        using var provider = new ServiceCollection().AddHealthScoring(configuration.GetSection(HealthScoringOptions.SectionName)).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var source = provider.GetRequiredService<HealthModelSource>();
        HealthModelRejectedEventArgs? rejected = null;
        source.ModelRejected += (_, e) => rejected = e;

        configuration["HealthScoring:ModelPath"] = "no/such/model.json";
        configuration.Reload(); // the change must not throw from the configuration's change callback

        Assert.Equal(HostingFixtures.ModelA.Hash, source.Current.Hash);
        Assert.NotNull(rejected);
        Assert.Equal("HealthScoring", rejected.Origin);
        Assert.Equal(
            $"HealthScoring:ModelPath: file 'no/such/model.json' does not exist (resolved against the current directory to '{Path.GetFullPath("no/such/model.json")}').",
            Assert.Single(rejected.Errors).ToString());
    }

    [Fact]
    public void AddHealthScoring_ModelFileRewritten_SwapsInTheNewModelAndRejectsAnInvalidOne()
    {
        var path = WriteModel(HostingFixtures.DocumentA);
        using var provider = new ServiceCollection()
            .AddHealthScoring(b => b.UseModelFile(path).Configure(o => o.ReloadDebounce = TimeSpan.FromMilliseconds(20)))
            .BuildServiceProvider();
        var source = provider.GetRequiredService<HealthModelSource>();
        var rejected = 0;
        source.ModelRejected += (_, _) => Interlocked.Increment(ref rejected);

        File.WriteAllText(path, HostingFixtures.DocumentB);
        Assert.True(HostingFixtures.Eventually(() => source.Current.Hash == HostingFixtures.ModelB.Hash), "the rewritten document was not picked up");

        File.WriteAllText(path, HostingFixtures.InvalidDocument);
        Assert.True(HostingFixtures.Eventually(() => Volatile.Read(ref rejected) > 0), "the invalid document was not rejected");
        Assert.Equal(HostingFixtures.ModelB.Hash, source.Current.Hash);
    }

    [Fact]
    public void AddHealthScoring_ModelFileRewritten_WaitsForTheDebounceOnTheRegisteredTimeProvider()
    {
        var path = WriteModel(HostingFixtures.DocumentA);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddHealthScoring(b => b.UseModelFile(path).Configure(o => o.ReloadDebounce = TimeSpan.FromSeconds(30)))
            .BuildServiceProvider();
        var source = provider.GetRequiredService<HealthModelSource>();
        var changes = 0;
        source.ModelChanged += (_, _) => Interlocked.Increment(ref changes);

        File.WriteAllText(path, HostingFixtures.DocumentB);
        Thread.Sleep(200);
        Assert.Equal(HostingFixtures.ModelA.Hash, source.Current.Hash);

        // Only the fake clock can make 30 seconds pass within the 15-second poll.
        Assert.True(HostingFixtures.Eventually(() =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            return source.Current.Hash == HostingFixtures.ModelB.Hash;
        }));
        Assert.Equal(1, Volatile.Read(ref changes));
    }

    [Fact]
    public void MetricProviderSet_AfterSwap_IsBuiltForTheCurrentModel()
    {
        var producer = new StubProvider("logins_per_week", "nps");
        using var provider = new ServiceCollection()
            .AddHealthScoring(b => b.UseModel(HostingFixtures.ModelA).AddMetricProvider(producer))
            .BuildServiceProvider();
        var source = provider.GetRequiredService<HealthModelSource>();
        var first = provider.GetRequiredService<MetricProviderSet>();
        Assert.Same(first, provider.GetRequiredService<MetricProviderSet>());

        Assert.True(source.TryReload(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB), "test"));

        var second = provider.GetRequiredService<MetricProviderSet>();
        Assert.Same(HostingFixtures.ModelA, first.Model);
        Assert.Same(source.Current, second.Model);
    }

    private static string WriteModel(string document)
    {
        var path = Path.Combine(HostingFixtures.TempDirectory(), "model.json");
        File.WriteAllText(path, document);
        return path;
    }

    private sealed class FixedTimeProvider : TimeProvider
    {
    }

    private sealed class StubProvider(params string[] ids) : IMetricProvider
    {
        public IReadOnlyList<MetricDescriptor> Metrics { get; } = [.. ids.Select(id => new MetricDescriptor(id, null, MetricDirection.HigherIsBetter, id))];

        public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => destination.Fill(double.NaN);
    }

    [Fact]
    public void AddHealthScoring_ScoringFunctionTypesRegistered_ReadsDocumentsThatUseThem()
    {
        var json = """
            { "groups": [ { "id": "g", "label": "G", "metrics": [ { "id": "m", "label": "M", "scoring": { "type": "threshold", "threshold": 3 } } ] } ],
              "bands": [ { "id": "all", "label": "All", "color": "#000000", "lowerBound": 0 } ] }
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var provider = new ServiceCollection()
            .AddSingleton(Scoring.CustomScoring.Types)
            .AddHealthScoring(stream)
            .BuildServiceProvider();

        var model = provider.GetRequiredService<HealthModel>();
        var source = provider.GetRequiredService<HealthModelSource>();

        Assert.Equal(100, model.Score([5]).Score);
        Assert.True(source.TryReload(Encoding.UTF8.GetBytes(json.Replace("3 }", "4 }", StringComparison.Ordinal)), "test"));
        Assert.Equal(0, source.Current.Score([3.5]).Score);
    }
}
