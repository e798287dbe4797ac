using BenchmarkDotNet.Attributes;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks;

/// <summary>
/// Computing metric values for one account with about 1,000 records (600 product events, 120 tickets, 100 surveys,
/// 150 touch points, 10 milestones, 20 goals). Baseline: an idiomatic LINQ implementation of the usage and support
/// metrics; peers: the built-in providers for the same metrics, and every built-in metric through a provider set.
/// </summary>
[MemoryDiagnoser]
public class MetricProviderBenchmarks
{
    internal static readonly DateTimeOffset AsOf = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
    internal static readonly string[] Features = ["reports", "export", "dashboards", "api"];

    private AccountRecords _records;
    private ProductEvent[] _events = [];
    private SupportTicket[] _tickets = [];
    private MetricProviderSet _all = null!;
    private MetricProviderSet _usageAndSupport = null!;
    private double[] _allValues = [];
    private double[] _usageAndSupportValues = [];

    /// <summary>Gets the number of records of the account.</summary>
    public int RecordCount { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _records = CreateRecords();
        _events = _records.Events.ToArray();
        _tickets = _records.Tickets.ToArray();
        RecordCount = _records.Events.Length + _records.Tickets.Length + _records.Surveys.Length + _records.Touches.Length + _records.Milestones.Length + _records.Goals.Length;
        IMetricProvider[] providers =
        [
            new UsageProvider(new UsageProviderOptions { AvailableFeatures = Features }),
            new SupportProvider(),
            new SatisfactionProvider(),
            new EngagementProvider(),
            new OnboardingProvider(),
            new ValueProvider(),
            new TenureProvider(),
        ];
        var all = Model([.. providers.SelectMany(p => p.Metrics).Select(m => m.Id)]);
        _all = MetricProviderSet.Create(all, providers);
        _allValues = all.CreateValues();
        var usageAndSupport = Model([.. providers[..2].SelectMany(p => p.Metrics).Select(m => m.Id)]);
        _usageAndSupport = MetricProviderSet.Create(usageAndSupport, providers[..2]);
        _usageAndSupportValues = usageAndSupport.CreateValues();
        Console.WriteLine($"// records per account: {RecordCount}");
    }

    [Benchmark(Baseline = true, Description = "usage + support, idiomatic LINQ")]
    public double UsageAndSupport_Linq()
    {
        var from = AsOf.AddDays(-30);
        var window = _events.Where(e => e.Time <= AsOf && e.Time > from).ToList();
        var activeDays = window.Select(e => (int)((AsOf - e.Time).TotalDays)).Distinct().Count();
        var loginsPerWeek = window.Count(e => e.Feature == "login") / (30 / 7.0);
        var hours = window.Sum(e => e.Duration.TotalHours);
        var breadth = window.Select(e => e.Feature).Where(Features.Contains).Distinct().Count() / (double)Features.Length;
        var seats = window.Select(e => e.UserId).Where(u => u is not null).Distinct().Count() / 10.0;
        var last = _events.Where(e => e.Time <= AsOf).Select(e => (double?)Math.Floor((AsOf - e.Time).TotalDays)).Min() ?? double.NaN;
        var ticketsFrom = AsOf.AddDays(-90);
        var tickets = _tickets.Count(t => t.Opened <= AsOf && t.Opened > ticketsFrom);
        var openHigh = _tickets.Count(t => t.Severity >= TicketSeverity.High && t.Opened <= AsOf && (t.Closed is { } c ? c > AsOf : t.Status != TicketStatus.Closed));
        var durations = _tickets.Where(t => t.Closed is { } c && c <= AsOf && c > ticketsFrom && c >= t.Opened).Select(t => (t.Closed!.Value - t.Opened).TotalHours).OrderBy(h => h).ToList();
        var median = durations.Count == 0 ? double.NaN : durations.Count % 2 == 1 ? durations[durations.Count / 2] : (durations[(durations.Count / 2) - 1] + durations[durations.Count / 2]) / 2;
        var escalations = _tickets.Count(t => t.Escalated && t.Opened <= AsOf && t.Opened > ticketsFrom);
        return activeDays + loginsPerWeek + hours + breadth + seats + last + tickets + openHigh + median + escalations;
    }

    [Benchmark(Description = "usage + support, built-in providers")]
    public double UsageAndSupport_Providers()
    {
        _usageAndSupport.Fill(_records, AsOf, _usageAndSupportValues);
        return _usageAndSupportValues[0];
    }

    [Benchmark(Description = "all 24 built-in metrics, provider set")]
    public double AllBuiltInMetrics_ProviderSet()
    {
        _all.Fill(_records, AsOf, _allValues);
        return _allValues[0];
    }

    private static HealthModel Model(string[] ids) => new HealthModelBuilder()
        .AddBand("at_risk", "At risk", "#C62828", 0)
        .AddGroup("all", "All", 1, g =>
        {
            foreach (var id in ids)
            {
                g.AddMetric(id, id, new LinearScoring(worst: 0, best: 10));
            }
        })
        .Build();

    internal static AccountRecords CreateRecords(int total = 1_000)
    {
        string[] users = [.. Enumerable.Range(0, 20).Select(i => "user" + i)];
        string[] features = ["login", .. Features];
        var events = new ProductEvent[total * 600 / 1_000];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new(AsOf.AddHours(-(i * 37 % 4000)), users[i % users.Length], features[i % features.Length], 1, TimeSpan.FromMinutes(i % 45));
        }

        var tickets = new SupportTicket[total * 120 / 1_000];
        for (var i = 0; i < tickets.Length; i++)
        {
            var opened = AsOf.AddHours(-(i * 71 % 8000));
            tickets[i] = new(opened, i % 5 == 0 ? null : opened.AddHours(i % 90), (TicketSeverity)(i % 4), i % 5 == 0 ? TicketStatus.Open : TicketStatus.Closed, i % 11 == 0);
        }

        var surveys = new SurveyResponse[total * 100 / 1_000];
        for (var i = 0; i < surveys.Length; i++)
        {
            surveys[i] = new(AsOf.AddDays(-(i * 3 % 360)), (SurveyKind)(i % 3), i % 7 == 0 ? double.NaN : i % 11, "p" + (i % 30));
        }

        var touches = new TouchPoint[total * 150 / 1_000];
        for (var i = 0; i < touches.Length; i++)
        {
            touches[i] = new(AsOf.AddHours(-(i * 53 % 6000)), (TouchChannel)(i % 7), i % 4 == 0 ? null : users[i % 12], i % 13 == 0);
        }

        var milestones = new OnboardingMilestone[Math.Max(1, total * 10 / 1_000)];
        for (var i = 0; i < milestones.Length; i++)
        {
            milestones[i] = new("m" + i, AsOf.AddDays(-100 + (i * 20)), i < 6 ? AsOf.AddDays(-110 + (i * 20)) : null);
        }

        var goals = new Goal[Math.Max(1, total * 20 / 1_000)];
        for (var i = 0; i < goals.Length; i++)
        {
            goals[i] = new("g" + i, 10 + i, i * 1.5);
        }

        return new AccountRecords
        {
            Account = new Account
            {
                Id = "acme",
                ContractStart = AsOf.AddDays(-365),
                RenewalDate = AsOf.AddDays(90),
                LicensedSeats = 10,
            },
            Events = events,
            Tickets = tickets,
            Surveys = surveys,
            Touches = touches,
            Milestones = milestones,
            Goals = goals,
        };
    }
}
