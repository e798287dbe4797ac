using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

public class RuleResolverTests
{
    private static readonly RuleDefinition[] PhaseRules =
    [
        new("new_account", "tenure_days < 90", "onboarding"),
        new("renewing", "days_to_renewal between 0 and 60", "renewal"),
    ];

    [Theory]
    [InlineData(30.0, 200.0, "onboarding", 0)]
    [InlineData(30.0, 40.0, "onboarding", 0)]
    [InlineData(400.0, 40.0, "renewal", 1)]
    [InlineData(400.0, 200.0, "adoption", -1)]
    [InlineData(null, null, "adoption", -1)]
    public void Resolve_OrderedRules_FirstMatchWinsElseDefault(double? tenure, double? renewal, string expected, int expectedRule)
    {
        var resolver = PhaseResolver.Compile(TestModel, PhaseRules);
        var phase = resolver.Resolve(new RuleContext { TenureDays = tenure, DaysToRenewal = renewal }, out var rule);
        Assert.Equal(expected, phase.Id);
        Assert.Equal(expectedRule, rule);
    }

    [Fact]
    public void Compile_PhaseRuleReadingScore_ReportsThatScoreComesLater()
    {
        var errors = Errors(() => PhaseResolver.Compile(TestModel, [new("r1", "score < 40", "onboarding"), new("r2", "true", "onbording")], "renewel"));
        Assert.Equal(
            "phaseRules[0].when (rule line 1, column 1): 'score' is not available in phase rules: the phase is resolved before scoring, so phase rules can read metrics.*, account.*, consent.*, tenure_days, days_to_renewal and days_in_phase.\n" +
            "phaseRules[1].then: 'onbording' is not a phase of this model. Did you mean 'onboarding'? The phases are onboarding, adoption, renewal.\n" +
            "phaseRules: the default phase 'renewel' is not a phase of this model. Did you mean 'renewal'?",
            errors);
    }

    [Fact]
    public void Select_ProfileRules_ChooseBySegment()
    {
        var selector = ProfileSelector.Compile(["smb", "enterprise"], [new("big", "account.segment == \"enterprise\" || account.seats >= 100", "enterprise")], "smb", Schema);
        Assert.Equal("enterprise", selector.Select(new Account().Context()));
        Assert.Equal("smb", selector.Select(default));
    }

    [Fact]
    public void Compile_ProfileRuleReadingMetrics_ReportsThatTheModelIsNotChosenYet()
    {
        var errors = Errors(() => ProfileSelector.Compile(["smb"], [new("r", "metrics.logins > 1", "smb")], "smb", Schema));
        Assert.Equal("profileRules[0].when (rule line 1, column 1): 'metrics.logins' is not available in profile rules: the profile is chosen before a model is, so profile rules can read account.*, consent.*, tenure_days and days_to_renewal.", errors);
    }

    [Fact]
    public void TryForce_OpenCriticalTicket_ForcesAtRiskWhateverTheScore()
    {
        var exceptions = BandExceptions.Compile(TestModel, [new("critical_ticket", "metrics.critical_tickets >= 1", "at_risk")], Schema);
        var account = new Account();
        account.Values[Logins] = 10;
        account.Values[Features] = 20;
        account.Values[Nps] = 100;
        account.Values[CriticalTickets] = 1;
        account.Score();
        Assert.Equal("healthy", account.Result.Band.Id);
        Assert.True(exceptions.TryForce(account.Context(), out var band, out var rule));
        Assert.Equal(("at_risk", 0), (band.Id, rule));
        Assert.Equal("at_risk", exceptions.Apply(account.Context()).Id);

        account.Values[CriticalTickets] = 0;
        account.Score();
        Assert.False(exceptions.TryForce(account.Context(), out _, out _));
        Assert.Equal("healthy", exceptions.Apply(account.Context()).Id);
    }

    [Fact]
    public void Compile_BandExceptionWithUnknownBand_SuggestsTheClosest()
    {
        var errors = Errors(() => BandExceptions.Compile(TestModel, [new("t", "metrics.critical_tickets >= 1", "atrisk")]));
        Assert.Equal("bandExceptions[0].then: 'atrisk' is not a band of this model. Did you mean 'at_risk'? The bands are at_risk, watch, healthy.", errors);
    }
}
