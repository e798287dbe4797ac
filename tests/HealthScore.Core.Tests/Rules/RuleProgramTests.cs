using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Evaluation at the edges: missing text on one side, list ends, phase changes, score differences and readings.</summary>
public class RuleProgramTests
{
    [Theory]
    [InlineData("Acme", null, "account.name == account.segment", false)]
    [InlineData(null, "Acme", "account.name == account.segment", false)]
    [InlineData("Acme", null, "account.name != account.segment", false)]
    [InlineData(null, "Acme", "account.name != account.segment", false)]
    [InlineData(null, null, "account.name == account.segment", false)]
    [InlineData("Acme", "Acme", "account.name == account.segment", true)]
    [InlineData("Acme", "acme", "account.name != account.segment", true)]
    [InlineData("Acme", "other", "account.segment in [\"smb\", \"enterprise\"]", false)]
    [InlineData("Acme", "enterprise", "account.segment in [\"smb\", \"enterprise\"]", true)]
    [InlineData("Acme", "smb", "account.segment in [\"smb\", \"enterprise\"]", true)]
    [InlineData("Acme", "smb", "!(account.segment in [\"enterprise\"]) && account.name in [\"Beta\", \"Acme\"]", true)]
    [InlineData("Acme", null, "account.segment in [\"smb\"]", false)]
    public void Evaluate_TextComparisons_MissingTextNeverMatches(string? name, string? segment, string text, bool expected)
    {
        var rule = Rule.Compile("r", text, TestModel, Schema);
        Assert.Equal(expected, rule.Evaluate(new RuleContext { Texts = [name, segment] }));
    }

    [Theory]
    [InlineData("account.strategic in [true]", true)]
    [InlineData("account.strategic in [false]", false)]
    [InlineData("consent.usage_data in [false]", true)]
    [InlineData("consent.email in [true]", true)]
    public void Evaluate_FlagInList_ComparesYesAndNo(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text, new Account().Score()));

    [Fact]
    public void Evaluate_PhaseChanged_TrueOnlyWhenThePreviousPhaseDiffers()
    {
        var rule = Rule.Compile("r", "phase_changed", TestModel);
        var renewal = Result(60, "watch", "renewal");
        Assert.True(rule.Evaluate(new RuleContext { Result = renewal, Previous = Result(60, "watch", "adoption") }));
        Assert.False(rule.Evaluate(new RuleContext { Result = renewal, Previous = Result(50, "at_risk", "renewal") }));
        Assert.False(rule.Evaluate(new RuleContext { Result = renewal }));
    }

    [Fact]
    public void Evaluate_DeltaOfDecimalScores_HasNoBinaryNoise()
    {
        var context = new RuleContext { Result = Result(72.3, "healthy", "adoption"), Previous = Result(65.1, "watch", "adoption") };
        Assert.True(Rule.Compile("r", "delta == 7.2", TestModel).Evaluate(context));
        Assert.True(Rule.Compile("r", "band_changed && !phase_changed", TestModel).Evaluate(context));
    }

    [Fact]
    public void Evaluate_DeltaTooLargeForADouble_IsMissing()
    {
        var context = new RuleContext { Result = Result(1.5e308, "healthy", "adoption"), Previous = Result(-1.5e308, "watch", "adoption") };
        Assert.True(Rule.Compile("r", "isMissing(delta)", TestModel).Evaluate(context));
        Assert.False(Rule.Compile("r", "delta > 0", TestModel).Evaluate(context));
    }

    [Fact]
    public void Evaluate_LargeButFiniteDelta_IsKept()
    {
        var context = new RuleContext { Result = Result(3e7 + 0.5, "healthy", "adoption"), Previous = Result(0.25, "watch", "adoption") };
        Assert.True(Rule.Compile("r", "delta == 30000000.25", TestModel).Evaluate(context));
    }

    [Fact]
    public void Read_PresentValues_AreNotMissing()
    {
        var rule = Rule.Compile("r", "metrics.logins > 1 && account.segment == \"enterprise\" && consent.usage_data == false", TestModel, Schema);
        var readings = new RuleReading[3];
        Assert.Equal(3, rule.Read(new Account().Score().Context(), readings));
        Assert.Equal((3.0, null, false), (readings[0].Number, readings[0].Text, readings[0].IsMissing));
        Assert.Equal((null, "enterprise", false), (readings[1].Number, readings[1].Text, readings[1].IsMissing));
        Assert.Equal((0.0, false), (readings[2].Number, readings[2].IsMissing));
        Assert.Equal(["metrics.logins = 3", "account.segment = \"enterprise\"", "consent.usage_data = 0"], readings.Select(r => r.ToString()));
    }

    private static HealthResult Result(double score, string band, string phase) =>
        new(score, score, TestModel.Bands.First(b => b.Id == band), TestModel.GetPhase(phase), 1, "test");
}
