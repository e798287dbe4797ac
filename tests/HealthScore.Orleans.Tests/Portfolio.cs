using HealthScore.Core.History;
using HealthScore.Core.Metrics;

namespace HealthScore.Orleans.Tests;

/// <summary>A seeded synthetic portfolio for the cluster tests: raw records in every family, a manual sentiment, parents.</summary>
internal static class Portfolio
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Features = ["dashboards", "reports", "alerts", "integrations", "api", "workflows"];

    private static readonly string[] Sentiments = ["green", "yellow", "red"];

    /// <summary>Account ids <c>prefix-000</c>…; every tenth account is the parent of the next three.</summary>
    public static List<AccountBatch> Batches(string prefix, int count, int seed, DateTimeOffset asOf)
    {
        var random = new Random(seed);
        var batches = new List<AccountBatch>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Id(prefix, i);
            var health = random.NextDouble();
            var start = asOf.AddDays(-random.Next(20, 700));
            var parent = i % 10 is >= 1 and <= 3 ? Id(prefix, i - (i % 10)) : null;
            var account = new Account
            {
                Id = id,
                Name = "Account " + i,
                ContractStart = start,
                RenewalDate = start.AddYears((int)Math.Ceiling((asOf - start).TotalDays / 365.0) + (random.Next(4) == 0 ? 0 : 1)),
                LicensedSeats = random.Next(5, 200),
                Value = random.Next(5, 500) * 1000,
                Segment = random.Next(3) == 0 ? "enterprise" : "smb",
                ParentId = parent,
                Consents = random.Next(4) == 0 ? [] : ["email", "automation", "marketing"],
                Fields = new Dictionary<string, string> { ["name"] = "Account " + i },
            };

            var events = new List<ProductEvent>();
            for (var d = 0; d < 90; d++)
            {
                if (random.NextDouble() < health)
                {
                    var day = asOf.AddDays(-d).AddHours(-random.Next(1, 20));
                    events.Add(new ProductEvent(day, "user" + random.Next(1 + (int)(health * 40)), Features[random.Next(1 + (int)(health * (Features.Length - 1)))]));
                }
            }

            var tickets = new List<SupportTicket>();
            for (var t = 0; t < random.Next(0, 4 + (int)((1 - health) * 6)); t++)
            {
                var opened = asOf.AddDays(-random.Next(1, 80)).AddMinutes(-t);
                var closed = random.NextDouble() < 0.7 ? opened.AddHours(random.Next(2, 200)) : (DateTimeOffset?)null;
                tickets.Add(new SupportTicket(opened, closed is { } c && c <= asOf ? c : null, random.Next(5) == 0 ? TicketSeverity.High : TicketSeverity.Normal, closed is { } c2 && c2 <= asOf ? TicketStatus.Closed : TicketStatus.Open, random.Next(8) == 0));
            }

            var surveys = new List<SurveyResponse>();
            for (var s = 0; s < random.Next(0, 5); s++)
            {
                surveys.Add(new SurveyResponse(asOf.AddDays(-random.Next(1, 170)), SurveyKind.Nps, random.NextDouble() < 0.2 ? double.NaN : Math.Round(Math.Clamp((health * 10) + random.Next(-3, 3), 0, 10))));
            }

            var touches = new List<TouchPoint>();
            for (var t = 0; t < random.Next(0, 12); t++)
            {
                touches.Add(new TouchPoint(asOf.AddDays(-random.Next(1, 88)), (TouchChannel)random.Next(0, 5), "person" + random.Next(6), random.Next(6) == 0));
            }

            var manual = new List<ManualInput>();
            if (random.Next(3) > 0)
            {
                manual.Add(new ManualInput("csm_sentiment", Sentiments[health > 0.6 ? 0 : health > 0.3 ? 1 : 2], asOf.AddDays(-random.Next(1, 60)), "aiko.sato"));
            }

            batches.Add(new AccountBatch
            {
                BatchId = id + "-1",
                Account = account,
                Events = events,
                Tickets = tickets,
                Surveys = surveys,
                Touches = touches,
                Milestones = [new OnboardingMilestone("kickoff", start.AddDays(7), random.Next(5) > 0 ? start.AddDays(5) : null), new OnboardingMilestone("first_report", start.AddDays(30), random.Next(3) > 0 ? start.AddDays(25) : null)],
                Goals = [new Goal("adoption", 100, Math.Round(health * 120), MeasuredAt: asOf.AddDays(-10))],
                Sources = RecordSources.All,
                ManualInputs = manual,
            });
        }

        return batches;
    }

    public static string Id(string prefix, int i) => prefix + "-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    public static IMetricProvider[] Providers() =>
    [
        new UsageProvider(new UsageProviderOptions { AvailableFeatures = [.. Features] }), new SupportProvider(), new SatisfactionProvider(),
        new EngagementProvider(), new OnboardingProvider(), new ValueProvider(), new ManualMetricsProvider("csm_sentiment"),
    ];

    public static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HealthScore.Core.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine([directory?.FullName ?? throw new InvalidOperationException("The repository root (HealthScore.Core.sln) is not above the test binaries."), .. parts]);
    }
}
