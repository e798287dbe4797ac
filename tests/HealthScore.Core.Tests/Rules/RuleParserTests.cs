using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using Snapshooter.Xunit;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

public class RuleParserTests
{
    private static readonly string[] BadRules =
    [
        "",
        "   ",
        "score <",
        "score < 40 &&",
        "(score < 40",
        "score < 40)",
        "score = 40",
        "score < 40 & band == \"watch\"",
        "score < 40 | true",
        "band == 'watch'",
        "account.name == \"Acme",
        "score < 4x",
        "score < 1e999",
        "score # 3",
        "score < 40 < 50",
        "score in 40",
        "score in [40, score]",
        "score between 1 2",
        "metrics.",
        "metrics.logins.value > 1",
        "min(1, 2",
        "\"a\\q\" == \"a\"",
        "score < 40\n  && metrics.loginz > 2",
        "scor < 40",
        "metric.logins > 2",
        "groups.usag > 2",
        "account.segmnt == \"smb\"",
        "consent.emial",
        "band == \"at_rsk\"",
        "phase in [\"onbording\"]",
        "band < \"healthy\"",
        "band == 3",
        "band == account.segment",
        "score == \"high\"",
        "account.segment < \"m\"",
        "account.segment",
        "score",
        "score + true > 1",
        "!score",
        "-band_changed",
        "score && true",
        "true || 3",
        "isMissing(band_changed)",
        "isMissing(1, 2)",
        "mean(score, 1) > 2",
        "min(score) > 1",
        "abs(1, 2) > 1",
        "account.seats in [\"a\"]",
        "account.segment in [1]",
        "\"a\" + 1 > 0",
        "score between \"a\" and 2",
        "scor < 40 && metrics.nsp > 1 && band == \"healty\"",
    ];

    [Fact]
    public void Compile_InvalidRules_ReportExactErrors()
    {
        var listing = new List<string>();
        foreach (var text in BadRules)
        {
            listing.Add(text.Replace("\n", "\\n", StringComparison.Ordinal));
            var exception = Assert.Throws<HealthModelException>(() => Rule.Compile("coach_setup", text, TestModel, Schema));
            listing.AddRange(exception.Errors.Select(e => "  " + e));
        }

        Snapshot.Match(string.Join("\n", listing));
    }

    [Fact]
    public void Compile_UnknownMetric_SuggestsClosestWithLineAndColumn()
    {
        var errors = Errors(() => Rule.Compile("coach_setup", "phase == \"onboarding\" &&\n  metrics.loginz < 2", TestModel, Schema));
        Assert.Equal("coach_setup (rule line 2, column 3): unknown identifier 'metrics.loginz'. Did you mean 'metrics.logins'?", errors);
    }

    [Fact]
    public void Compile_SeveralProblems_ReportsThemAllTogether()
    {
        var exception = Assert.Throws<HealthModelException>(() => Rule.Compile("r", "scor < 40 && metrics.nsp > 1", TestModel, Schema));
        Assert.Equal(
            "The health model is invalid (2 errors):\n  r (rule line 1, column 1): unknown identifier 'scor'. Did you mean 'score'?\n  r (rule line 1, column 14): unknown identifier 'metrics.nsp'. Did you mean 'metrics.nps'?",
            exception.Message);
    }

    [Fact]
    public void Compile_TooLong_ReportsTheLimit()
    {
        var text = "score > 1" + string.Concat(Enumerable.Repeat(" && score > 1", 400));
        Assert.Equal("long (rule line 1, column 4097): the rule is 5,209 characters long; the limit is 4,096.", Errors(() => Rule.Compile("long", text, TestModel)));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("!(", ")")]
    [InlineData("abs(", ") > 0")]
    public void Compile_DeeplyNested_ReportsTheDepthLimitWithoutOverflowing(string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, 1000)) + "score > 1" + string.Concat(Enumerable.Repeat(close, 1000));
        var errors = Errors(() => Rule.Compile("deep", text[..Math.Min(text.Length, 4096)], TestModel));
        Assert.Contains("the rule nests more than 64 levels deep; simplify it or split it into several rules.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_LongUnaryChain_ReportsTheDepthLimit()
    {
        var text = new string('!', 4000) + "true";
        Assert.Equal("deep (rule line 1, column 65): the rule nests more than 64 levels deep; simplify it or split it into several rules.", Errors(() => Rule.Compile("deep", text, TestModel)));
    }

    [Fact]
    public void Compile_NestingAtTheLimit_Compiles()
    {
        var text = new string('(', 64) + "score > 1" + new string(')', 64);
        Assert.False(Rule.Compile("ok", text, TestModel).Evaluate(default));
    }

    [Fact]
    public void Compile_LongFlatChain_CompilesAndEvaluates()
    {
        var text = "score > 1" + string.Concat(Enumerable.Repeat(" || score > 1", 300));
        Assert.True(Rule.Compile("flat", text, TestModel).Evaluate(new Account().Score().Context()));
    }

    [Fact]
    public void Compile_MultiLineRule_ReportsLineAndColumn()
    {
        var errors = Errors(() => Rule.Compile("r", "score < 40 &&\n\n    band == \"watsh\"", TestModel));
        Assert.Equal("r (rule line 3, column 13): unknown band 'watsh'. Did you mean 'watch'? The bands are at_risk, watch, healthy, insufficient_data.", errors);
    }

    [Fact]
    public void Print_ParsedRule_IsCanonical()
    {
        var tree = RuleParser.Parse("(score<40)&&!(band==\"watch\"||x in [1,-2,\"a\\\"b\"]) && (a - (b - c)) * -d == min(1,2) && q between 1 + 2 and (3 > 4)", out var error);
        Assert.Null(error);
        Assert.Equal(
            "score < 40 && !(band == \"watch\" || x in [1, -2, \"a\\\"b\"]) && (a - (b - c)) * -d == min(1, 2) && q between 1 + 2 and (3 > 4)",
            RulePrinter.Print(tree!));
    }

    [Theory]
    [InlineData("1+", "1 > 0")]
    [InlineData("score > 1 || ", "true")]
    [InlineData("-", "1 > 0")]
    public void Compile_LongestChainsOnASmallStack_CompileOrReportAnError(string repeated, string end)
    {
        var text = string.Concat(Enumerable.Repeat(repeated, (4096 - end.Length) / repeated.Length)) + end;
        Exception? failure = null;
        string? outcome = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    var rule = Rule.Compile("long", text, TestModel);
                    outcome = rule.Evaluate(default) ? "true" : "false";
                }
                catch (HealthModelException exception)
                {
                    outcome = exception.Errors[0].Message;
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.NotNull(outcome);
    }
}
