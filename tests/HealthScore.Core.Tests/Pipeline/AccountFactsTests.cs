using HealthScore.Core.Pipeline;
using static HealthScore.Core.Tests.Pipeline.PipelineSamples;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Account facts are read by the model's account schema, and every wrong value is reported with its place.</summary>
public sealed class AccountFactsTests
{
    [Fact]
    public void Read_TextFields_ParsedByTheirDeclaredTypes()
    {
        var facts = new AccountFacts(SampleModel.Account);

        facts.Read(new Dictionary<string, string> { ["seats"] = " 120.5 ", ["has_executive_sponsor"] = "Yes", ["segment"] = "Enterprise", ["annual_value"] = "" });

        Assert.Equal(120.5, facts.Numbers[Field("seats").Index]);
        Assert.Equal(1, facts.Numbers[Field("has_executive_sponsor").Index]);
        Assert.Equal("Enterprise", facts.Texts[Field("segment").Index]);
        Assert.True(double.IsNaN(facts.Numbers[Field("annual_value").Index]));
    }

    [Fact]
    public void Read_WrongTypesAndUnknownField_EveryErrorNamesFileRowAndField()
    {
        var facts = new AccountFacts(SampleModel.Account);

        var error = Assert.Throws<AccountDataException>(() => facts.Read(
            new Dictionary<string, string> { ["seats"] = "ten", ["has_executive_sponsor"] = "maybe", ["sector"] = "retail", ["segment"] = "SMB" },
            "accounts.csv", 4));

        Assert.Equal(["seats", "has_executive_sponsor", "sector"], error.Errors.Select(e => e.Field));
        Assert.All(error.Errors, e => Assert.StartsWith("accounts.csv, row 4, field '", e.ToString(), StringComparison.Ordinal));
        Assert.Contains("'ten' is not a number", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a flag", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("segment", error.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("3 problems", error.Message, StringComparison.Ordinal);
        Assert.Equal("SMB", facts.Texts[Field("segment").Index]);
    }

    [Fact]
    public void Read_IgnoreUnknownFields_SkipsThem()
    {
        var facts = new AccountFacts(SampleModel.Account);

        facts.Read(new Dictionary<string, string> { ["crm_owner"] = "kim", ["seats"] = "3" }, ignoreUnknownFields: true);

        Assert.Equal(3, facts.Numbers[Field("seats").Index]);
    }

    [Fact]
    public void Setters_WrongTypeOrUndeclared_Throw()
    {
        var facts = new AccountFacts(SampleModel.Account);

        Assert.Contains("declared as a text field", Assert.Throws<AccountDataException>(() => facts.SetNumber("segment", 1)).Message, StringComparison.Ordinal);
        Assert.Contains("not a field", Assert.Throws<AccountDataException>(() => facts.SetText("segmnet", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("'segment'", Assert.Throws<AccountDataException>(() => facts.SetText("segmnet", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("not a declared consent", Assert.Throws<AccountDataException>(() => facts.SetConsent("sms")).Message, StringComparison.Ordinal);
        Assert.False(facts.TrySet("seats", "1,5", out var error));
        Assert.Equal("seats", error.Field);
    }

    [Fact]
    public void Read_Account_FieldsNameConsentsAndDates()
    {
        var facts = new AccountFacts(SampleModel.Account);
        var account = new Core.Metrics.Account
        {
            Id = "acme", Name = "Acme", Segment = "SMB", ContractStart = AsOf.AddDays(-10), RenewalDate = AsOf.AddDays(50),
            Consents = ["email"], Fields = new Dictionary<string, string> { ["seats"] = "7" },
        };

        facts.Read(account);

        Assert.Equal("Acme", facts.Texts[Field("name").Index]);
        Assert.Equal("SMB", facts.Texts[Field("segment").Index]);
        Assert.Equal(7, facts.Numbers[Field("seats").Index]);
        Assert.True(facts.Consents[SampleModel.Account.IndexOfConsent("email")]);
        Assert.Equal(10, facts.TenureAsOf(AsOf));
        Assert.Equal(50, facts.DaysToRenewalAsOf(AsOf));
        var error = Assert.Throws<AccountDataException>(() => facts.Read(new Core.Metrics.Account { Id = "acme", Consents = ["sms"] }));
        Assert.StartsWith("acme, field 'consent.sms'", error.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadConsents_UndeclaredOne_LocatedAndTheOthersKept()
    {
        var facts = new AccountFacts(SampleModel.Account);

        var error = Assert.Throws<AccountDataException>(() => facts.ReadConsents(["email", "sms"], "accounts.csv", 7));

        Assert.StartsWith("accounts.csv, row 7, field 'consent.sms': ", error.Errors.Single().ToString(), StringComparison.Ordinal);
        Assert.True(facts.Consents[SampleModel.Account.IndexOfConsent("email")]);
        facts.ReadConsents(["sms", "marketing"], ignoreUnknown: true);
        Assert.True(facts.Consents[SampleModel.Account.IndexOfConsent("marketing")]);
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var facts = Facts(SampleModel, 10, "Acme", "email");

        facts.Clear();

        Assert.Null(facts.TenureDays);
        Assert.All(facts.Texts.ToArray(), t => Assert.Null(t));
        Assert.All(facts.Consents.ToArray(), Assert.False);
        Assert.All(facts.Numbers.ToArray(), n => Assert.True(double.IsNaN(n)));
    }

    private static Core.Rules.AccountField Field(string name) => SampleModel.Account.TryGetField(name, out var field) ? field : throw new KeyNotFoundException(name);
}
