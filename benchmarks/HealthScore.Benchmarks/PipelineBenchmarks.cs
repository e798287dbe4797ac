using BenchmarkDotNet.Attributes;
using HealthScore.Core.Actions;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Benchmarks;

/// <summary>
/// One account end to end: about 1,000 raw records (events, tickets, surveys, touches, milestones, goals) through
/// the built-in providers into 12 metric values (4 groups, one a minimum; 4 phases; 5 bands), scored with
/// contributions and group scores, then the 20 action rules of <see cref="ActionRuleSet"/> (metric names mapped to
/// the providers' ids) evaluated with readings. One operation = one account.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private AccountRecords _records;
    private MetricProviderSet _providers = null!;
    private HealthModel _model = null!;
    private Phase _phase = null!;
    private ActionEngine _engine = null!;
    private double[] _values = null!;
    private MetricContribution[] _contributions = null!;
    private GroupScore[] _groups = null!;
    private MatchedAction[] _fired = null!;
    private RuleReading[] _readings = null!;
    private HealthResult _previous;
    private readonly double[] _numbers = [60];
    private readonly string?[] _texts = ["enterprise"];
    private readonly bool[] _consents = [true];

    /// <summary>Builds the records, the model, the providers and the action engine.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _records = MetricProviderBenchmarks.CreateRecords();
        var builder = new HealthModelBuilder()
            .WithId("pipeline", "Pipeline model")
            .AddBand("critical", "Critical", "#B71C1C", 0)
            .AddBand("at_risk", "At risk", "#E65100", 25)
            .AddBand("watch", "Watch", "#F9A825", 45)
            .AddBand("healthy", "Healthy", "#43A047", 65)
            .AddBand("champion", "Champion", "#1B5E20", 85)
            .AddGroup("usage", "Usage", 40, g => g
                .AddMetric("active_days", "Active days", new LinearScoring(0, 20), 2)
                .AddMetric("logins_per_week", "Logins per week", new LogisticScoring(3, 1.2))
                .AddMetric("feature_breadth", "Feature breadth", new PiecewiseLinearScoring([new(0, 0), new(0.2, 0.5), new(0.6, 1)]))
                .AddMetric("active_seat_ratio", "Active seats", new TargetRatioScoring(0.8)))
            .AddGroup("support", "Support", 20, g => g
                .AddMetric("tickets", "Tickets", new LinearScoring(12, 0))
                .AddMetric("open_high_severity_tickets", "Open high-severity tickets", new TierScoring([new(0, 1), new(1, 0.3), new(2, 0)]))
                .AddMetric("median_resolution_hours", "Median resolution hours", new LinearScoring(96, 4)))
            .AddGroup("satisfaction", "Satisfaction", 25, g => g
                .AddMetric("nps", "NPS", new LinearScoring(-100, 100))
                .AddMetric("csat", "CSAT", new LinearScoring(1, 5), configure: m => m.Missing = MissingDataPolicy.Neutral)
                .AddMetric("survey_response_rate", "Survey response rate", new LinearScoring(0, 0.5)))
            .AddGroup("engagement", "Engagement", 15, g => g
                .AddMetric("touches", "Touches", new LinearScoring(0, 12))
                .AddMetric("days_since_executive_contact", "Days since executive contact", new LinearScoring(180, 14)), Aggregation.Minimum)
            .AddPhase("onboarding", "Onboarding", p => p.SetWeight("usage", 60).SetBandLowerBound("healthy", 55))
            .AddPhase("adoption", "Adoption")
            .AddPhase("renewal", "Renewal", p => p.SetWeight("satisfaction", 40))
            .AddPhase("dormant", "Dormant", p => p.SetWeight("engagement", 40))
            .WithDefaultPhase("adoption")
            .WithAccount(static a =>
            {
                a.Texts.Add("segment");
                a.Numbers.Add("seats");
                a.Consents.Add("email");
            });
        for (var i = 0; i < ActionRuleSet.Rules.Length; i++)
        {
            var condition = ActionRuleSet.Rules[i].Condition
                .Replace("metrics.logins", "metrics.logins_per_week", StringComparison.Ordinal)
                .Replace("metrics.features", "metrics.feature_breadth", StringComparison.Ordinal)
                .Replace("metrics.critical_tickets", "metrics.open_high_severity_tickets", StringComparison.Ordinal);
            builder.AddAction(new ActionDefinition { Id = ActionRuleSet.Rules[i].Id, Title = ActionRuleSet.Rules[i].Id, When = condition, Priority = i });
        }

        _model = builder.Build();
        _phase = _model.GetPhase("renewal");
        IMetricProvider[] providers =
        [
            new UsageProvider(new UsageProviderOptions { AvailableFeatures = MetricProviderBenchmarks.Features }),
            new SupportProvider(),
            new SatisfactionProvider(),
            new EngagementProvider(),
        ];
        _providers = MetricProviderSet.Create(_model, providers);
        _engine = _model.Actions;
        _values = _model.CreateValues();
        _contributions = new MetricContribution[_model.Metrics.Count];
        _groups = new GroupScore[_model.Groups.Count];
        _fired = new MatchedAction[_engine.Rules.Count];
        _readings = new RuleReading[_engine.Rules.Count * _engine.MaxReadingsPerAction];
        var previousValues = _model.CreateValues();
        previousValues.AsSpan().Fill(5);
        _previous = _model.Score(previousValues, _phase);
        Console.WriteLine($"// matched actions: {Run()}");
    }

    /// <summary>Providers, score with contributions and group scores, action rules with readings.</summary>
    /// <returns>How many actions matched.</returns>
    [Benchmark]
    public int RecordsToActions() => Run();

    private int Run()
    {
        _providers.Fill(_records, MetricProviderBenchmarks.AsOf, _values);
        var result = _model.Score(_values, _phase, _contributions, _groups);
        var context = new RuleContext
        {
            Result = result,
            Previous = _previous,
            MetricValues = _values,
            GroupScores = _groups,
            TenureDays = 400,
            DaysToRenewal = 60,
            Numbers = _numbers,
            Texts = _texts,
            Consents = _consents,
        };
        return _engine.Evaluate(context, default, _fired, _readings).MatchedCount;
    }
}
