using HealthScore.Core.Pipeline;

namespace HealthScore.Core.Tests.Profiles;

/// <summary>Choosing a profile and scoring with it, in a reused workspace, allocates nothing.</summary>
public sealed class ProfileAllocationTests
{
    [Fact]
    public void Evaluate_ReusedWorkspaceAcrossProfilesWithHistory_AllocatesNothing()
    {
        var model = ProfileScoringTests.Model;
        var engine = new HealthEngine(model);
        var workspace = engine.CreateWorkspace();
        var values = ProfileScoringTests.Values(model);
        var asOf = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var small = ProfileScoringTests.Facts(model, 12, daysToRenewal: 30);
        var large = ProfileScoringTests.Facts(model, 250);
        var previous = engine.Evaluate(new AccountInput { AccountId = "a", AsOf = asOf, MetricValues = values, Facts = small }).ToSnapshot();
        var inputs = new[]
        {
            new AccountInput { AccountId = "a", AsOf = asOf.AddDays(7), MetricValues = values, Facts = small, Previous = previous },
            new AccountInput { AccountId = "a", AsOf = asOf.AddDays(7), MetricValues = values, Facts = large, Previous = previous },
            new AccountInput { AccountId = "a", AsOf = asOf.AddDays(7), MetricValues = values, Facts = small, Profile = model.GetProfile("enterprise"), Phase = model.GetPhase("renewal") },
        };
        foreach (var input in inputs)
        {
            engine.Evaluate(input, workspace);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            engine.Evaluate(inputs[i % inputs.Length], workspace);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal("enterprise", engine.Evaluate(inputs[1], workspace).Profile?.Id);
        Assert.Equal("smb", engine.Evaluate(inputs[0], workspace).Profile?.Id);
    }
}
