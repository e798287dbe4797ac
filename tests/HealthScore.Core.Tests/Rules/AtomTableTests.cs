using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Rules that are conjunctions of simple tests are evaluated by a shared table of tests; it must agree with each rule's own program.</summary>
public class AtomTableTests
{
    public static readonly TheoryData<string> SimpleConjunctions =
    [
        "score == 53", "score != 53", "score < 53", "score <= 53", "score > 53", "score >= 53",
        "53 == score", "53 != score", "53 < score", "53 <= score", "53 > score", "53 >= score",
        "delta > -13", "-13 < delta", "delta <= -0.25", "-0.25 >= delta", "metrics.nps between -7 and 20", "metrics.nps between -100 and -7",
        "metrics.logins in [0, 3, 5]", "metrics.nps in [-7]", "account.seats in [-1, 50]",
        "account.strategic in [true]", "account.strategic in [false]", "consent.email in [false]", "band_changed in [true, false]",
        "isMissing(metrics.nps)", "isMissing(previous_score)", "!isMissing(delta)", "isMissing(account.segment)", "!isMissing(account.name)",
        "account.strategic", "!account.strategic", "consent.email", "!consent.usage_data", "band_changed", "phase_changed", "!phase_changed",
        "band == \"watch\"", "\"watch\" == band", "band != \"healthy\"", "\"healthy\" != band", "previous_band == \"watch\"", "previous_band != \"watch\"",
        "phase == \"adoption\"", "\"renewal\" != phase", "band in [\"at_risk\", \"watch\"]", "previous_band in [\"healthy\"]", "phase in [\"onboarding\", \"renewal\"]",
        "account.segment == \"smb\"", "\"smb\" == account.segment", "account.segment != \"smb\"", "\"enterprise\" != account.segment",
        "account.name in [\"Acme\", \"Beta\"]", "account.segment in [\"enterprise\"]",
        "!(score < 40)", "!(band == \"watch\")", "!(account.segment == \"smb\")", "!(metrics.logins in [2, 3])", "!(metrics.logins between 2 and 5)",
        "!(isMissing(account.name))", "!(!consent.email)", "true && consent.email", "consent.email && true",
        "score < 60 && metrics.logins >= 2 && !consent.email && account.segment in [\"smb\", \"enterprise\"]",
        "tenure_days >= 365 && days_to_renewal < 90 && days_in_phase between 0 and 30 && coverage > 0.3",
        "groups.usage <= 53 && groups.support > 0 && metrics.critical_tickets != 0 && metrics.features == 6",
    ];

    public static readonly TheoryData<string> OtherShapes = [.. RuleSamples.OtherShapes, "false && consent.email", "consent.email && score + 1 > 3", "!(consent.email && account.strategic)", "score < 40 || score > 60", "true"];

    private static readonly List<RuleSamples.Sample> Accounts = RuleSamples.Accounts(7, 400);

    [Theory]
    [MemberData(nameof(SimpleConjunctions))]
    public void Build_ConjunctionOfSimpleTests_IsServedByTheTableAndAgreesWithTheRule(string text)
    {
        var rule = Compile(text);
        var table = AtomTable.Build([rule.Program], out var masks);
        Assert.NotEqual(0UL, masks[0]);
        Assert.Equal(masks[0], masks[0] & ((1UL << table.Count) - 1));
        foreach (var account in Accounts)
        {
            var context = account.Context();
            Assert.True(rule.Evaluate(context) == ((table.Evaluate(context) & masks[0]) == masks[0]), $"{text} for {account}");
        }
    }

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void Build_RuleOfAnotherShape_IsLeftToItsProgram(string text)
    {
        var table = AtomTable.Build([Compile(text).Program], out var masks);
        Assert.Equal(0UL, masks[0]);
        Assert.Equal(0, table.Count);
    }

    // A conjunction missing a term is wrong, not just slower: the table would test only the atoms it kept.
    [Theory]
    [InlineData("false && consent.email")]
    [InlineData("metrics.logins + 1 > 3 && consent.email")]
    [InlineData("consent.email && metrics.logins + 1 > 3")]
    [InlineData("(score < 40 || consent.email) && band_changed")]
    [InlineData("consent.email && (false && band_changed)")]
    [InlineData("consent.email && (band_changed && score + 1 > 3)")]
    public void Compile_ConjunctionWithATermThatIsNoAtom_IsNotSplit(string text) =>
        Assert.Null(Compile(text).Program.Conjunction);

    [Theory]
    [InlineData("band != \"watch\"")]
    [InlineData("phase in [\"renewal\"] && consent.email")]
    public void Build_BandOrPhaseTestCompiledWithoutModelSymbols_IsLeftToItsProgram(string text)
    {
        // Without a model the id cannot be resolved: the program never matches it, and no atom may say otherwise.
        var errors = new List<RuleError>();
        var program = new RuleCompiler(null, Schema, RuleScope.Full).Compile(0, text, errors);
        Assert.Empty(errors);
        Assert.NotNull(program);
        Assert.Null(program.Conjunction);
        Assert.False(program.Evaluate(new Account().Score().Context()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Build_RandomConjunctions_AgreeWithTheirRules(int seed)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(0, 15).Select(_ => Compile(RuleSamples.Conjunction(random))).ToArray();
        var table = AtomTable.Build([.. rules.Select(r => r.Program)], out var masks);
        Assert.All(masks, mask => Assert.NotEqual(0UL, mask));
        foreach (var account in Accounts)
        {
            var context = account.Context();
            var bits = table.Evaluate(context);
            var buffer = new double[table.BufferLength];
            foreach (var path in Enum.GetValues<NumericPath>())
            {
                // Each way of testing the numeric atoms the machine supports gives the same bits.
                Assert.Equal(bits, table.Evaluate(context, buffer, path));
            }

            for (var r = 0; r < rules.Length; r++)
            {
                Assert.True(rules[r].Evaluate(context) == ((bits & masks[r]) == masks[r]), $"{rules[r].Text} for {account}");
            }
        }
    }

    [Fact]
    public void Build_RulesSharingTests_EvaluateEachDistinctTestOnce()
    {
        var table = AtomTable.Build(
            [
                Compile("score < 40 && consent.email").Program,
                Compile("consent.email && metrics.logins > 2").Program,
                Compile("score < 40").Program,
                Compile("!consent.email && metrics.logins in [1, 2]").Program,
                Compile("metrics.logins in [1, 2] && account.segment == \"smb\" && account.segment in [\"smb\"]").Program,
                Compile("account.segment == \"smb\" && metrics.features > 2").Program,
            ],
            out var masks);
        Assert.Equal(8, table.Count);
        Assert.NotEqual(0UL, masks[0] & masks[1]);
        Assert.Equal(masks[2], masks[0] & masks[2]);
        Assert.Equal(0UL, masks[3] & masks[1]);
    }

    [Fact]
    public void Build_MoreDistinctTestsThanFit_LaterRulesFallBackToTheirProgram()
    {
        var programs = new List<RuleProgram>();
        for (var i = 0; i < 63; i++)
        {
            programs.Add(Compile($"metrics.logins < {i}").Program);
        }

        programs.Add(Compile("metrics.nps < 1 && metrics.nps > -1").Program);
        programs.Add(Compile("metrics.logins < 5 && metrics.nps == 7").Program);
        programs.Add(Compile("metrics.features < 1").Program);
        var table = AtomTable.Build(programs, out var masks);
        Assert.Equal(64, table.Count);
        Assert.All(masks.Take(63), mask => Assert.Equal(1UL, ulong.PopCount(mask)));
        Assert.Equal(0UL, masks[63]);
        Assert.Equal(2UL, ulong.PopCount(masks[64]));
        Assert.Equal(0UL, masks[65]);
        Assert.Equal(64UL, ulong.PopCount(masks.Aggregate(0UL, (a, b) => a | b)));
        foreach (var account in Accounts)
        {
            var context = account.Context();
            var bits = table.Evaluate(context);
            var buffer = new double[table.BufferLength];
            foreach (var path in Enum.GetValues<NumericPath>())
            {
                // Each way of testing the numeric atoms the machine supports gives the same bits.
                Assert.Equal(bits, table.Evaluate(context, buffer, path));
            }

            for (var r = 0; r < programs.Count; r++)
            {
                if (masks[r] != 0)
                {
                    Assert.Equal(programs[r].Evaluate(context), (bits & masks[r]) == masks[r]);
                }
            }
        }
    }

    [Fact]
    public void Build_EmptyList_GivesAnEmptyTable()
    {
        var table = AtomTable.Build([], out var masks);
        Assert.Empty(masks);
        Assert.Equal(0, table.Count);
        Assert.Equal(0UL, table.Evaluate(default));
    }

    public static readonly TheoryData<string> TakenApart =
    [
        "score < 40 || score > 60", "(score < 40 || consent.email) && band_changed", "!(consent.email && account.strategic)", "!(consent.email || account.strategic)",
        "abs(delta) >= 15", "min(metrics.logins, metrics.features) < 1", "max(score, 50, metrics.nps) >= 60", "metrics.logins + 1 > 3", "-score < -40",
        "band == previous_band", "delta == score", "score > previous_score", "band_changed == true", "isMissing(score + 1)", "abs(delta) between 0 and 1",
        "metrics.nps between metrics.logins and score", "false", "true", "false && consent.email", "consent.email || true", "consent.email && !consent.email",
        "(score < 40 || score >= 40) && consent.email", "metrics.logins / 0 < 1", "metrics.logins % 2 == 1", "3 < 5 && consent.email", "1 + 2 == 3",
        "(band == \"watch\" && days_to_renewal < 120) || (phase == \"onboarding\" && metrics.logins < 2)",
        "(metrics.nps < 0) && (isMissing(metrics.nps) && tenure_days > 90)", "!((score < 40 || delta < 0) && (account.segment == \"smb\" || metrics.nps >= 0))",
    ];

    [Theory]
    [MemberData(nameof(TakenApart))]
    public void BuildTerms_RuleOfAnyShape_IsTakenApartAndAgreesWithItsProgram(string text)
    {
        var rule = Compile(text);
        var table = AtomTable.BuildTerms([rule.Program], out var terms);
        Assert.NotNull(terms[0]);
        AssertTermsAgree(table, [rule], terms);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BuildTerms_RandomRulesOfEveryShape_AgreeWithTheirPrograms(int seed)
    {
        var random = new Random(seed);
        var texts = new List<string>(RuleSamples.OtherShapes);
        for (var i = 0; i < 40; i++)
        {
            var a = random.Next(3) == 0 ? RuleSamples.Mixed(random) : RuleSamples.Conjunction(random);
            var b = RuleSamples.Conjunction(random);
            texts.Add(random.Next(3) switch { 0 => $"({a}) || ({b})", 1 => $"!({a}) && ({b})", _ => $"!(({a}) || !({b}))" });
        }

        var rules = texts.Select(Compile).ToArray();
        var table = AtomTable.BuildTerms([.. rules.Select(r => r.Program)], out var terms);
        AssertTermsAgree(table, rules, terms);
    }

    private static void AssertTermsAgree(AtomTable table, Rule[] rules, ulong[]?[] terms)
    {
        foreach (var account in Accounts)
        {
            var context = account.Context();
            var bits = table.Evaluate(context);
            var buffer = new double[table.BufferLength];
            foreach (var path in Enum.GetValues<NumericPath>())
            {
                // Each way of testing the numeric atoms the machine supports gives the same bits.
                Assert.Equal(bits, table.Evaluate(context, buffer, path));
            }

            for (var r = 0; r < rules.Length; r++)
            {
                if (terms[r] is { } masks)
                {
                    Assert.True(rules[r].Evaluate(context) == masks.Any(mask => (bits & mask) == mask), $"{rules[r].Text} for {account}");
                }
            }
        }
    }

    private static Rule Compile(string text) => Rule.Compile("r", text, TestModel, Schema);
}
