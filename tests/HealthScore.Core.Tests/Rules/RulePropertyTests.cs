using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

public class RulePropertyTests
{
    [Property(MaxTest = 500)]
    public Property Print_ParsedRule_ParsesBackToTheSameTree() =>
        Prop.ForAll(RuleGenerators.Rules().ToArbitrary(), text =>
        {
            var tree = RuleParser.Parse(text, out var error);
            Assert.Null(error);
            var printed = RulePrinter.Print(tree!);
            var again = RuleParser.Parse(printed, out error);
            Assert.Null(error);
            Assert.True(RuleGenerators.Same(tree!, again!), $"'{text}' printed as '{printed}' parses to a different tree.");
            Assert.Equal(printed, RulePrinter.Print(again!));
        });

    [Property(MaxTest = 300)]
    public Property Evaluate_AnyContext_NeverThrows() =>
        Prop.ForAll(
            RuleGenerators.Rules().ToArbitrary(),
            Gen.ArrayOf(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e308, 0, 1, 3.5, 1e308, -100)).ToArbitrary(),
            Gen.Choose(0, 5).ToArbitrary(),
            (text, numbers, shape) =>
            {
                var rule = Rule.Compile("p", text, TestModel, Schema);
                var values = numbers.Length >= TestModel.Metrics.Count ? numbers[..TestModel.Metrics.Count] : numbers;
                var scored = values.Length == TestModel.Metrics.Count
                    ? TestModel.Score(values, TestModel.Phases[shape % TestModel.Phases.Count])
                    : default;
                var context = new RuleContext
                {
                    Result = shape % 2 == 0 ? scored : default,
                    Previous = shape > 2 ? scored : null,
                    MetricValues = values,
                    GroupScores = shape == 4 ? new GroupScore[1] : [],
                    Numbers = numbers,
                    Texts = shape % 3 == 0 ? [] : new string?[] { null, "smb", "x" },
                    Consents = shape == 1 ? [true] : [],
                    TenureDays = numbers.Length > 0 ? numbers[0] : null,
                    DaysToRenewal = double.NaN,
                };
                rule.Evaluate(context);
                var readings = new RuleReading[rule.Identifiers.Count];
                Assert.Equal(rule.Identifiers.Count, rule.Read(context, readings));
            });

    [Fact]
    public void Compile_RandomStringsAndTokenSoups_CompileOrThrowHealthModelException()
    {
        var random = new Random(20261124);
        const string alphabet = "abcdegilmnoprstuvwxyz_.0123456789 \t\n()[],+-*/%=!<>&|\"\\'#{}é日";
        string[] tokens =
        [
            "score", "band", "phase", "metrics.logins", "metrics.", "account.segment", "account.seats", "consent.email", "groups.usage",
            "isMissing", "min", "max", "abs", "in", "between", "and", "true", "false", "(", ")", "[", "]", ",", ".", "+", "-", "*", "/",
            "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "\"watch\"", "\"", "1", "0", "40", "1e999", "2.5", "-",
            "band_changed", "delta", "=", "&", "|",
        ];
        var outcomes = new int[2];
        var context = new Account().Score().Context();
        for (var i = 0; i < 6000; i++)
        {
            string text;
            if (i % 2 == 0)
            {
                var chars = new char[random.Next(0, 80)];
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = random.Next(20) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
                }

                text = new string(chars);
            }
            else
            {
                var count = random.Next(0, i % 50 == 1 ? 2000 : 30);
                var parts = new string[count];
                for (var t = 0; t < count; t++)
                {
                    parts[t] = tokens[random.Next(tokens.Length)];
                }

                text = string.Join(random.Next(3) == 0 ? "" : " ", parts);
            }

            try
            {
                var rule = Rule.Compile("fuzz", text, TestModel, Schema);
                rule.Evaluate(context);
                rule.Evaluate(default);
                outcomes[0]++;
            }
            catch (HealthModelException exception)
            {
                Assert.NotEmpty(exception.Errors);
                Assert.All(exception.Errors, e => Assert.True(e.ExpressionLine >= 1 && e.ExpressionColumn >= 1, e.ToString()));
                outcomes[1]++;
            }
        }

        Assert.Equal(6000, outcomes[0] + outcomes[1]);
        Assert.True(outcomes[0] > 0, "some token soups should compile");
    }
}
