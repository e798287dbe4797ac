using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>
/// The parser's limits (nesting depth, list items, call arguments) exactly at and one past the limit, and the
/// chained-comparison check for every comparison operator.
/// </summary>
public class RuleParserLimitTests
{
    private const string DepthMessage = "the rule nests more than 64 levels deep; simplify it or split it into several rules.";

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static Rule Compile(string text) => Rule.Compile("limits", text, TestModel, Schema);

    private static ModelError SingleError(string text) =>
        Assert.Single(Assert.Throws<HealthModelException>(() => Compile(text)).Errors);

    private static void AssertError(string text, int column, string message)
    {
        var error = SingleError(text);
        Assert.Equal("limits", error.Path);
        Assert.Equal(message, error.Message);
        Assert.Equal(1, error.ExpressionLine);
        Assert.Equal(column, error.ExpressionColumn);
    }

    // ---- Nesting depth: each construct that enters a level must leave it again ----

    public static TheoryData<string, string, string> Nestings => new()
    {
        { "parentheses", "(", ")" },
        { "unary", "!", "" },
        { "call", "abs(", ")" },
    };

    private static string Nested(string kind, int depth) => kind switch
    {
        "parentheses" => Repeat("(", depth) + "score > 1" + Repeat(")", depth),
        "unary" => Repeat("!", depth) + "true",
        "call" => Repeat("abs(", depth) + "score" + Repeat(")", depth) + " > 1",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static int OpenWidth(string kind) => kind == "call" ? 4 : 1;

    // Where, inside one opening, the level is entered: a call's level starts at its '(' (column of "abs" + 3).
    private static int EnterOffset(string kind) => kind == "call" ? 3 : 0;

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Compile_NestingExactlyAtLimit_Compiles(string kind, string open, string close)
    {
        _ = open;
        _ = close;
        var rule = Compile(Nested(kind, 64));

        Assert.Equal("limits", rule.Id);
    }

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Compile_NestingOnePastLimit_IsRefusedAtTheOpeningThatExceedsIt(string kind, string open, string close)
    {
        _ = open;
        _ = close;

        // The 65th opening starts after 64 openings.
        AssertError(Nested(kind, 65), (64 * OpenWidth(kind)) + EnterOffset(kind) + 1, DepthMessage);
    }

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Compile_DeepThenBackUpThenDeepAgain_CompilesWithinLimit(string kind, string open, string close)
    {
        _ = open;
        _ = close;

        // Three sibling nests, each at the limit: the depth must come back to 0 after each.
        var text = Nested(kind, 64) + " && " + Nested(kind, 64) + " || " + Nested(kind, 64);
        var rule = Compile(text);

        Assert.Equal(text, rule.Text);
    }

    [Theory]
    [MemberData(nameof(Nestings))]
    public void Compile_DeepThenBackUpThenTooDeep_IsRefusedInTheSecondNest(string kind, string open, string close)
    {
        _ = open;
        _ = close;
        var first = Nested(kind, 64) + " && ";

        AssertError(first + Nested(kind, 65), first.Length + (64 * OpenWidth(kind)) + EnterOffset(kind) + 1, DepthMessage);
    }

    [Fact]
    public void Compile_MixedNestingAtLimit_CountsEveryKindTogether()
    {
        // 21 × "abs(-(" is 63 levels (a call, a unary minus, a parenthesis); one more '(' makes 64 (compiles),
        // a further '-' inside it makes 65 (refused at that '-').
        var opens = Repeat("abs(-(", 21);
        var closes = Repeat("))", 21);
        var atLimit = opens + "(score)" + closes + " >= 0";
        Assert.True(Evaluate(atLimit + " && " + atLimit, new Account().Score()));

        var past = opens + "(-score)" + closes + " >= 0";
        AssertError(past, opens.Length + 2, DepthMessage);
    }

    [Fact]
    public void Evaluate_DeepUnaryChainAtLimit_KeepsItsMeaning()
    {
        var account = new Account().Score();

        Assert.True(Evaluate(Repeat("!", 64) + "true", account));
        Assert.False(Evaluate(Repeat("!", 63) + "true", account));
        Assert.True(Evaluate(Repeat("abs(", 63) + "-3" + Repeat(")", 63) + " == 3", account));
        Assert.True(Evaluate(Repeat("(", 63) + "-3" + Repeat(")", 63) + " == -3", account));
    }

    // ---- List items ----

    private static string List(int count) => string.Join(", ", Enumerable.Range(1, count));

    [Fact]
    public void Compile_ListOf256Items_Compiles()
    {
        var account = new Account();
        account.Numbers[0] = 256;
        account.Score();

        Assert.True(Evaluate("account.seats in [" + List(256) + "]", account));
        account.Numbers[0] = 257;
        Assert.False(Evaluate("account.seats in [" + List(256) + "]", account));
    }

    [Fact]
    public void Compile_ListOf257Items_IsRefusedAtThe257thItem()
    {
        var prefix = "account.seats in [" + List(256) + ", ";

        AssertError(prefix + "257]", prefix.Length + 1, "a list may hold at most 256 items.");
    }

    [Fact]
    public void Compile_TextListOf257Items_IsRefusedAtThe257thItem()
    {
        var items = Enumerable.Range(1, 257).Select(i => "\"s" + i + "\"").ToArray();
        var prefix = "account.segment in [" + string.Join(", ", items[..256]) + ", ";

        AssertError(prefix + items[256] + "]", prefix.Length + 1, "a list may hold at most 256 items.");
    }

    // ---- Call arguments ----

    [Fact]
    public void Compile_CallWith64Arguments_Compiles()
    {
        var account = new Account().Score();

        Assert.True(Evaluate("max(" + List(64) + ") == 64", account));
        Assert.True(Evaluate("min(" + List(64) + ") == 1", account));
    }

    [Fact]
    public void Compile_CallWith65Arguments_IsRefusedAtThe65thArgument()
    {
        var prefix = "max(" + List(64) + ", ";

        AssertError(prefix + "65) > 1", prefix.Length + 1, "a function call may have at most 64 arguments.");
    }

    [Fact]
    public void Compile_NestedCallsOf64Arguments_EachCountsItsOwn()
    {
        // An argument that is itself a 64-argument call does not count towards the outer call.
        var inner = "min(" + List(64) + ")";
        var text = "max(" + string.Join(", ", Enumerable.Repeat(inner, 3)) + ", " + List(61) + ") == 61";

        Assert.True(Evaluate(text, new Account().Score()));
    }

    // ---- Comparisons: every operator parses as a comparison, and none may follow another ----

    [Theory]
    [InlineData("account.seats == 50", true)]
    [InlineData("account.seats == 51", false)]
    [InlineData("account.seats != 50", false)]
    [InlineData("account.seats != 51", true)]
    [InlineData("account.seats < 50", false)]
    [InlineData("account.seats < 51", true)]
    [InlineData("account.seats <= 50", true)]
    [InlineData("account.seats <= 49", false)]
    [InlineData("account.seats > 50", false)]
    [InlineData("account.seats > 49", true)]
    [InlineData("account.seats >= 50", true)]
    [InlineData("account.seats >= 51", false)]
    [InlineData("account.seats in [49, 50]", true)]
    [InlineData("account.seats in [49, 51]", false)]
    [InlineData("account.seats between 50 and 60", true)]
    [InlineData("account.seats between 51 and 60", false)]
    public void Evaluate_EachComparisonOperator_ComparesTheOperands(string text, bool expected)
    {
        Assert.Equal(expected, Evaluate(text, new Account().Score()));
    }

    [Theory]
    [InlineData("==", "1")]
    [InlineData("!=", "1")]
    [InlineData("<", "1")]
    [InlineData("<=", "1")]
    [InlineData(">", "1")]
    [InlineData(">=", "1")]
    [InlineData("in", "[1]")]
    [InlineData("between", "1 and 2")]
    public void Compile_ComparisonFollowingAComparison_IsRefusedAsAChain(string op, string rest)
    {
        var prefix = "score < 40 ";

        AssertError(
            prefix + op + " " + rest,
            prefix.Length + 1,
            $"comparisons cannot be chained: '{op}' follows another comparison; join them with '&&'.");
    }

    [Theory]
    [InlineData("==")]
    [InlineData("!=")]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    public void Compile_ChainAfterEachOperator_IsRefusedAtTheSecondOperator(string op)
    {
        var prefix = "account.seats " + op + " 40 ";

        AssertError(prefix + "== 1", prefix.Length + 1, "comparisons cannot be chained: '==' follows another comparison; join them with '&&'.");
    }

    [Theory]
    [InlineData("account.seats in [1, 2] ")]
    [InlineData("account.seats between 1 and 2 ")]
    public void Compile_ChainAfterInOrBetween_IsRefusedAtTheSecondOperator(string prefix)
    {
        AssertError(prefix + "!= 1", prefix.Length + 1, "comparisons cannot be chained: '!=' follows another comparison; join them with '&&'.");
    }

    [Fact]
    public void Compile_ComparisonsJoinedOrParenthesised_AreNotChains()
    {
        var account = new Account().Score();

        Assert.True(Evaluate("account.seats > 40 && account.seats < 60", account));
        Assert.True(Evaluate("(account.seats > 40) == true", account));
        Assert.True(Evaluate("(account.seats < 40) == (account.seats >= 60)", account));
    }
}
