using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Declaring account fields and consents: the indexes they get, and the names that are refused and why.</summary>
public class AccountSchemaBuilderTests
{
    [Fact]
    public void Build_MixedFields_NumbersAndFlagsShareOneIndexSpaceAndTextsAnother()
    {
        var schema = new AccountSchemaBuilder().AddText("name").AddNumber("seats").AddFlag("strategic").AddText("segment").AddConsent("email").AddConsent("calls").Build();
        Assert.Equal(
            [("name", AccountFieldType.Text, 0), ("seats", AccountFieldType.Number, 0), ("strategic", AccountFieldType.Flag, 1), ("segment", AccountFieldType.Text, 1)],
            schema.Fields.Select(f => (f.Name, f.Type, f.Index)));
        Assert.Equal((2, 2), (schema.NumberCount, schema.TextCount));
        Assert.Equal(["email", "calls"], schema.Consents);
        Assert.Equal(1, schema.IndexOfConsent("calls"));
        Assert.Equal(-1, schema.IndexOfConsent("sms"));
        Assert.True(schema.TryGetField("strategic", out var field));
        Assert.Equal("account.strategic", field.ToString());
        Assert.False(schema.TryGetField("missing", out _));
    }

    [Fact]
    public void Build_DeclaredFields_AreReadByRulesAtTheirIndexes()
    {
        var schema = new AccountSchemaBuilder().AddText("name").AddNumber("seats").AddFlag("strategic").AddText("segment").AddConsent("email").AddConsent("calls").Build();
        var rule = Rule.Compile("r", "account.segment == \"smb\" && account.seats == 7 && account.strategic && consent.calls && !consent.email && account.name == \"Acme\"", RuleFixture.TestModel, schema);
        Assert.True(rule.Evaluate(new RuleContext { Numbers = [7, 1], Texts = ["Acme", "smb"], Consents = [false, true] }));
        Assert.False(rule.Evaluate(new RuleContext { Numbers = [7, 1], Texts = ["smb", "Acme"], Consents = [false, true] }));
        Assert.False(rule.Evaluate(new RuleContext { Numbers = [1, 7], Texts = ["Acme", "smb"], Consents = [false, true] }));
    }

    [Fact]
    public void CreateNumbers_Schema_GivesOneMissingValuePerNumberOrFlag()
    {
        var numbers = new AccountSchemaBuilder().AddNumber("a").AddText("t").AddFlag("b").Build().CreateNumbers();
        Assert.Equal(2, numbers.Length);
        Assert.All(numbers, n => Assert.True(double.IsNaN(n)));
    }

    [Fact]
    public void Build_LaterDeclarations_DoNotChangeABuiltSchema()
    {
        var builder = new AccountSchemaBuilder().AddNumber("a");
        var schema = builder.Build();
        builder.AddNumber("b").AddConsent("c");
        Assert.Single(schema.Fields);
        Assert.Empty(schema.Consents);
    }

    [Fact]
    public void Add_SameNameAsFieldAndConsent_IsAllowed()
    {
        var schema = new AccountSchemaBuilder().AddConsent("email").AddNumber("email").AddText("calls").AddConsent("calls").Build();
        Assert.Equal(["email", "calls"], schema.Fields.Select(f => f.Name));
        Assert.Equal(["email", "calls"], schema.Consents);
    }

    [Fact]
    public void Add_DuplicateName_IsRefused()
    {
        var builder = new AccountSchemaBuilder().AddNumber("seats").AddConsent("email");
        Assert.Equal("account field 'seats' is already declared.", Problem(() => builder.AddText("seats")));
        Assert.Equal("account field 'seats' is already declared.", Problem(() => builder.AddFlag("seats")));
        Assert.Equal("consent 'email' is already declared.", Problem(() => builder.AddConsent("email")));
        builder.AddNumber("other");
        Assert.Equal(["seats", "other"], builder.Build().Fields.Select(f => f.Name));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("a.b")]
    public void Add_InvalidName_IsRefused(string name)
    {
        var expected = $"'{name}' is not a valid name: use letters, digits and '_', not starting with a digit.";
        Assert.Equal(expected, Problem(() => new AccountSchemaBuilder().AddNumber(name)));
        Assert.Equal(expected, Problem(() => new AccountSchemaBuilder().AddConsent(name)));
    }

    [Fact]
    public void Add_NullName_IsRefused()
    {
        Assert.Equal("is null; give a name.", Problem(() => new AccountSchemaBuilder().AddText(null!)));
        Assert.Equal("is null; give a name.", Problem(() => new AccountSchemaBuilder().AddConsent(null!)));
    }

    [Fact]
    public void Add_NameAtTheLengthLimit_IsAcceptedAndOneLongerIsRefused()
    {
        var longest = "_" + new string('a', HealthModelLimits.MaxIdLength - 1);
        var schema = new AccountSchemaBuilder().AddNumber(longest).AddConsent(longest).Build();
        Assert.Equal(longest, schema.Fields[0].Name);
        Assert.Equal(longest, schema.Consents[0]);
        var expected = $"is {HealthModelLimits.MaxIdLength + 1} characters long; a name may be at most {HealthModelLimits.MaxIdLength}. Shorten it.";
        Assert.Equal(expected, Problem(() => new AccountSchemaBuilder().AddNumber(longest + "a")));
        Assert.Equal(expected, Problem(() => new AccountSchemaBuilder().AddConsent(longest + "a")));
    }

    private static string Problem(Action add)
    {
        var exception = Assert.Throws<ArgumentException>(add);
        Assert.Equal("name", exception.ParamName);
        return exception.Message.Replace(" (Parameter 'name')", string.Empty, StringComparison.Ordinal);
    }
}
