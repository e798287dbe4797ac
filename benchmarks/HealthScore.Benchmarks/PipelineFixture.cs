using HealthScore.Core.Actions;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks;

/// <summary>
/// The pipeline benchmark's model, providers and accounts. The model has 12 metrics in 4 groups (one a minimum),
/// 4 phases with weight, scoring and band overrides chosen by 3 phase rules, 5 bands, 2 band exceptions and the 20
/// action rules of <see cref="ActionRuleSet"/> as written there, some with a cooldown. The providers compute every
/// metric from raw records. Shared by <see cref="PipelineBenchmarks"/> and the test that checks
/// <see cref="HandWrittenPipeline"/> against the engine.
/// </summary>
public static class PipelineFixture
{
    /// <summary>The days an action with a cooldown waits before it fires again.</summary>
    public const int CooldownDays = 30;

    /// <summary>The product event feature that counts as a login.</summary>
    public const string LoginFeature = "login";

    /// <summary>Gets the date the benchmark's account is evaluated as of.</summary>
    public static DateTimeOffset AsOf => MetricProviderBenchmarks.AsOf;

    /// <summary>Gets the product's features; the <c>features</c> metric counts the distinct ones used in 30 days.</summary>
    public static IReadOnlyList<string> FeatureCatalogue { get; } =
    [
        .. MetricProviderBenchmarks.Features,
        "alerts", "audit_log", "billing", "calendar", "comments", "custom_fields", "forms", "imports",
        "integrations", "mobile", "notifications", "permissions", "roadmaps", "search", "sso", "workflows",
    ];

    /// <summary>Gets the actions that wait <see cref="CooldownDays"/> after firing.</summary>
    public static IReadOnlyList<string> CooledDownActions { get; } =
        ["at_risk_call", "critical_ticket", "nps_detractor", "renewal_prep", "expansion", "feature_tip", "automated_report"];

    /// <summary>Builds the pipeline model.</summary>
    /// <returns>The compiled model.</returns>
    public static HealthModel CreateModel()
    {
        var builder = new HealthModelBuilder()
            .WithId("pipeline", "Pipeline model")
            .AddBand("critical", "Critical", "#B71C1C", 0)
            .AddBand("at_risk", "At risk", "#E65100", 25)
            .AddBand("watch", "Watch", "#F9A825", 45)
            .AddBand("healthy", "Healthy", "#43A047", 65)
            .AddBand("champion", "Champion", "#1B5E20", 85)
            .AddGroup("usage", "Usage", 40, g => g
                .AddMetric("active_days", "Active days", new LinearScoring(0, 20), 2)
                .AddMetric("logins", "Logins per week", new LogisticScoring(3, 1.2))
                .AddMetric("features", "Features used", new LinearScoring(0, 8))
                .AddMetric("active_seat_ratio", "Active seats", new TargetRatioScoring(0.8)))
            .AddGroup("support", "Support", 20, g => g
                .AddMetric("tickets", "Tickets", new LinearScoring(12, 0))
                .AddMetric("critical_tickets", "Open high-severity tickets", new TierScoring([new(0, 1), new(1, 0.3), new(2, 0)]))
                .AddMetric("median_resolution_hours", "Median resolution hours", new LinearScoring(96, 4)))
            .AddGroup("satisfaction", "Satisfaction", 25, g => g
                .AddMetric("nps", "NPS", new LinearScoring(-100, 100))
                .AddMetric("csat", "CSAT", new LinearScoring(1, 5), configure: m => m.Missing = MissingDataPolicy.Neutral)
                .AddMetric("survey_response_rate", "Survey response rate", new LinearScoring(0, 0.5)))
            .AddGroup("engagement", "Engagement", 15, g => g
                .AddMetric("touches", "Touches", new LinearScoring(0, 12))
                .AddMetric("days_since_executive_contact", "Days since executive contact", new LinearScoring(180, 14)), Aggregation.Minimum)
            .AddPhase("onboarding", "Onboarding", p => p.SetWeight("usage", 60).SetScoring("active_days", new LinearScoring(0, 10)).SetBandLowerBound("healthy", 55))
            .AddPhase("adoption", "Adoption")
            .AddPhase("renewal", "Renewal", p => p.SetWeight("satisfaction", 40).SetBandLowerBound("healthy", 70))
            .AddPhase("dormant", "Dormant", p => p.SetWeight("engagement", 40))
            .WithDefaultPhase("adoption")
            .WithAccount(static a =>
            {
                a.Texts.Add("segment");
                a.Numbers.Add("seats");
                a.Consents.Add("email");
            });
        var definition = builder.Definition;
        definition.PhaseRules.Add(new RuleDefinition("new_account", "tenure_days < 90", "onboarding"));
        definition.PhaseRules.Add(new RuleDefinition("gone_quiet", "metrics.active_days <= 2", "dormant"));
        definition.PhaseRules.Add(new RuleDefinition("renewal_window", "days_to_renewal between 0 and 120", "renewal"));
        definition.BandExceptions.Add(new RuleDefinition("escalated_outage", "metrics.critical_tickets >= 3", "critical"));
        definition.BandExceptions.Add(new RuleDefinition("open_critical_ticket", "metrics.critical_tickets >= 1 && band in [\"healthy\", \"champion\"]", "watch"));
        for (var i = 0; i < ActionRuleSet.Rules.Length; i++)
        {
            var (id, condition, _) = ActionRuleSet.Rules[i];
            var cooled = CooledDownActions.Contains(id);
            builder.AddAction(new ActionDefinition
            {
                Id = id,
                Title = id,
                When = condition,
                Priority = i,
                CooldownTimes = cooled ? 1 : 0,
                CooldownDays = cooled ? CooldownDays : 0,
            });
        }

        return builder.Build();
    }

    /// <summary>Creates the providers of every metric of the pipeline model, configured for exactly its metrics.</summary>
    /// <param name="model">The model from <see cref="CreateModel"/>.</param>
    /// <returns>The providers.</returns>
    public static MetricProviderSet CreateProviders(HealthModel model)
    {
        IMetricProvider[] providers =
        [
            new UsageProvider(new UsageProviderOptions
            {
                LoginFeature = LoginFeature,
                AvailableFeatures = [.. FeatureCatalogue],
                Metrics =
                [
                    new("active_days", UsageMeasure.ActiveDays),
                    new("logins", UsageMeasure.LoginsPerWeek),
                    new("active_seat_ratio", UsageMeasure.ActiveSeatRatio),
                    new("features", UsageMeasure.FeaturesUsed),
                ],
            }),
            new SupportProvider(new SupportProviderOptions
            {
                Metrics =
                [
                    new("tickets", SupportMeasure.Tickets, 90),
                    new("critical_tickets", SupportMeasure.OpenHighSeverityTickets, 90),
                    new("median_resolution_hours", SupportMeasure.MedianResolutionHours, 90),
                ],
            }),
            new SatisfactionProvider(new SatisfactionProviderOptions
            {
                Metrics =
                [
                    new("nps", SatisfactionMeasure.Nps, 180),
                    new("csat", SatisfactionMeasure.LatestCsat, 180),
                    new("survey_response_rate", SatisfactionMeasure.ResponseRate, 180),
                ],
            }),
            new EngagementProvider(new EngagementProviderOptions
            {
                Metrics =
                [
                    new("touches", EngagementMeasure.Touches, 90),
                    new("days_since_executive_contact", EngagementMeasure.DaysSinceExecutiveContact, 90),
                ],
            }),
        ];
        return MetricProviderSet.Create(model, providers);
    }

    /// <summary>Creates the engine: the pipeline model with its providers.</summary>
    /// <returns>The engine.</returns>
    public static HealthEngine CreateEngine()
    {
        var model = CreateModel();
        return new HealthEngine(model, CreateProviders(model));
    }

    /// <summary>Fills facts from an account: segment, licensed seats as <c>seats</c>, the email consent, the contract dates.</summary>
    /// <param name="account">The account.</param>
    /// <param name="facts">The facts to fill; cleared first.</param>
    /// <returns><paramref name="facts"/>.</returns>
    public static AccountFacts FillFacts(Account account, AccountFacts facts)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(facts);
        facts.Clear();
        facts.SetText("segment", account.Segment);
        facts.SetNumber("seats", account.LicensedSeats ?? double.NaN);
        facts.SetConsent("email", account.Consents.Contains("email"));
        facts.ContractStart = account.ContractStart;
        facts.RenewalDate = account.RenewalDate;
        return facts;
    }

    /// <summary>
    /// The benchmark's account: the 1,000 records of <see cref="MetricProviderBenchmarks"/> (600 product events,
    /// 120 tickets, 100 surveys, 150 touch points, 10 milestones, 20 goals) of an enterprise account that gave
    /// its email consent, a year into its contract and 90 days from renewal.
    /// </summary>
    /// <param name="total">About how many records in all, in the same proportions (1,000 by default).</param>
    /// <returns>The records.</returns>
    public static AccountRecords BenchmarkRecords(int total = 1_000)
    {
        var records = MetricProviderBenchmarks.CreateRecords(total);
        var account = records.Account!;
        return records with
        {
            Account = new Account
            {
                Id = account.Id,
                ContractStart = account.ContractStart,
                RenewalDate = account.RenewalDate,
                LicensedSeats = account.LicensedSeats,
                Segment = "enterprise",
                Consents = ["email"],
            },
        };
    }

    /// <summary>
    /// Generates accounts whose records, facts and history vary enough that every phase, both band exceptions,
    /// insufficient data, cooldowns and most actions occur: some sources empty, activity from none to daily, idle
    /// spells, open high-severity tickets, contracts from days to years old, and a previous evaluation 1 to 60 days
    /// earlier for nine accounts in ten.
    /// </summary>
    /// <param name="count">How many accounts.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The accounts.</returns>
    public static IReadOnlyList<PipelineAccount> CreateAccounts(int count, int seed)
    {
        var random = new Random(seed);
        string?[] segments = ["smb", "mid", "enterprise", null];
        var accounts = new PipelineAccount[count];
        var asOf = AsOf;
        for (var a = 0; a < count; a++)
        {
            var users = 1 + random.Next(40);
            var breadth = 1 + random.Next(FeatureCatalogue.Count);
            var idleHours = random.Next(4) == 0 ? 24 * random.Next(10, 60) : 0;
            var spanHours = 24 * random.Next(5, 90);
            var events = new ProductEvent[random.Next(6) == 0 ? 0 : (int)(Math.Pow(random.NextDouble(), 2) * 800)];
            for (var i = 0; i < events.Length; i++)
            {
                var feature = random.Next(4) == 0 ? LoginFeature : FeatureCatalogue[random.Next(breadth)];
                events[i] = new(asOf.AddHours(-idleHours - random.Next(spanHours)), "u" + random.Next(users), feature, 1, TimeSpan.FromMinutes(random.Next(60)));
            }

            var tickets = new SupportTicket[random.Next(5) == 0 ? 0 : random.Next(25)];
            for (var i = 0; i < tickets.Length; i++)
            {
                var opened = asOf.AddHours(-random.Next(24 * 120));
                var severity = (TicketSeverity)(random.Next(10) < 7 ? random.Next(2) : 2 + random.Next(2));
                tickets[i] = random.Next(6) == 0
                    ? new(opened, null, severity, TicketStatus.Open, random.Next(10) == 0)
                    : new(opened, opened.AddHours(1 + random.Next(200)), severity, TicketStatus.Closed, random.Next(10) == 0);
            }

            var surveys = new SurveyResponse[random.Next(5) == 0 ? 0 : random.Next(1, 25)];
            for (var i = 0; i < surveys.Length; i++)
            {
                var score = random.Next(8) == 0 ? double.NaN : random.Next(11);
                surveys[i] = new(asOf.AddHours(-random.Next(24 * 300)), (SurveyKind)random.Next(3), score, "p" + random.Next(10));
            }

            var touches = new TouchPoint[random.Next(6) == 0 ? 0 : random.Next(1, 30)];
            for (var i = 0; i < touches.Length; i++)
            {
                touches[i] = new(asOf.AddHours(-random.Next(24 * 150)), (TouchChannel)random.Next(7), random.Next(4) == 0 ? null : "s" + random.Next(8), random.Next(8) == 0);
            }

            var account = new Account
            {
                Id = "acct-" + a.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ContractStart = asOf.AddHours(-random.Next(24 * 10, 24 * 1500)),
                RenewalDate = random.Next(10) == 0 ? null : asOf.AddHours(random.Next(24 * -30, 24 * 365)),
                LicensedSeats = random.Next(20) == 0 ? null : random.Next(1, 121),
                Segment = segments[random.Next(segments.Length)],
                Consents = random.Next(2) == 0 ? ["email"] : [],
            };
            var records = new AccountRecords { Account = account, Events = events, Tickets = tickets, Surveys = surveys, Touches = touches };
            DateTimeOffset? previous = random.Next(10) == 0 ? null : asOf.AddHours(-random.Next(24, 24 * 60));
            accounts[a] = new PipelineAccount(records, asOf, previous);
        }

        return accounts;
    }
}

/// <summary>One generated account of <see cref="PipelineFixture.CreateAccounts"/>.</summary>
/// <param name="Records">Its raw records, with the <see cref="Account"/> its facts come from.</param>
/// <param name="AsOf">The date it is evaluated as of.</param>
/// <param name="PreviousAsOf">The date of its previous evaluation, or <see langword="null"/> for its first.</param>
public sealed record PipelineAccount(AccountRecords Records, DateTimeOffset AsOf, DateTimeOffset? PreviousAsOf);
