using HealthScore.Core.Actions;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization;

/// <summary>The member sample models in docs/models (checked against the schema with the others in <see cref="SampleModelTests"/>): phases by registration, the four connection kinds, consent where personal data is used.</summary>
public sealed class MemberSampleModelTests
{
    public static TheoryData<string> Samples => new() { "members.en.json", "members.ja.json" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_Compiles_WithRegistrationPhasesAndTheFourConnectionKinds(string name)
    {
        var model = HealthModelDocument.CompileFile(SampleModelTests.SamplePath(name));

        Assert.Equal(["new_member", "settling_in", "established", "lapsing"], model.Phases.Select(p => p.Id));
        Assert.Equal(["gone_quiet", "just_joined", "first_months"], model.PhaseRules.Rules.Select(r => r.Id));
        Assert.Equal(30, model.GetMetric("coach_sentiment").MaxAgeDays);
        Assert.True(model.Overrides.Allowed);
        Assert.Equal(
            new HashSet<string> { ActionKinds.Respond, ActionKinds.Recommend, ActionKinds.Coach, ActionKinds.Automate },
            model.Actions.Rules.Select(a => a.Kind).ToHashSet());
        Assert.All(model.Actions.Rules.Where(a => a.Kind is ActionKinds.Coach or ActionKinds.Automate), a => Assert.Equal("personal_data", a.Consent));
    }

    [Fact]
    public void Samples_EnglishAndJapanese_SameStructureAndEveryLabelAndMessageTranslated()
    {
        var english = HealthModelDocument.CompileFile(SampleModelTests.SamplePath("members.en.json"));
        var japanese = HealthModelDocument.CompileFile(SampleModelTests.SamplePath("members.ja.json"));

        Assert.Equal(english.Metrics.Select(m => m.Id), japanese.Metrics.Select(m => m.Id));
        Assert.Equal(english.Groups.Select(g => g.Id), japanese.Groups.Select(g => g.Id));
        Assert.Equal(english.Actions.Rules.Select(a => (a.Id, a.Kind, a.Priority, a.Consent, a.Condition.Text)), japanese.Actions.Rules.Select(a => (a.Id, a.Kind, a.Priority, a.Consent, a.Condition.Text)));
        var texts = japanese.Metrics.Select(m => m.Label)
            .Concat(japanese.Groups.Select(g => g.Label))
            .Concat(japanese.Bands.Select(b => b.Label))
            .Concat(japanese.Phases.Select(p => p.Label))
            .Concat(japanese.Actions.Rules.Select(a => a.Title))
            .Concat(japanese.Actions.Rules.Select(a => a.Message!))
            .Concat(japanese.Texts.All.Where(t => t.Key.StartsWith("report.", StringComparison.Ordinal)).Select(t => t.Value));
        Assert.All(texts, text => Assert.Contains(text, c => c > '\u3000'));
    }
}
