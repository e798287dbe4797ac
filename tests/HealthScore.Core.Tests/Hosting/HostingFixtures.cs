using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;
using Microsoft.Extensions.Logging;

namespace HealthScore.Core.Tests.Hosting;

/// <summary>Two valid model documents with known scores for one account, an invalid one, and a temporary directory to put them in.</summary>
internal static class HostingFixtures
{
    // Logins 2 of best 5 → 40 under model A; best 4 → 50 under model B. NPS stays missing (excluded).
    public const double ExpectedScoreA = 40;
    public const double ExpectedScoreB = 50;

    public static string DocumentA { get; } = Document(5, "a");

    public static string DocumentB { get; } = Document(4, "b");

    public static string InvalidDocument { get; } = Document(5, "invalid", usageWeight: -1);

    public static HealthModel ModelA { get; } = HealthModelDocument.Compile(DocumentA);

    public static HealthModel ModelB { get; } = HealthModelDocument.Compile(DocumentB);

    public static double[] Values(HealthModel model)
    {
        var values = model.CreateValues();
        values[model.GetMetric("logins_per_week").Index] = 2;
        return values;
    }

    public static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "healthscore-hosting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or ten seconds pass (file watchers fire asynchronously).</summary>
    public static bool Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return condition();
    }

    private static string Document(double best, string version, double usageWeight = 60)
    {
        var definition = new HealthModelBuilder()
            .WithId("hosted", "Hosted model", version)
            .AddBand("at_risk", "At risk", "#C62828", 0).AddBand("watch", "Watch", "#F9A825", 40).AddBand("healthy", "Healthy", "#2E7D32", 70)
            .AddGroup("usage", "Usage", usageWeight, g => g.AddMetric("logins_per_week", "Logins per week", new LinearScoring(worst: 0, best: best)))
            .AddGroup("satisfaction", "Satisfaction", 40, g => g.AddMetric("nps", "NPS", new LinearScoring(worst: -100, best: 100)))
            .Definition;
        return HealthModelDocument.Write(definition);
    }
}

/// <summary>Captures log messages.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
