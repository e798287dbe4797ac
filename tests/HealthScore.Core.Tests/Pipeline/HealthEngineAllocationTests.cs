using HealthScore.Core.Pipeline;
using static HealthScore.Core.Tests.Pipeline.PipelineSamples;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>The pipeline's hot path, in a reused workspace, allocates nothing.</summary>
public sealed class HealthEngineAllocationTests
{
    [Fact]
    public void Evaluate_ReusedWorkspaceWithHistoryFactsAndOpenActions_AllocatesNothing()
    {
        var engine = new HealthEngine(SampleModel);
        var workspace = engine.CreateWorkspace();
        var values = Struggling(SampleModel);
        var facts = Facts(SampleModel, 200, "Acme", "email");
        var previous = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = AsOf, MetricValues = values, Facts = facts }).ToSnapshot();
        var open = new[] { "coach_setup" };
        var input = new AccountInput { AccountId = "a", AsOf = AsOf.AddDays(3), MetricValues = values, Facts = facts, Previous = previous, OpenActions = open };
        engine.Evaluate(input, workspace);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            engine.Evaluate(input, workspace);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var health = engine.Evaluate(input, workspace);
        Assert.Equal(0, allocated);
        Assert.NotNull(health.Trend);
        Assert.NotEqual(0, health.Actions.Length);
    }

    [Fact]
    public void Evaluate_FactsFilledInTheWorkspace_AllocatesNothing()
    {
        var engine = new HealthEngine(SampleModel);
        var workspace = engine.CreateWorkspace();
        var values = Thriving(SampleModel);
        void Run()
        {
            var facts = workspace.Facts;
            facts.Clear();
            facts.TenureDays = 300;
            facts.SetNumber("seats", 40);
            facts.SetFlag("has_executive_sponsor", true);
            facts.SetConsent("automation");
            engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Facts = facts }, workspace);
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains(engine.Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, Facts = workspace.Facts }, workspace).Actions.ToArray(), a => a.RuleId == "enable_addon_trial");
    }
}
