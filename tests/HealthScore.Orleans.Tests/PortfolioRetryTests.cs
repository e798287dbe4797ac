using System.Collections.Concurrent;
using System.Reflection;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rollups;

namespace HealthScore.Orleans.Tests;

/// <summary>
/// Which failures a portfolio run tries again, without a cluster: the grain factory hands out grains that fail their
/// first evaluations as a stopping silo's calls do.
/// </summary>
public sealed class PortfolioRetryTests
{
    [Theory]
    [InlineData(typeof(ObjectDisposedException))]
    [InlineData(typeof(SiloUnavailableException))]
    [InlineData(typeof(TimeoutException))]
    public async Task EvaluateAsync_CallFailsAsOnAStoppingSilo_TriesAgainAndStores(Type failure)
    {
        var grains = new FakeGrains(failFirst: 1, () => (Exception)Activator.CreateInstance(failure, "the silo is stopping")!);

        var run = await new HealthPortfolio(grains.Factory).EvaluateAsync(["a", "b"], Portfolio.AsOf);

        Assert.Empty(run.Failures);
        Assert.Equal(2, run.Stored);
        Assert.Equal(2, grains.Calls["a"]);
    }

    [Fact]
    public async Task EvaluateAsync_StillDisposedAfterThreeAttempts_ReportsTheFailure()
    {
        var grains = new FakeGrains(failFirst: 5, () => new ObjectDisposedException("SQLitePCL.sqlite3"));

        var run = await new HealthPortfolio(grains.Factory).EvaluateAsync(["a"], Portfolio.AsOf);

        var failure = Assert.Single(run.Failures);
        Assert.Equal("a", failure.AccountId);
        Assert.Contains("SQLitePCL.sqlite3", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, grains.Calls["a"]);
    }

    [Fact]
    public async Task EvaluateAsync_PipelineError_IsNotTriedAgain()
    {
        var grains = new FakeGrains(failFirst: 1, () => new InvalidOperationException("The model has no phase 'x'."));

        var run = await new HealthPortfolio(grains.Factory).EvaluateAsync(["a"], Portfolio.AsOf);

        Assert.Equal("The model has no phase 'x'.", Assert.Single(run.Failures).Message);
        Assert.Equal(1, grains.Calls["a"]);
    }

    private sealed class FakeGrains(int failFirst, Func<Exception> failure)
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

        private int FailFirst => failFirst;

        private Exception Failure() => failure();

        public IGrainFactory Factory
        {
            get
            {
                var factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
                ((FactoryProxy)(object)factory).Grain = id => new Grain(id, this);
                return factory;
            }
        }

        private sealed class Grain(string id, FakeGrains owner) : IAccountHealthGrain
        {
            public Task<AccountHealthView> EvaluateAsync(DateTimeOffset asOf)
            {
                if (owner.Calls.AddOrUpdate(id, 1, static (_, n) => n + 1) <= owner.FailFirst)
                {
                    return Task.FromException<AccountHealthView>(owner.Failure());
                }

                var snapshot = new HealthSnapshot { AccountId = id, AsOf = asOf, ModelId = "m", ModelVersion = "1", ModelHash = "h", Phase = "adoption", Band = "healthy" };
                return Task.FromResult(new AccountHealthView { Snapshot = snapshot, Explanation = string.Empty, Stored = true });
            }

            public Task<IngestReceipt> IngestAsync(AccountBatch batch) => throw new NotSupportedException();

            public Task<AccountHealthView?> GetLatestAsync() => throw new NotSupportedException();

            public Task<IReadOnlyList<HealthSnapshot>> GetTimelineAsync() => throw new NotSupportedException();

            public Task<int> CloseActionAsync(string actionId, ActionClosure closure) => throw new NotSupportedException();

            public Task<RollupView?> GetRollupAsync() => throw new NotSupportedException();

            public Task ReportDescendantAsync(DescendantReport report) => throw new NotSupportedException();

            public Task RemoveDescendantAsync(string accountId) => throw new NotSupportedException();
        }
    }

    /// <summary>An <see cref="IGrainFactory"/> whose only working call is <c>GetGrain&lt;IAccountHealthGrain&gt;(string)</c>.</summary>
    public class FactoryProxy : DispatchProxy
    {
        internal Func<string, IAccountHealthGrain> Grain { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args is [string id, ..]
                ? Grain(id)
                : throw new NotSupportedException(targetMethod?.Name);
    }
}
