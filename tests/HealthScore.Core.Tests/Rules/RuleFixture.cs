using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Rules;

/// <summary>A small model, schema and account shared by the rule and action tests.</summary>
internal static class RuleFixture
{
    // Four metrics (logins, features, nps, critical_tickets) in three groups (usage, satisfaction, support),
    // three bands (at_risk, watch, healthy) and three phases (onboarding, adoption by default, renewal).
    public static readonly HealthModel TestModel = new HealthModelBuilder()
        .WithId("test", "Test")
        .WithMinimumCoverage(0.3)
        .AddBand("at_risk", "At risk", "#C62828", 0)
        .AddBand("watch", "Watch", "#F9A825", 40)
        .AddBand("healthy", "Healthy", "#2E7D32", 70)
        .AddGroup("usage", "Usage", 50, g => g
            .AddMetric("logins", "Logins per week", new LinearScoring(worst: 0, best: 10))
            .AddMetric("features", "Features used", new LinearScoring(worst: 0, best: 20)))
        .AddGroup("satisfaction", "Satisfaction", 30, g => g
            .AddMetric("nps", "NPS", new LinearScoring(worst: -100, best: 100)))
        .AddGroup("support", "Support", 20, g => g
            .AddMetric("critical_tickets", "Open critical tickets", new LinearScoring(worst: 5, best: 0)))
        .AddPhase("onboarding", "Onboarding")
        .AddPhase("adoption", "Adoption")
        .AddPhase("renewal", "Renewal")
        .WithDefaultPhase("adoption")
        .Build();

    public static readonly AccountSchema Schema = new AccountSchemaBuilder()
        .AddText("name")
        .AddText("segment")
        .AddNumber("seats")
        .AddFlag("strategic")
        .AddConsent("email")
        .AddConsent("usage_data")
        .Build();

    public const int Logins = 0;
    public const int Features = 1;
    public const int Nps = 2;
    public const int CriticalTickets = 3;

    /// <summary>Account data a test can tweak before building a context.</summary>
    internal sealed class Account
    {
        public double[] Values { get; } = [3, 6, 20, 0];

        public double[] Numbers { get; } = [50, 1];

        public string?[] Texts { get; } = ["Acme", "enterprise"];

        public bool[] Consents { get; } = [true, false];

        public string Phase { get; set; } = "adoption";

        public double? PreviousScore { get; set; } = 60;

        public double? TenureDays { get; set; } = 400;

        public double? DaysToRenewal { get; set; } = 45;

        public double? DaysInPhase { get; set; } = 30;

        public GroupScore[] Groups { get; } = new GroupScore[TestModel.Groups.Count];

        public HealthResult Result { get; private set; }

        public HealthResult? Previous { get; private set; }

        public Account Score()
        {
            var phase = TestModel.GetPhase(Phase);
            Result = TestModel.Score(Values, phase, new MetricContribution[TestModel.Metrics.Count], Groups);
            if (PreviousScore is { } previous)
            {
                // A previous result with the given score: scale the values until it lands there.
                var values = TestModel.CreateValues();
                values[Logins] = previous / 10;
                values[Features] = previous / 5;
                values[Nps] = previous * 2 - 100;
                values[CriticalTickets] = 5 - previous / 20;
                Previous = TestModel.Score(values, phase);
            }
            else
            {
                Previous = null;
            }

            return this;
        }

        public RuleContext Context() => new()
        {
            Result = Result,
            Previous = Previous,
            MetricValues = Values,
            GroupScores = Groups,
            TenureDays = TenureDays,
            DaysToRenewal = DaysToRenewal,
            DaysInPhase = DaysInPhase,
            Numbers = Numbers,
            Texts = Texts,
            Consents = Consents,
        };
    }

    public static bool Evaluate(string rule, Account account) =>
        Rule.Compile("test", rule, TestModel, Schema).Evaluate(account.Context());

    public static string Errors(Action compile)
    {
        var exception = Assert.Throws<HealthModelException>(compile);
        return string.Join("\n", exception.Errors.Select(e => e.ToString()));
    }
}
