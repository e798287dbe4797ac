using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Tokens and syntax at the edges: numbers cut short, unprintable characters, and the parentheses the printer keeps.</summary>
public class RuleSyntaxTests
{
    [Theory]
    [InlineData("score < 3.", "r (rule line 1, column 10): expected an operator or the end of the rule but found '.'.")]
    [InlineData("score < 3.x", "r (rule line 1, column 10): expected an operator or the end of the rule but found '.'.")]
    [InlineData("score < 3e", "r (rule line 1, column 10): unexpected 'e' after the number '3'.")]
    [InlineData("score < 3e+", "r (rule line 1, column 10): unexpected 'e' after the number '3'.")]
    [InlineData("score < 3ex", "r (rule line 1, column 10): unexpected 'e' after the number '3'.")]
    [InlineData("score < 3e-x", "r (rule line 1, column 10): unexpected 'e' after the number '3'.")]
    [InlineData("score < 1 \u0001", "r (rule line 1, column 11): unexpected character '\\u0001'.")]
    [InlineData("score < 1 \U0001F600", "r (rule line 1, column 11): unexpected character '\\uD83D'.")]
    [InlineData("score < 1 \u00e9", "r (rule line 1, column 11): unexpected character '\u00e9'.")]
    [InlineData("score in [1 2]", "r (rule line 1, column 13): expected ',' or ']' but found '2'.")]
    [InlineData("score \"x\"", "r (rule line 1, column 7): expected an operator or the end of the rule but found a text.")]
    public void Compile_MalformedText_ReportsWhereAndWhy(string text, string expected) =>
        Assert.Equal(expected, Errors(() => Rule.Compile("r", text, TestModel, Schema)));

    [Theory]
    [InlineData("score < 2.5e1", false)]
    [InlineData("score < 5.3E+1", false)]
    [InlineData("score > 5300e-2", false)]
    [InlineData("score >= 5300E-2", true)]
    [InlineData("score == 53.0", true)]
    public void Evaluate_NumberForms_ReadTheirValue(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text, new Account().Score()));

    [Theory]
    [InlineData("!!consent.email", "!!consent.email")]
    [InlineData("!(!consent.email)", "!!consent.email")]
    [InlineData("-3 < score", "-3 < score")]
    [InlineData("-0 < score", "-0 < score")]
    [InlineData("-(1 + 2) < score", "-(1 + 2) < score")]
    [InlineData("(score < 1) in [true]", "(score < 1) in [true]")]
    [InlineData("(1 + 2) in [3, -4]", "1 + 2 in [3, -4]")]
    [InlineData("(score < 1) between 0 and 1", "(score < 1) between 0 and 1")]
    [InlineData("score between (1 < 2) and (3 == 4)", "score between (1 < 2) and (3 == 4)")]
    [InlineData("score between 1 + 2 and 3 * 4", "score between 1 + 2 and 3 * 4")]
    [InlineData("account.name == \"a\\\\b\\\"c\"", "account.name == \"a\\\\b\\\"c\"")]
    [InlineData("score == 0.1", "score == 0.1")]
    public void Print_ParsedRule_GivesTheCanonicalText(string text, string expected)
    {
        var tree = RuleParser.Parse(text, out var error);
        Assert.Null(error);
        var printed = RulePrinter.Print(tree!);
        Assert.Equal(expected, printed);
        Assert.True(RuleGenerators.Same(tree!, RuleParser.Parse(printed, out _)!));
    }
}
