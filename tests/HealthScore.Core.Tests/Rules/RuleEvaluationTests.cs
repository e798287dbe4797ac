using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

public class RuleEvaluationTests
{
    private static Account Scored() => new Account().Score();

    [Fact]
    public void Evaluate_FixtureAccount_HasExpectedScoreAndBand()
    {
        var account = Scored();
        Assert.Equal(60, account.Previous!.Value.Score);
        Assert.Equal("watch", account.Result.Band.Id);
        Assert.Equal(53, account.Result.Score);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1 < 2", true)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 > 2", true)]
    [InlineData("2 >= 3", false)]
    [InlineData("1 == 1", true)]
    [InlineData("1 != 1", false)]
    [InlineData("1 + 2 * 3 == 7", true)]
    [InlineData("(1 + 2) * 3 == 9", true)]
    [InlineData("10 - 4 - 3 == 3", true)]
    [InlineData("12 / 4 / 3 == 1", true)]
    [InlineData("7 % 4 == 3", true)]
    [InlineData("-3 + 5 == 2", true)]
    [InlineData("!(1 > 2)", true)]
    [InlineData("true && false", false)]
    [InlineData("true || false", true)]
    [InlineData("false || false", false)]
    [InlineData("!true || true && false", false)]
    [InlineData("2 in [1, 2, 3]", true)]
    [InlineData("-2 in [1, -2]", true)]
    [InlineData("4 in [1, 2, 3]", false)]
    [InlineData("2 in []", false)]
    [InlineData("true in [false]", false)]
    [InlineData("5 between 1 and 5", true)]
    [InlineData("0 between 1 and 5", false)]
    [InlineData("min(3, 1, 2) == 1", true)]
    [InlineData("max(3, 1, 2) == 3", true)]
    [InlineData("abs(-4) == 4", true)]
    [InlineData("\"a\" == \"a\"", true)]
    [InlineData("\"a\" != \"a\"", false)]
    [InlineData("1.5e1 == 15", true)]
    [InlineData("true == !false", true)]
    public void Evaluate_Literals_GiveExpectedResult(string rule, bool expected) =>
        Assert.Equal(expected, Evaluate(rule, Scored()));

    [Theory]
    [InlineData("score == 53", true)]
    [InlineData("band == \"watch\"", true)]
    [InlineData("band != \"healthy\"", true)]
    [InlineData("band in [\"at_risk\", \"watch\"]", true)]
    [InlineData("phase == \"adoption\"", true)]
    [InlineData("phase in [\"onboarding\", \"renewal\"]", false)]
    [InlineData("coverage == 1", true)]
    [InlineData("previous_score == 60", true)]
    [InlineData("previous_band == \"watch\"", true)]
    [InlineData("delta == -7", true)]
    [InlineData("band_changed", false)]
    [InlineData("phase_changed", false)]
    [InlineData("days_in_phase == 30", true)]
    [InlineData("tenure_days > 365", true)]
    [InlineData("days_to_renewal between 0 and 60", true)]
    [InlineData("metrics.logins == 3", true)]
    [InlineData("metrics.nps >= 20 && metrics.critical_tickets == 0", true)]
    [InlineData("abs(groups.usage - 30) < 0.001", true)]
    [InlineData("groups.support == 100", true)]
    [InlineData("account.name == \"Acme\"", true)]
    [InlineData("account.segment in [\"smb\", \"enterprise\"]", true)]
    [InlineData("account.segment != \"smb\"", true)]
    [InlineData("account.segment == account.name", false)]
    [InlineData("account.seats > 10", true)]
    [InlineData("account.strategic", true)]
    [InlineData("consent.email", true)]
    [InlineData("consent.usage_data", false)]
    [InlineData("!isMissing(metrics.nps)", true)]
    [InlineData("!isMissing(account.segment)", true)]
    [InlineData("!isMissing(band)", true)]
    [InlineData("band == previous_band", true)]
    public void Evaluate_ContextIdentifiers_ReadTheAccount(string rule, bool expected) =>
        Assert.Equal(expected, Evaluate(rule, Scored()));

    [Theory]
    [InlineData("metrics.nps < 0")]
    [InlineData("metrics.nps >= 0")]
    [InlineData("metrics.nps == 0")]
    [InlineData("metrics.nps != 0")]
    [InlineData("metrics.nps in [0, 1]")]
    [InlineData("metrics.nps between -100 and 100")]
    [InlineData("metrics.nps + 1 > 0")]
    [InlineData("min(metrics.nps, 5) < 10")]
    [InlineData("abs(metrics.nps) >= 0")]
    [InlineData("account.segment == \"enterprise\"")]
    [InlineData("account.segment != \"enterprise\"")]
    [InlineData("account.segment in [\"enterprise\"]")]
    [InlineData("account.seats > 0")]
    [InlineData("account.strategic")]
    [InlineData("previous_score > 0")]
    [InlineData("delta != 0")]
    [InlineData("band_changed")]
    [InlineData("tenure_days >= 0")]
    [InlineData("metrics.logins / 0 > 0")]
    [InlineData("metrics.logins % 0 == 0")]
    public void Evaluate_MissingValues_ComparisonsAreFalse(string rule)
    {
        var account = new Account { PreviousScore = null, TenureDays = null };
        account.Values[Nps] = double.NaN;
        account.Texts[1] = null;
        account.Numbers[0] = double.PositiveInfinity;
        account.Numbers[1] = double.NaN;
        account.Score();
        Assert.False(Evaluate(rule, account));
    }

    [Theory]
    [InlineData("isMissing(metrics.nps)")]
    [InlineData("isMissing(account.segment)")]
    [InlineData("isMissing(account.seats)")]
    [InlineData("isMissing(previous_score)")]
    [InlineData("isMissing(previous_band)")]
    [InlineData("isMissing(delta)")]
    [InlineData("isMissing(tenure_days)")]
    [InlineData("isMissing(metrics.nps * 2)")]
    [InlineData("isMissing(max(metrics.nps, 1))")]
    [InlineData("!(metrics.nps > 0)")]
    public void Evaluate_MissingValues_IsMissingDetectsThem(string rule)
    {
        var account = new Account { PreviousScore = null, TenureDays = null };
        account.Values[Nps] = double.NaN;
        account.Texts[1] = null;
        account.Numbers[0] = double.NaN;
        account.Score();
        Assert.True(Evaluate(rule, account));
    }

    [Fact]
    public void Evaluate_EmptyContext_EverythingIsMissing()
    {
        var rule = Rule.Compile("r", "isMissing(score) && isMissing(band) && isMissing(phase) && isMissing(coverage) && isMissing(metrics.logins) && isMissing(groups.usage) && isMissing(account.name) && !consent.email && !account.strategic", TestModel, Schema);
        Assert.True(rule.Evaluate(default));
    }

    [Fact]
    public void Evaluate_InsufficientData_BandIsTheInsufficientBand()
    {
        var account = new Account();
        account.Values.AsSpan().Fill(double.NaN);
        account.Score();
        Assert.True(Evaluate($"band == \"{TestModel.InsufficientData.Id}\" && isMissing(score)", account));
    }

    [Fact]
    public void Evaluate_BandChanged_TrueWhenPreviousBandDiffers()
    {
        var account = new Account { PreviousScore = 80 }.Score();
        Assert.True(Evaluate("band_changed && previous_band == \"healthy\" && delta == -27", account));
    }

    [Fact]
    public void Evaluate_ShortCircuit_RightSideOfAndIsSkipped()
    {
        // Both sides are evaluated for their value only; the result must not depend on evaluation order.
        Assert.False(Evaluate("false && metrics.logins / 0 > 1", Scored()));
        Assert.True(Evaluate("true || metrics.logins / 0 > 1", Scored()));
    }

    [Fact]
    public void Read_FixtureAccount_ReportsEachIdentifierOnce()
    {
        var rule = Rule.Compile("r", "metrics.logins < 5 && band == \"watch\" && metrics.logins >= 0 && account.segment == \"enterprise\"", TestModel, Schema);
        var readings = new RuleReading[8];
        var count = rule.Read(Scored().Context(), readings);
        Assert.Equal(
            ["metrics.logins = 3", "band = \"watch\"", "account.segment = \"enterprise\""],
            readings.Take(count).Select(r => r.ToString()));
    }

    [Fact]
    public void Read_MissingValues_AreNullNotNaN()
    {
        var account = new Account { PreviousScore = null };
        account.Values[Nps] = double.PositiveInfinity;
        account.Score();
        var rule = Rule.Compile("r", "isMissing(metrics.nps) || isMissing(delta) || isMissing(previous_band)", TestModel, Schema);
        var readings = new RuleReading[3];
        Assert.Equal(3, rule.Read(account.Context(), readings));
        Assert.All(readings, r => Assert.True(r.IsMissing && r.Number is null && r.Text is null, r.ToString()));
        Assert.Equal("metrics.nps = missing", readings[0].ToString());
    }

    [Fact]
    public void Evaluate_ManyTimes_AllocatesNothing()
    {
        var rule = Rule.Compile("r", "phase == \"adoption\" && score < 60 && !isMissing(metrics.nps) && account.segment in [\"smb\", \"enterprise\"] && min(metrics.logins, 5) between 1 and 4", TestModel, Schema);
        var account = Scored();
        var context = account.Context();
        Assert.True(rule.Evaluate(context));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = 0;
        for (var i = 0; i < 10_000; i++)
        {
            hits += rule.Evaluate(context) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, hits);
    }
}
