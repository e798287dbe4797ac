using System.Globalization;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Metrics;
using HealthScore.Core.Pipeline;
using AccountInput = HealthScore.Cli.Scoring.AccountInput;

namespace HealthScore.Cli.Sample;

/// <summary>
/// A seeded generator of synthetic accounts with a year of raw records in every signal family. A hidden
/// "health" per account drives every record, so scores spread over all bands; contract dates are spread so that
/// onboarding, adoption, renewal and dormant accounts all occur. Same seed, count and as-of → same portfolio.
/// </summary>
internal static class SamplePortfolio
{
    public const int DefaultSeed = 20261124;
    public const int DefaultCount = 300;

    /// <summary>The demo's fixed as-of date: the output never depends on the wall clock.</summary>
    public static readonly DateTimeOffset DefaultAsOf = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<string> Features =
        ["dashboards", "reports", "alerts", "integrations", "api", "workflows", "exports", "sso", "mobile", "analytics"];

    /// <summary>The account fields the sample model declares, besides the name.</summary>
    public static readonly IReadOnlyList<string> Fields = ["seats", "annual_value", "segment", "has_executive_sponsor"];

    private static readonly string[] Syllables = ["ka", "ro", "mi", "ta", "ne", "so", "lu", "vi", "da", "pe", "zo", "ri", "an", "el", "or"];
    private static readonly string[] Suffixes = ["Labs", "Systems", "Logistics", "Foods", "Health", "Media", "Retail", "Energy", "Bank", "Works"];
    private static readonly string[] Segments = ["smb", "mid_market", "enterprise"];

    /// <summary>The metric a success manager rates, green, yellow or red, every few weeks.</summary>
    public const string SentimentMetric = "csm_sentiment";

    // In every block of 50 accounts: parents and their children (two levels under the first), and who overrode what.
    private const int Block = 50;
    private static readonly Dictionary<int, int> ParentInBlock = new() { [1] = 0, [2] = 0, [3] = 0, [4] = 0, [5] = 1, [6] = 1, [21] = 20, [22] = 20, [23] = 20 };
    private static readonly string[] Authors = ["aiko.sato", "ben.okafor", "carla.mendes", "daniel.kim"];

    /// <summary>The whole portfolio in memory (tests, small portfolios).</summary>
    public static List<AccountInput> Generate(int seed, int count, DateTimeOffset asOf) => [.. Stream(seed, count, asOf)];

    /// <summary>
    /// The portfolio one account at a time, so a portfolio of any size is generated in bounded memory. The records come
    /// from one random stream and what people add by hand from a second, so the records stay those of the same seed.
    /// </summary>
    public static IEnumerable<AccountInput> Stream(int seed, int count, DateTimeOffset asOf)
    {
        var random = new Random(seed);
        var manual = new Random(unchecked(seed * 31) + 7);
        for (var i = 0; i < count; i++)
        {
            var account = GenerateOne(random, i, asOf, out var health);
            yield return WithManualInput(account, manual, i, health, asOf) with { Ordinal = i };
        }
    }

    /// <summary>Whether the account at <paramref name="index"/> is a parent (of an account at a higher index) in a portfolio of <paramref name="count"/>.</summary>
    public static bool IsParent(int index, int count)
    {
        var start = index - (index % Block);
        return ParentInBlock.Any(p => p.Value == index % Block && start + p.Key < count);
    }

    /// <summary>
    /// A success manager's sentiment for most accounts, observed up to 60 days ago (older than 45 is stale), a parent
    /// for the accounts that have one, and the overrides people set: a score and a band override in force, one that
    /// ran out, and one asked for longer than the model allows (cut to its longest validity).
    /// </summary>
    private static AccountInput WithManualInput(AccountInput input, Random random, int index, double health, DateTimeOffset asOf)
    {
        var entered = Sentiment(random, SentimentMetric, 0.85, 60, health, asOf);

        var author = Authors[(index / Block) % Authors.Length];
        List<HealthOverride> overrides = (index % Block) switch
        {
            3 => [HealthOverride.ForScore(62, author, asOf.AddDays(-10), asOf.AddDays(20), "Usage dip is a planned migration to the new workspace")],
            11 => [HealthOverride.ForBand("healthy", author, asOf.AddDays(-5), asOf.AddDays(40), "Renewal signed early; expansion agreed")],
            17 => [HealthOverride.ForScore(75, author, asOf.AddDays(-120), asOf.AddDays(-30), "Pilot team only; broader roll-out was planned for the autumn")],
            29 => [HealthOverride.ForBand("at_risk", author, asOf.AddDays(-20), asOf.AddDays(200), "Champion left; budget under review")],
            _ => [],
        };
        return input with { Entered = entered, Overrides = overrides };
    }

    /// <summary>
    /// With probability <paramref name="share"/>, a person's green, yellow or red rating of a <paramref name="health"/> they
    /// sense with some noise, observed 1 to <paramref name="maxDaysAgo"/> days before <paramref name="asOf"/>; none otherwise.
    /// </summary>
    internal static List<EnteredValue> Sentiment(Random random, string metric, double share, int maxDaysAgo, double health, DateTimeOffset asOf)
    {
        var entered = new List<EnteredValue>();
        if (random.NextDouble() < share)
        {
            var felt = health + Noise(random, 0.15);
            var sentiment = felt >= 0.6 ? "green" : felt >= 0.4 ? "yellow" : "red";
            entered.Add(new EnteredValue(metric, sentiment, asOf.AddDays(-random.Next(1, maxDaysAgo + 1))));
        }

        return entered;
    }

    /// <summary>The parent of the account at an index, by its place in its block of <see cref="Block"/>; <see langword="null"/> for most.</summary>
    private static string? ParentOf(int index) =>
        ParentInBlock.TryGetValue(index % Block, out var parent) ? Id(index - (index % Block) + parent) : null;

    private static string Id(int index) => "ACC-" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    private static AccountInput GenerateOne(Random random, int index, DateTimeOffset asOf, out double healthOut)
    {
        var health = Math.Clamp(Beta(random), 0.02, 0.98);
        healthOut = health;
        var kind = random.NextDouble();

        // Tenure: a fifth are new (onboarding); the rest have been customers up to three years.
        var tenure = kind < 0.2 ? random.Next(5, 89) : random.Next(95, 1100);
        var start = asOf.AddDays(-tenure);
        var renewal = start.AddYears(1);
        while (renewal <= asOf)
        {
            renewal = renewal.AddYears(1);
        }

        // About one in ten established accounts has gone quiet.
        var dormant = tenure > 120 && random.NextDouble() < 0.12;
        var lastActive = dormant ? asOf.AddDays(-random.Next(46, 120)) : asOf.AddDays(-(int)(random.NextDouble() * 6 * (1 - health)));
        var seats = Segment(random, out var segment);
        var users = Math.Max(1, Math.Min(seats, 6));
        var name = Name(random);
        var from = start > asOf.AddDays(-365) ? start : asOf.AddDays(-365);

        var events = new List<ProductEvent>();
        var featureCount = 1 + (int)(health * (Features.Count - 1));
        for (var day = from; day < lastActive; day = day.AddDays(1))
        {
            for (var u = 0; u < users; u++)
            {
                if (random.NextDouble() < 0.1 + (0.55 * health))
                {
                    var user = "u" + u.ToString(CultureInfo.InvariantCulture);
                    var time = day.AddHours(8 + random.Next(10));
                    events.Add(new ProductEvent(time, user, "login"));
                    events.Add(new ProductEvent(time.AddMinutes(5), user, Features[random.Next(featureCount)], 1, TimeSpan.FromMinutes(10 + random.Next(50))));
                }
            }
        }

        var tickets = new List<SupportTicket>();
        var ticketCount = random.Next(0, 3 + (int)((1 - health) * 8));
        for (var t = 0; t < ticketCount; t++)
        {
            var opened = from.AddDays(random.NextDouble() * Math.Max(1, (asOf - from).TotalDays));
            var severity = random.NextDouble() < 0.35 * (1.2 - health) ? TicketSeverity.High : random.NextDouble() < 0.5 ? TicketSeverity.Normal : TicketSeverity.Low;
            var hours = 2 + (random.NextDouble() * 90 * (1.1 - health));
            var closed = opened.AddHours(hours);
            var open = closed > asOf || random.NextDouble() < 0.2 * (1 - health);
            tickets.Add(new SupportTicket(opened, open ? null : closed, severity, open ? TicketStatus.Open : TicketStatus.Closed, random.NextDouble() < 0.25 * (1 - health)));
        }

        var surveys = new List<SurveyResponse>();
        for (var q = 0; q < 4; q++)
        {
            var time = asOf.AddDays(-(q * 90) - random.Next(1, 60));
            if (time < start || random.NextDouble() > 0.35 + (0.5 * health))
            {
                continue;
            }

            surveys.Add(new SurveyResponse(time, SurveyKind.Nps, Math.Clamp(Math.Round((health * 10) + Noise(random, 2)), 0, 10), "champion"));
            surveys.Add(new SurveyResponse(time.AddDays(1), SurveyKind.Csat, Math.Clamp(Math.Round(1 + (health * 4) + Noise(random, 1)), 1, 5)));
            surveys.Add(new SurveyResponse(time.AddDays(2), SurveyKind.Ces, Math.Clamp(Math.Round(7 - (health * 6) + Noise(random, 1)), 1, 7)));
        }

        var touches = new List<TouchPoint>();
        var touchCount = random.Next(2, 8 + (int)(health * 40));
        TouchChannel[] channels = [TouchChannel.Call, TouchChannel.Email, TouchChannel.Meeting, TouchChannel.Event, TouchChannel.Webinar, TouchChannel.HelpPageView, TouchChannel.Community];
        for (var t = 0; t < touchCount; t++)
        {
            var time = from.AddDays(random.NextDouble() * Math.Max(1, (asOf - from).TotalDays));
            var stakeholder = "s" + random.Next(1 + (int)(health * 6)).ToString(CultureInfo.InvariantCulture);
            touches.Add(new TouchPoint(time, channels[random.Next(channels.Length)], stakeholder, random.NextDouble() < 0.1 + (0.2 * health)));
        }

        var milestones = new List<OnboardingMilestone>();
        string[] steps = ["kickoff", "data_import", "first_dashboard", "team_invited", "integration_live"];
        for (var m = 0; m < steps.Length; m++)
        {
            var due = start.AddDays(10 + (m * 15));
            var done = random.NextDouble() < 0.3 + (0.7 * health) ? due.AddDays(random.Next(-5, 10)) : (DateTimeOffset?)null;
            milestones.Add(new OnboardingMilestone(steps[m], due, done is { } d && d <= asOf ? d : null));
        }

        var goals = new List<Goal>
        {
            new("adoption", 100, Math.Round(Math.Max(0, (health * 120) + Noise(random, 20))), "%", asOf.AddDays(-random.Next(1, 60))),
            new("time_saved_hours", 50, Math.Round(Math.Max(0, (health * 60) + Noise(random, 10))), "h", asOf.AddDays(-random.Next(1, 60))),
        };

        var consents = new List<string>();
        foreach (var consent in (string[])["email", "automation", "marketing"])
        {
            if (random.NextDouble() < 0.7)
            {
                consents.Add(consent);
            }
        }

        var id = Id(index);
        var parentId = ParentOf(index);
        var value = Math.Round(seats * (800 + random.Next(400)) / 100.0) * 100;
        var account = new Account
        {
            Id = id, Name = name, ContractStart = start, RenewalDate = renewal, LicensedSeats = seats, Value = value,
            Segment = segment, Consents = consents, ParentId = parentId,
        };
        return new AccountInput
        {
            Id = id,
            ParentId = parentId,
            Name = name,
            ContractStart = start,
            RenewalDate = renewal,
            Consents = consents,
            Fields = new(StringComparer.Ordinal)
            {
                ["seats"] = seats.ToString(CultureInfo.InvariantCulture),
                ["annual_value"] = value.ToString(CultureInfo.InvariantCulture),
                ["segment"] = segment,
                ["has_executive_sponsor"] = random.NextDouble() < health ? "1" : "0",
            },
            Records = new AccountRecords
            {
                Account = account, Events = events.ToArray(), Tickets = tickets.ToArray(), Surveys = surveys.ToArray(),
                Touches = touches.ToArray(), Milestones = milestones.ToArray(), Goals = goals.ToArray(), Sources = RecordSources.All,
            },
        };
    }

    private static int Segment(Random random, out string segment)
    {
        var s = random.Next(Segments.Length);
        segment = Segments[s];
        return s switch { 0 => random.Next(3, 15), 1 => random.Next(15, 80), _ => random.Next(80, 400) };
    }

    private static string Name(Random random)
    {
        var first = Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)] + Syllables[random.Next(Syllables.Length)];
        return char.ToUpperInvariant(first[0]) + first[1..] + " " + Suffixes[random.Next(Suffixes.Length)];
    }

    // Mean of three uniforms: most accounts middling, a tail of very healthy and very unhealthy ones.
    private static double Beta(Random random) => (random.NextDouble() + random.NextDouble() + random.NextDouble()) / 3;

    internal static double Noise(Random random, double scale) => (random.NextDouble() - 0.5) * 2 * scale;
}
