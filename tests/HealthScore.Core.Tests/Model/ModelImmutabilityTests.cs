using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Model;

/// <summary>A compiled model never changes under the results it produced: not through its definition, its parts or what they hand out.</summary>
public sealed class ModelImmutabilityTests
{
    private static readonly string SaasPath = Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "saas.en.json");

    [Fact]
    public void Compile_DefinitionChangedAfterwards_ModelAndHashStayTheSame()
    {
        var definition = HealthModelDocument.Parse(File.ReadAllText(SaasPath));
        var model = HealthModel.Compile(definition);
        var hash = model.Hash;
        var fields = model.Account.Fields.Select(f => f.Name).ToArray();

        definition.Account.Numbers.Add("added_later");
        definition.Groups[0].Metrics[0].Weight = 99;
        definition.Groups[0].Label = "Changed";
        definition.Bands[0].Label = "Changed";
        definition.Phases.Clear();
        definition.Actions.Clear();
        definition.Texts[TextKeys.Score] = "Changed";

        Assert.Equal(hash, model.Hash);
        Assert.Equal(fields, model.Account.Fields.Select(f => f.Name));
        Assert.NotEqual("Changed", model.Groups[^1].Label);
        Assert.NotEqual("Changed", model.Bands[0].Label);
        Assert.NotEqual("Changed", model.Texts.Score);
        Assert.Contains(model.Phases, p => !p.IsImplicit);
        Assert.NotEmpty(model.Actions.Rules);
    }

    [Fact]
    public void Collections_HandedOut_CannotBeChanged()
    {
        var model = HealthModelDocument.CompileFile(SaasPath);

        AssertReadOnly(model.Metrics);
        AssertReadOnly(model.Groups);
        AssertReadOnly(model.Bands);
        AssertReadOnly(model.Phases);
        AssertReadOnly(model.Account.Fields);
        AssertReadOnly(model.Account.Consents);
        AssertReadOnly(model.PhaseRules.Rules);
        AssertReadOnly(model.BandExceptions.Rules);
        AssertReadOnly(model.Actions.Rules);
        AssertReadOnly(model.Actions.Rules[0].Condition.Identifiers);
    }

    [Fact]
    public void AccountSchema_BuilderChangedAfterBuild_SchemaStaysTheSame()
    {
        var builder = new AccountSchemaBuilder().AddNumber("seats");
        var schema = builder.Build();

        builder.AddText("segment").AddConsent("email");

        Assert.Equal(["seats"], schema.Fields.Select(f => f.Name));
        Assert.Empty(schema.Consents);
        Assert.Equal(1, schema.NumberCount);
        Assert.Equal(0, schema.TextCount);
    }

    [Fact]
    public void PublicTypes_OfTheCompiledModel_HaveNoPublicSetters()
    {
        Type[] types =
        [
            typeof(HealthModel), typeof(Metric), typeof(Group), typeof(Band), typeof(Phase), typeof(ModelReport), typeof(ModelTexts),
            typeof(AccountSchema), typeof(AccountField), typeof(PhaseResolver), typeof(BandExceptions), typeof(Rule),
            typeof(ActionEngine), typeof(ActionRule), typeof(ModelError), typeof(HealthModelException),
        ];

        foreach (var type in types)
        {
            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            {
                Assert.True(property.SetMethod is null || !property.SetMethod.IsPublic && !property.SetMethod.IsAssembly, $"{type.Name}.{property.Name} can be set after construction.");
            }

            Assert.DoesNotContain(type.GetMethods(), m => m.Name.StartsWith("Add", StringComparison.Ordinal) && m.DeclaringType == type);
        }
    }

    private static void AssertReadOnly<T>(IReadOnlyList<T> items)
    {
        var list = Assert.IsAssignableFrom<IList<T>>(items);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list.Add(list[0]));
    }
}
