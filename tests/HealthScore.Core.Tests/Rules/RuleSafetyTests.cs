using HealthScore.Core.Rules;
using static HealthScore.Core.Tests.Rules.RuleFixture;

namespace HealthScore.Core.Tests.Rules;

public class RuleSafetyTests
{
    private static readonly string[] Forbidden =
    [
        "System.Reflection", "Reflection.Emit", "System.Linq.Expressions", "System.Linq.Dynamic", "Activator.", "Type.GetType",
        "GetMethod(", "Invoke(", "dynamic ", "DynamicMethod", "Assembly.", "CSharpScript",
    ];

    [Theory]
    [InlineData("Rules")]
    [InlineData("Actions")]
    public void Sources_RulesAndActions_UseNoReflectionOrRuntimeCodeGeneration(string folder)
    {
        var directory = Path.Combine(TestPaths.RepositoryRoot(), "src", "HealthScore.Core", folder);
        var files = Directory.GetFiles(directory, "*.cs");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var forbidden in Forbidden)
            {
                Assert.False(text.Contains(forbidden, StringComparison.Ordinal), $"{Path.GetFileName(file)} uses {forbidden}");
            }
        }
    }

    [Fact]
    public void Resolvers_PerAccount_AllocateNothing()
    {
        var phases = PhaseResolver.Compile(TestModel, [new("new", "tenure_days < 90", "onboarding"), new("renewing", "days_to_renewal < 60 && account.segment == \"enterprise\"", "renewal")], schema: Schema);
        var profiles = ProfileSelector.Compile(["smb", "enterprise"], [new("big", "account.seats >= 100 || account.segment == \"enterprise\"", "enterprise")], "smb", Schema);
        var exceptions = BandExceptions.Compile(TestModel, [new("critical", "metrics.critical_tickets >= 1", "at_risk")], Schema);
        var context = new Account().Score().Context();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = 0;
        for (var i = 0; i < 10_000; i++)
        {
            hits += phases.Resolve(context).Index + profiles.Select(context).Length + exceptions.Apply(context).Index;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(hits > 0);
    }
}
