using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

public sealed class ScoreApiTests
{
    [Fact]
    public void Score_WrongNumberOfValues_NamesExpectedCount()
    {
        var model = TestModels.Saas();

        var error = Assert.Throws<ArgumentException>(() => model.Score(new double[3]));

        Assert.Equal("Expected 7 metric values (one per metric of the model); got 3. (Parameter 'values')", error.Message);
    }

    [Fact]
    public void Score_ContributionBufferTooShort_Throws()
    {
        var model = TestModels.Saas();

        var error = Assert.Throws<ArgumentException>(() => model.Score(model.CreateValues(), model.DefaultPhase, new MetricContribution[2], []));

        Assert.StartsWith("Expected 7 contributions", error.Message);
    }

    [Fact]
    public void Score_PhaseOfAnotherModel_Throws()
    {
        var model = TestModels.Saas();
        var other = TestModels.Saas();

        var error = Assert.Throws<ArgumentException>(() => model.Score(model.CreateValues(), other.GetPhase("renewal")));

        Assert.StartsWith("Phase 'renewal' belongs to another model", error.Message);
    }

    [Fact]
    public void Score_ManyCalls_AllocateNothing()
    {
        var model = TestModels.Saas();
        var values = TestModels.Values(model, ("logins_per_week", 2), ("feature_breadth", 0.45), ("open_critical_tickets", 1), ("csat", 4));
        var contributions = new MetricContribution[model.Metrics.Count];
        var groups = new GroupScore[model.Groups.Count];
        var phase = model.GetPhase("renewal");
        var sum = 0.0;
        long Measure(int calls)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                sum += model.Score(values).Score ?? 0;
                sum += model.Score(values, phase, contributions, groups).Score ?? 0;
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Warm up both calls, then take the least of three measured runs: the steady state must allocate nothing
        // (a one-off runtime allocation on this thread, such as a JIT transition, does not count).
        Measure(200);
        var allocated = Math.Min(Measure(10_000), Math.Min(Measure(10_000), Measure(10_000)));

        Assert.Equal(0, allocated);
        Assert.True(sum > 0);
    }

    [Fact]
    public void GetMetric_UnknownId_SuggestsClosest()
    {
        var model = TestModels.Saas();

        var error = Assert.Throws<KeyNotFoundException>(() => model.GetMetric("login_per_week"));

        Assert.Equal("Model 'saas' has no metric 'login_per_week'. Did you mean 'logins_per_week'?", error.Message);
    }

    [Fact]
    public void DefaultPhase_NoPhasesDefined_IsImplicitPhase()
    {
        var model = new Core.Model.HealthModelBuilder()
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("g", "G", 1, g => g.AddMetric("m", "M", new LinearScoring(0, 1)))
            .Build();

        Assert.True(model.DefaultPhase.IsImplicit);
        Assert.Equal("All accounts", model.Score([1]).Phase.Label);
        Assert.Same(model.DefaultPhase, model.GetPhase("default"));
    }
}
