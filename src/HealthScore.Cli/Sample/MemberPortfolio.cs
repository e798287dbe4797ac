using System.Globalization;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Metrics;
using HealthScore.Core.Pipeline;
using AccountInput = HealthScore.Cli.Scoring.AccountInput;

namespace HealthScore.Cli.Sample;

/// <summary>
/// A seeded generator of synthetic members of a community and fitness service, with the raw records the built-in
/// providers read: app visits (day by day, so streaks form and break), monthly pulse surveys (answered or not), event
/// invitations (attended or missed), the first steps after joining, and a coach's sentiment. A hidden "health" per
/// member drives every record; registration dates are spread so that new, settling-in, established and lapsing
/// members all occur. Same seed, count and as-of → same portfolio.
/// </summary>
internal static class MemberPortfolio
{
    /// <summary>What a member does in the app besides opening it (the "login" event).</summary>
    public static readonly IReadOnlyList<string> Features =
        ["activity_log", "event_booking", "challenges", "community", "nutrition", "coach_chat"];

    /// <summary>The account fields the member model declares, besides the name.</summary>
    public static readonly IReadOnlyList<string> Fields = ["plan"];

    /// <summary>The metric a member's coach rates, green, yellow or red, every few weeks.</summary>
    public const string SentimentMetric = "coach_sentiment";

    /// <summary>The consent a member gives to use their personal data for coaching and automatic support.</summary>
    public const string PersonalData = "personal_data";

    private const int Block = 50;
    private const int RecordDays = 150; // the 90-day windows, and the same 30 days earlier for the trend, with room to spare
    private static readonly string[] GivenNames =
        ["Aiko", "Ben", "Carla", "Daniel", "Emi", "Farid", "Grace", "Haruto", "Ines", "Jun", "Kenji", "Lena", "Mei", "Noah", "Olga", "Priya", "Ren", "Sara", "Taro", "Yui"];
    private static readonly string[] Coaches = ["mika.tanaka", "leo.martin", "sofia.rossi"];
    private static readonly string[] FirstSteps = ["profile_completed", "first_event_booked", "reminders_set", "first_challenge_joined"];
    private static readonly int[] FirstStepDueDays = [2, 7, 10, 21];

    /// <summary>The members one at a time, in bounded memory, as <see cref="SamplePortfolio.Stream"/> does for accounts.</summary>
    public static IEnumerable<AccountInput> Stream(int seed, int count, DateTimeOffset asOf)
    {
        (Random Records, Random Manual) random = (new(seed), new(unchecked(seed * 37) + 11));
        for (var i = 0; i < count; i++)
        {
            var member = GenerateOne(random.Records, i, asOf, out var health);
            yield return WithManualInput(member, random.Manual, i, health, asOf) with { Ordinal = i };
        }
    }

    /// <summary>
    /// A coach's sentiment for most members, observed up to 50 days ago (older than 30 is stale), and the overrides
    /// coaches set: a band in force for a member on an agreed break, one for a member who asked how to cancel, and a
    /// score override that ran out.
    /// </summary>
    private static AccountInput WithManualInput(AccountInput input, Random random, int index, double health, DateTimeOffset asOf)
    {
        var entered = SamplePortfolio.Sentiment(random, SentimentMetric, 0.7, 50, health, asOf);

        var coach = Coaches[(index / Block) % Coaches.Length];
        List<HealthOverride> overrides = (index % Block) switch
        {
            7 => [HealthOverride.ForBand("healthy", coach, asOf.AddDays(-6), asOf.AddDays(30), "Recovering from a knee injury; training paused by agreement until January")],
            19 => [HealthOverride.ForScore(55, coach, asOf.AddDays(-50), asOf.AddDays(-10), "Moving house; expected back after the move")],
            33 => [HealthOverride.ForBand("at_risk", coach, asOf.AddDays(-3), asOf.AddDays(27), "Asked at the front desk how to cancel")],
            _ => [],
        };
        return input with { Entered = entered, Overrides = overrides };
    }

    private static string Id(int index) => "MBR-" + (index + 1).ToString("D4", CultureInfo.InvariantCulture);

    private static AccountInput GenerateOne(Random random, int index, DateTimeOffset asOf, out double healthOut)
    {
        var health = Math.Clamp((random.NextDouble() + random.NextDouble() + random.NextDouble()) / 3, 0.02, 0.98);
        healthOut = health;

        // Registration: a fifth joined this month, a fifth in the two months before, the rest up to about three years ago.
        var kind = random.NextDouble();
        var tenure = kind < 0.2 ? random.Next(3, 30) : kind < 0.4 ? random.Next(30, 90) : random.Next(90, 1100);
        var registered = asOf.AddDays(-tenure);

        // Some long-standing members have stopped coming (lapsing, 21 days or more); a few broke a habit two weeks ago.
        var pattern = random.NextDouble();
        var brokenHabit = tenure >= 45 && pattern is >= 0.15 and < 0.23;
        var lastDay = tenure >= 120 && pattern < 0.15 ? asOf.AddDays(-random.Next(21, 80))
            : brokenHabit ? asOf.AddDays(-random.Next(14, 21))
            : asOf;

        var from = registered > asOf.AddDays(-RecordDays) ? registered : asOf.AddDays(-RecordDays);
        var events = new List<ProductEvent>();
        var user = Id(index);

        // Everyone opened the app the day they joined, so every member has usage records.
        events.Add(new ProductEvent(registered.AddHours(18), user, "login"));
        events.Add(new ProductEvent(registered.AddHours(18).AddMinutes(3), user, "activity_log", 1, TimeSpan.FromMinutes(5)));

        // Visits day by day as a two-state chain, so healthier members keep longer streaks.
        var stay = 0.3 + (0.65 * health);
        var start = 0.03 + (0.4 * health);
        var active = false;
        var features = 1 + (int)(health * (Features.Count - 1));
        for (var day = from.AddDays(1); day < lastDay; day = day.AddDays(1))
        {
            active = (brokenHabit && day >= lastDay.AddDays(-10)) || random.NextDouble() < (active ? stay : start);
            if (active)
            {
                var time = day.AddHours(6 + random.Next(15));
                events.Add(new ProductEvent(time, user, "login"));
                events.Add(new ProductEvent(time.AddMinutes(2), user, Features[random.Next(features)], 1, TimeSpan.FromMinutes(5 + random.Next(40))));
            }
        }

        // A pulse survey a week after joining and every 30 days since; a NaN score is a survey sent and not answered.
        var surveys = new List<SurveyResponse>();
        for (var sent = registered.AddDays(7); sent <= asOf; sent = sent.AddDays(30))
        {
            if (sent < asOf.AddDays(-RecordDays))
            {
                continue;
            }

            var answered = random.NextDouble() < 0.15 + (0.8 * health);
            surveys.Add(new SurveyResponse(sent, SurveyKind.Csat, answered ? Math.Clamp(Math.Round(1 + (health * 4) + SamplePortfolio.Noise(random, 1)), 1, 5) : double.NaN));
        }

        // An event invitation about every two weeks: attended (an event or an online session) or missed.
        var touches = new List<TouchPoint>();
        for (var invited = registered.AddDays(3 + random.Next(5)); invited <= asOf; invited = invited.AddDays(10 + random.Next(8)))
        {
            if (invited < asOf.AddDays(-RecordDays))
            {
                continue;
            }

            var attended = invited < lastDay && random.NextDouble() < 0.05 + (0.8 * health);
            var channel = attended ? (random.NextDouble() < 0.7 ? TouchChannel.Event : TouchChannel.Webinar) : TouchChannel.MissedEvent;
            touches.Add(new TouchPoint(invited, channel, user));
            if (attended && random.NextDouble() < health)
            {
                touches.Add(new TouchPoint(invited.AddDays(1), TouchChannel.Community, user));
            }
        }

        var milestones = new List<OnboardingMilestone>(FirstSteps.Length);
        for (var m = 0; m < FirstSteps.Length; m++)
        {
            var due = registered.AddDays(FirstStepDueDays[m]);
            var done = random.NextDouble() < 0.25 + (0.75 * health) ? due.AddDays(random.Next(-2, 7)) : (DateTimeOffset?)null;
            milestones.Add(new OnboardingMilestone(FirstSteps[m], due, done is { } d && d <= asOf ? d : null));
        }

        List<string> consents = random.NextDouble() < 0.65 ? [PersonalData] : [];
        var name = GivenNames[random.Next(GivenNames.Length)] + " " + (char)('A' + random.Next(26)) + ".";
        var plan = random.NextDouble() < 0.4 ? "annual" : "monthly";
        var id = Id(index);
        var account = new Account { Id = id, Name = name, ContractStart = registered, Consents = consents };
        return new AccountInput
        {
            Id = id,
            Name = name,
            ContractStart = registered,
            Consents = consents,
            Fields = new(StringComparer.Ordinal) { ["plan"] = plan },
            Records = new AccountRecords
            {
                Account = account, Events = events.ToArray(), Surveys = surveys.ToArray(), Touches = touches.ToArray(),
                Milestones = milestones.ToArray(),
                Sources = RecordSources.ProductEvents | RecordSources.Surveys | RecordSources.TouchPoints | RecordSources.OnboardingMilestones,
            },
        };
    }
}
