using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HealthScore.Core.Actions;
using HealthScore.Core.Rules;
using HealthScore.Core.Tests.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Actions;

public class ActionEnginePropertyTests
{
    private static readonly Gen<string> Conjunctions =
        Gen.Elements(
            "score < 60", "band == \"watch\"", "!(band == \"at_risk\")", "phase in [\"adoption\", \"renewal\"]", "metrics.nps >= 0",
            "metrics.nps != 20", "isMissing(metrics.nps)", "account.segment == \"enterprise\"", "account.segment != \"smb\"",
            "account.segment in [\"smb\", \"enterprise\"]", "isMissing(account.segment)", "consent.email", "!consent.usage_data",
            "account.strategic", "band_changed", "metrics.logins between 1 and 5", "40 < score", "delta <= -5", "-3 < delta",
            "previous_band == \"watch\"", "tenure_days > 365", "true")
        .ListOf(4).Select(parts => string.Join(" && ", parts.Count == 0 ? ["true"] : parts));

    [Property(MaxTest = 300)]
    public Property Evaluate_ConjunctionsAndOtherShapes_MatchTheRuleItself() =>
        Prop.ForAll(
            Gen.OneOf(Conjunctions, RuleGenerators.Rules()).ToArbitrary(),
            Gen.Choose(0, 7).ToArbitrary(),
            (text, variant) =>
            {
                var account = new Account { PreviousScore = variant % 3 == 0 ? null : 40 + (variant * 5) };
                account.Values[Nps] = variant % 2 == 0 ? double.NaN : variant * 10;
                account.Values[Logins] = variant;
                account.Texts[1] = variant % 4 == 0 ? null : variant % 4 == 1 ? "smb" : "enterprise";
                account.Consents[0] = variant > 3;
                account.Score();
                var context = account.Context();
                var engine = ActionEngine.Compile(TestModel, [new ActionDefinition { Id = "a", Title = "A", When = text }], Schema);
                var outcome = engine.Evaluate(context, default, new MatchedAction[1], []);
                Assert.Equal(engine.Rules[0].Condition.Evaluate(context), outcome.MatchedCount == 1);
            });
}
