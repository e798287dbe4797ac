using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Phase rules, profile rules and band exceptions: how their lists are checked, and what the compiled lists decide.</summary>
public class OrderedRulesTests
{
    [Fact]
    public void Compile_ProblemsWithIdsAndTargets_AreEachReported()
    {
        var tooLong = new string('x', HealthModelLimits.MaxIdLength + 1);
        var errors = Errors(() => PhaseResolver.Compile(
            TestModel,
            [
                null!,
                new("", "true", "renewal"),
                new(tooLong, "true", "renewal"),
                new("a", "true", "renewal"),
                new("a", "true", "renewal"),
                new RuleDefinition { Id = "b", When = "true", Then = null! },
            ]));
        Assert.Equal(
            "phaseRules[0]: must be a phase rule, not null.\n" +
            "phaseRules[1].id: is required: name the rule, so results can say which rule decided.\n" +
            $"phaseRules[2].id: is {HealthModelLimits.MaxIdLength + 1} characters long; an id may be at most {HealthModelLimits.MaxIdLength}. Shorten it.\n" +
            "phaseRules[4].id: 'a' is already used by rule 3: phase rule ids must be unique.\n" +
            "phaseRules[5].then: '' is not a phase of this model. The phases are onboarding, adoption, renewal.",
            errors);
    }

    [Fact]
    public void Compile_IdAtTheLengthLimit_IsAccepted()
    {
        var longest = new string('x', HealthModelLimits.MaxIdLength);
        var resolver = PhaseResolver.Compile(TestModel, [new(longest, "tenure_days < 90", "onboarding")]);
        Assert.Equal(longest, resolver.Rules[0].Id);
    }

    [Fact]
    public void Compile_TargetNearTheLengthLimit_IsSuggestedOnlyWhenItCouldBeAnId()
    {
        var profile = new string('p', HealthModelLimits.MaxIdLength - 1) + "q";
        var atLimit = new string('p', HealthModelLimits.MaxIdLength);
        var errors = Errors(() => ProfileSelector.Compile([profile], [new("near", "true", atLimit), new("over", "true", atLimit + "q")], profile));
        var lines = errors.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("profileRules[0].then: ", lines[0], StringComparison.Ordinal);
        Assert.Contains($" is not a profile of this model. Did you mean '{profile}'? The profiles are {profile}.", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("profileRules[1].then: ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($" is not a profile of this model. The profiles are {profile}.", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownDefaultProfile_IsReportedWithASuggestion()
    {
        var errors = Errors(() => ProfileSelector.Compile(["smb", "enterprise"], [new("r", "account.seats > 1", "smb")], "entreprise", Schema));
        Assert.Equal("profileRules: the default profile 'entreprise' is not one of the profiles. Did you mean 'enterprise'?", errors);
    }

    [Fact]
    public void Compile_ProfileListedTwice_IsStillAKnownTarget()
    {
        var selector = ProfileSelector.Compile(["smb", "smb", "enterprise"], [new("big", "account.seats >= 100", "enterprise"), new("small", "account.seats < 100", "smb")], "enterprise", Schema);
        Assert.Equal("smb", selector.Select(new RuleContext { Numbers = [5] }));
        Assert.Equal("enterprise", selector.Select(default));
        Assert.Equal("enterprise", selector.DefaultProfile);
        Assert.Equal(["big", "small"], selector.Rules.Select(r => r.Id));
    }

    [Fact]
    public void TryForce_NoExceptionMatches_GivesNoRuleIndex()
    {
        var exceptions = BandExceptions.Compile(TestModel, [new("critical", "metrics.critical_tickets >= 1", "at_risk")]);
        Assert.False(exceptions.TryForce(default, out var band, out var index));
        Assert.Null(band);
        Assert.Equal(-1, index);
    }

    [Fact]
    public void Compile_NullArguments_AreRefusedByName()
    {
        RuleDefinition[] rules = [new("r", "true", "at_risk")];
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => BandExceptions.Compile(null!, rules)).ParamName);
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => BandExceptions.Compile(TestModel, null!)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => PhaseResolver.Compile(null!, rules)).ParamName);
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => PhaseResolver.Compile(TestModel, null!)).ParamName);
        Assert.Equal("profileIds", Assert.Throws<ArgumentNullException>(() => ProfileSelector.Compile(null!, rules, "smb")).ParamName);
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => ProfileSelector.Compile(["smb"], null!, "smb")).ParamName);
        Assert.Equal("defaultProfileId", Assert.Throws<ArgumentNullException>(() => ProfileSelector.Compile(["smb"], [], null!)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => Rule.Compile(null!, "true", TestModel)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => Rule.Compile("r", null!, TestModel)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Rule.Compile("r", "true", null!)).ParamName);
    }

    [Fact]
    public void Identifiers_Rule_ListsWhatItReadsInOrderOfFirstAppearance()
    {
        var rule = Rule.Compile("r", "metrics.logins > 1 && score < 60 && metrics.logins < 9 && account.segment == \"smb\"", TestModel, Schema);
        Assert.Equal(["metrics.logins", "score", "account.segment"], rule.Identifiers);
        Assert.Equal(rule.Text, rule.ToString());
    }

    [Fact]
    public void Compile_ImplicitDefaultPhase_CanBeNamedInRules()
    {
        var model = new HealthModelBuilder()
            .WithId("m", "M")
            .AddBand("low", "Low", "#C62828", 0)
            .AddBand("high", "High", "#2E7D32", 50)
            .AddGroup("usage", "Usage", 100, g => g.AddMetric("logins", "Logins", new LinearScoring(worst: 0, best: 10)))
            .AddPhase("onboarding", "Onboarding")
            .Build();
        var rule = Rule.Compile("r", $"phase == \"{model.DefaultPhase.Id}\"", model);
        Assert.True(rule.Evaluate(new RuleContext { Result = model.Score([5], model.DefaultPhase) }));
        Assert.False(rule.Evaluate(new RuleContext { Result = model.Score([5], model.GetPhase("onboarding")) }));
    }

    [Fact]
    public void Render_ModelWithItsOwnMissingText_UsesItForMissingValues()
    {
        var model = new HealthModelBuilder()
            .WithId("m", "M")
            .AddBand("low", "Low", "#C62828", 0)
            .AddGroup("usage", "Usage", 100, g => g.AddMetric("logins", "Logins", new LinearScoring(worst: 0, best: 10)))
            .WithText(TextKeys.Missing, "n/a")
            .Build();
        var engine = ActionEngine.Compile(model, [new ActionDefinition { Id = "a", Title = "A", When = "true", Message = "logins {metrics.logins}" }]);
        var fired = new MatchedAction[1];
        var context = new RuleContext { MetricValues = [double.NaN] };
        engine.Evaluate(context, default, fired, new RuleReading[1]);
        Assert.Equal("logins n/a", engine.Render(fired[0], context));
    }
}
