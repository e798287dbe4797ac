using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Type checking: which rules are refused, with which messages at which positions, and that one mistake is reported once.</summary>
public class RuleTypeCheckTests
{
    [Theory]
    [InlineData("consent.email between 1 and 2", "r (rule line 1, column 1): 'between' needs numbers, but this is true/false.")]
    [InlineData("score between true and 2", "r (rule line 1, column 15): 'between' needs numbers, but this is true/false.")]
    [InlineData("score between 1 and band", "r (rule line 1, column 21): 'between' needs numbers, but this is a band.")]
    [InlineData("min(true, 1) > 0", "r (rule line 1, column 5): min needs numbers, but this is true/false.")]
    [InlineData("max(1, phase) > 0", "r (rule line 1, column 8): max needs numbers, but this is a phase.")]
    [InlineData("abs(true) > 0", "r (rule line 1, column 5): abs needs numbers, but this is true/false.")]
    [InlineData("true + 1 > 0", "r (rule line 1, column 6): '+' needs a number on both sides, but the left side is true/false.")]
    [InlineData("phase * 2 > 0", "r (rule line 1, column 7): '*' needs a number on both sides, but the left side is a phase.")]
    [InlineData("consent.email < account.strategic", "r (rule line 1, column 15): '<' needs numbers, but both sides are true/false; use '==' or '!='.")]
    [InlineData("band >= previous_band", "r (rule line 1, column 6): '>=' needs numbers, but both sides are a band; use '==' or '!='.")]
    [InlineData("consent.email in [1]", "r (rule line 1, column 19): 'in' on true/false needs a list of true/false values.")]
    [InlineData("band in [1]", "r (rule line 1, column 10): 'in' on a band needs a list of band ids in quotes.")]
    [InlineData("phase in [true]", "r (rule line 1, column 11): 'in' on a phase needs a list of phase ids in quotes.")]
    [InlineData("score in [\"a\"]", "r (rule line 1, column 11): 'in' on a number needs a list of numbers.")]
    [InlineData("1 + 2", "r (rule line 1, column 3): the rule must be true or false, but it gives a number; compare it, for example 'score < 40'.")]
    [InlineData("min(1, 2)", "r (rule line 1, column 1): the rule must be true or false, but it gives a number; compare it, for example 'score < 40'.")]
    [InlineData("abs(1)", "r (rule line 1, column 1): the rule must be true or false, but it gives a number; compare it, for example 'score < 40'.")]
    [InlineData("account.segment == scor", "r (rule line 1, column 20): unknown identifier 'scor'. Did you mean 'score'?")]
    [InlineData("mean(scor) > 1", "r (rule line 1, column 6): unknown identifier 'scor'. Did you mean 'score'?\nr (rule line 1, column 1): unknown function 'mean'. Did you mean 'max'? The functions are min, max, abs and isMissing.")]
    public void Compile_MistypedRule_ReportsOneExactError(string text, string expected) =>
        Assert.Equal(expected, Errors(() => Compile(text)));

    [Theory]
    [InlineData("(score between 1 and 2) + 1 > 0", "true/false")]
    [InlineData("(true && false) + 1 > 0", "true/false")]
    [InlineData("(band == \"watch\") + 1 > 0", "true/false")]
    [InlineData("(\"watch\" != band) + 1 > 0", "true/false")]
    [InlineData("(account.segment in [\"smb\"]) + 1 > 0", "true/false")]
    [InlineData("(score in [1, 2]) + 1 > 0", "true/false")]
    [InlineData("(band in [\"watch\"]) + 1 > 0", "true/false")]
    [InlineData("(consent.email in [true]) + 1 > 0", "true/false")]
    [InlineData("isMissing(score) + 1 > 0", "true/false")]
    [InlineData("isMissing(account.segment) + 1 > 0", "true/false")]
    public void Compile_WellTypedPartInTheWrongPlace_ReportsItsType(string text, string type) =>
        Assert.Equal($"r (rule line 1, column {text.IndexOf(" + ", StringComparison.Ordinal) + 2}): '+' needs a number on both sides, but the left side is {type}.", Errors(() => Compile(text)));

    [Theory]
    [InlineData("(score between true and 2) + 1 > 0")]
    [InlineData("(score between 1 and true) + 1 > 0")]
    [InlineData("(score && true) + 1 > 0")]
    [InlineData("(true && score) + 1 > 0")]
    [InlineData("consent.email && 1 + true")]
    [InlineData("consent.email && true + 1")]
    [InlineData("(band == \"nope\") + 1 > 0")]
    [InlineData("(account.segment in [1]) + 1 > 0")]
    [InlineData("(band in [\"nope\"]) + 1 > 0")]
    [InlineData("(score in [\"a\"]) + 1 > 0")]
    [InlineData("min(true, 1) && consent.email")]
    [InlineData("min(true, 1, 2) && consent.email")]
    [InlineData("abs(true) && consent.email")]
    [InlineData("isMissing(scor) + 1 > 0")]
    [InlineData("isMissing(band_changed) + 1 > 0")]
    public void Compile_OneMistake_IsReportedOnce(string text) =>
        Assert.Single(Assert.Throws<HealthModelException>(() => Compile(text)).Errors);

    [Theory]
    [InlineData("tenure_dys > 1", "unknown identifier 'tenure_dys'. Did you mean 'tenure_days'?")]
    [InlineData("days_to_renewl > 1", "unknown identifier 'days_to_renewl'. Did you mean 'days_to_renewal'?")]
    [InlineData("days_in_phse > 1", "unknown identifier 'days_in_phse'. Did you mean 'days_in_phase'?")]
    [InlineData("maxx(1, 2) > 1", "unknown function 'maxx'. Did you mean 'max'? The functions are min, max, abs and isMissing.")]
    [InlineData("ab(1) > 1", "unknown function 'ab'. Did you mean 'abs'? The functions are min, max, abs and isMissing.")]
    [InlineData("isMising(score)", "unknown function 'isMising'. Did you mean 'isMissing'? The functions are min, max, abs and isMissing.")]
    public void Compile_Misspelling_SuggestsTheClosestName(string text, string expected) =>
        Assert.Equal("r (rule line 1, column 1): " + expected, Errors(() => Compile(text)));

    [Fact]
    public void Compile_UnknownAccountNameWithoutSchema_SaysWhereToDeclareIt()
    {
        Assert.Equal(
            "r (rule line 1, column 1): unknown identifier 'account.seats'. Declare account names in the AccountSchema passed when compiling.",
            Errors(() => Rule.Compile("r", "account.seats > 1", TestModel)));
        Assert.Equal(
            "r (rule line 1, column 1): unknown identifier 'consent.email'. Declare consent names in the AccountSchema passed when compiling.",
            Errors(() => Rule.Compile("r", "consent.email", TestModel)));
    }

    [Fact]
    public void Compile_UnknownNameOutsideTheSchema_GivesNoSchemaHint()
    {
        var fieldsOnly = new AccountSchemaBuilder().AddNumber("seats").Build();
        Assert.Equal(
            "r (rule line 1, column 1): unknown identifier 'account.seat'. Did you mean 'account.seats'?",
            Errors(() => Rule.Compile("r", "account.seat > 1", TestModel, fieldsOnly)));
        Assert.Equal(
            "r (rule line 1, column 1): unknown identifier 'consent.email'. Declare consent names in the AccountSchema passed when compiling.",
            Errors(() => Rule.Compile("r", "consent.email", TestModel, fieldsOnly)));
        Assert.Equal(
            "r (rule line 1, column 1): unknown identifier 'consent.emai'. Did you mean 'consent.email'?",
            Errors(() => Rule.Compile("r", "consent.emai", TestModel, Schema)));
        Assert.Equal("r (rule line 1, column 1): unknown identifier 'metrics.logons'. Did you mean 'metrics.logins'?", Errors(() => Rule.Compile("r", "metrics.logons > 1", TestModel)));
        Assert.Equal("r (rule line 1, column 1): unknown identifier 'account'.", Errors(() => Rule.Compile("r", "account > 1", TestModel)));
    }

    [Theory]
    [InlineData("score < 40", "score")]
    [InlineData("band == \"watch\"", "band")]
    [InlineData("phase == \"renewal\"", "phase")]
    [InlineData("coverage > 0.5", "coverage")]
    [InlineData("previous_score > 50", "previous_score")]
    [InlineData("previous_band == \"watch\"", "previous_band")]
    [InlineData("delta < 0", "delta")]
    [InlineData("band_changed", "band_changed")]
    [InlineData("phase_changed", "phase_changed")]
    [InlineData("groups.usage > 50", "groups.usage")]
    public void Compile_PhaseRuleReadingScoreDependentName_IsRefused(string when, string name)
    {
        var errors = Errors(() => PhaseResolver.Compile(TestModel, [new("r", when, "onboarding")]));
        Assert.Equal($"phaseRules[0].when (rule line 1, column 1): '{name}' is not available in phase rules: the phase is resolved before scoring, so phase rules can read metrics.*, account.*, consent.*, tenure_days, days_to_renewal and days_in_phase.", errors);
    }

    [Theory]
    [InlineData("days_in_phase > 1", "days_in_phase")]
    [InlineData("score > 1", "score")]
    [InlineData("groups.usage > 1", "groups.usage")]
    public void Compile_ProfileRuleReadingModelName_IsRefused(string when, string name)
    {
        var errors = Errors(() => ProfileSelector.Compile(["smb"], [new("r", when, "smb")], "smb", Schema));
        Assert.Equal($"profileRules[0].when (rule line 1, column 1): '{name}' is not available in profile rules: the profile is chosen before a model is, so profile rules can read account.*, consent.*, tenure_days and days_to_renewal.", errors);
    }

    [Fact]
    public void Compile_PhaseRuleReadingWhatIsKnownBeforeScoring_IsAccepted()
    {
        var resolver = PhaseResolver.Compile(TestModel, [new("r", "metrics.logins > 1 && days_in_phase < 10 && tenure_days > 1 && days_to_renewal > 1 && account.seats > 1 && consent.email", "renewal")], schema: Schema);
        var account = new Account { DaysInPhase = 5 }.Score();
        Assert.Equal("renewal", resolver.Resolve(account.Context()).Id);
    }

    [Fact]
    public void Compile_RuleNeedingExactlyTheStackLimit_IsAcceptedAndOneMoreIsRefused()
    {
        static string Nested(int innermost)
        {
            var ones = string.Join(", ", Enumerable.Repeat("1", 63));
            return $"min({ones}, min({ones}, min({ones}, min({ones}, min({string.Join(", ", Enumerable.Repeat("1", innermost))}))))) == 1";
        }

        Assert.True(Compile(Nested(4)).Evaluate(default));
        Assert.Equal("r (rule line 1, column 1): the rule is too complex to evaluate; split it into several rules.", Errors(() => Compile(Nested(5))));
    }

    [Theory]
    [InlineData("!NESTED", "r (rule line 1, column 1): '!' needs true/false, but its operand is a number.")]
    [InlineData("mean(NESTED) == 1", "r (rule line 1, column 1): unknown function 'mean'. Did you mean 'max'? The functions are min, max, abs and isMissing.")]
    [InlineData("NESTED == 1 && score", "r (rule line 1, column 801): '&&' needs true/false on both sides, but the right side is a number.")]
    public void Compile_RuleTooComplexWithAnotherError_ReportsBoth(string shape, string other)
    {
        var ones = string.Join(", ", Enumerable.Repeat("1", 63));
        var nested = $"min({ones}, min({ones}, min({ones}, min({ones}, min(1, 1, 1, 1, 1)))))";
        Assert.Equal(
            other + "\nr (rule line 1, column 1): the rule is too complex to evaluate; split it into several rules.",
            Errors(() => Compile(shape.Replace("NESTED", nested, StringComparison.Ordinal))));
    }

    [Fact]
    public void Compile_LongChains_StayWithinTheStackLimit()
    {
        var context = new Account().Score().Context();
        Assert.True(Compile(string.Join(" && ", Enumerable.Repeat("score between 1 and 60", 80))).Evaluate(context));
        Assert.True(Compile(string.Join(" && ", Enumerable.Repeat("band == \"watch\"", 140))).Evaluate(context));
        Assert.True(Compile(string.Join(" + ", Enumerable.Repeat("metrics.logins", 200)) + " == 600").Evaluate(context));
        Assert.True(Compile(string.Join(" || ", Enumerable.Repeat("\"watch\" != band", 140)) + " || true").Evaluate(context));
    }

    [Fact]
    public void Compile_NullText_IsReportedAsEmpty()
    {
        var errors = Errors(() => PhaseResolver.Compile(TestModel, [new RuleDefinition { Id = "r", When = null!, Then = "renewal" }]));
        Assert.Equal("phaseRules[0].when (rule line 1, column 1): the rule is empty; write a condition such as 'score < 40'.", errors);
    }

    [Fact]
    public void Compile_SeveralRulesWithOneCompiler_EachReadsOnlyItsOwnIdentifiers()
    {
        var resolver = PhaseResolver.Compile(TestModel, [new("a", "tenure_days < 90 && account.segment == \"smb\"", "onboarding"), new("b", "days_to_renewal < 60 && account.name == \"Acme\"", "renewal")], schema: Schema);
        Assert.Equal(["tenure_days", "account.segment"], resolver.Rules[0].Identifiers);
        Assert.Equal(["days_to_renewal", "account.name"], resolver.Rules[1].Identifiers);
        Assert.Equal("renewal", resolver.Resolve(new Account().Score().Context()).Id);
    }

    private static Rule Compile(string text) => Rule.Compile("r", text, TestModel, Schema);
}
