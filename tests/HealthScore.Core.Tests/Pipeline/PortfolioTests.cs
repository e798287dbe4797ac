using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using static HealthScore.Core.Tests.Pipeline.PipelineSamples;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>A portfolio on all cores gives what evaluating the accounts one by one gives.</summary>
public sealed class PortfolioTests
{
    private sealed record Customer(int Index, string Id, double[] Values, double Tenure, HealthSnapshot? Previous);

    [Fact]
    public void EvaluateAll_ThousandsOfAccounts_EqualsOneByOne()
    {
        var engine = new HealthEngine(SampleModel);
        var customers = Customers(engine, 2_000);
        var expected = customers.Select(c => HealthSnapshotJson.Write(engine.Evaluate(Input(engine, c, null)).ToSnapshot())).ToArray();
        var actual = new string[customers.Length];
        var progress = new List<long>();

        engine.EvaluateAll(customers, (c, workspace) => Input(engine, c, workspace), (c, health) => actual[c.Index] = HealthSnapshotJson.Write(health.ToSnapshot()),
            new BatchOptions { ChunkSize = 64, Progress = new SynchronousProgress(progress) });

        Assert.Equal(expected, actual);
        Assert.Equal(customers.Length, progress.Max());
        Assert.True(expected.Distinct().Count() > customers.Length / 2);
        Assert.Contains(expected, json => json.Contains("\"phase\": \"onboarding\"", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluateAll_ChunkLargerThanAnyPortfolio_EvaluatesEveryAccount()
    {
        var engine = new HealthEngine(SampleModel);
        var customers = Customers(engine, 10);
        var received = 0;

        engine.EvaluateAll(customers, (c, w) => Input(engine, c, w), (_, _) => Interlocked.Increment(ref received), new BatchOptions { ChunkSize = int.MaxValue });

        Assert.Equal(10, received);
    }

    [Fact]
    public void EvaluateAll_Cancelled_StopsWithOperationCanceled()
    {
        var engine = new HealthEngine(SampleModel);
        var customers = Customers(engine, 500);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => engine.EvaluateAll(customers, (c, w) => Input(engine, c, w), (_, _) => { }, new BatchOptions { CancellationToken = cancel.Token }));
    }

    [Fact]
    public void EvaluateAll_CancelledDuringTheRun_StopsBeforeTheNextAccount()
    {
        var engine = new HealthEngine(SampleModel);
        var customers = Customers(engine, 2_000);
        using var cancel = new CancellationTokenSource();
        var received = 0;

        // One chunk holds every account, so only a check before each account can stop the run.
        Assert.ThrowsAny<OperationCanceledException>(() => engine.EvaluateAll(
            customers,
            (c, w) => Input(engine, c, w),
            (_, _) =>
            {
                if (Interlocked.Increment(ref received) == 100)
                {
                    cancel.Cancel();
                }
            },
            new BatchOptions { MaxDegreeOfParallelism = 1, ChunkSize = int.MaxValue, CancellationToken = cancel.Token }));

        Assert.Equal(100, received);
    }

    [Fact]
    public void EvaluateAll_MoreAccounts_NoMoreAllocation()
    {
        var engine = new HealthEngine(SampleModel);
        var customers = Customers(engine, 2_000);
        var options = new BatchOptions { MaxDegreeOfParallelism = 1 };
        var total = 0.0;
        Func<Customer, HealthWorkspace, AccountInput> read = (c, w) => Input(engine, c, w);
        Action<Customer, AccountHealth> receive = (_, health) => total += health.Result.UnroundedScore ?? 0;
        long Allocated(int count)
        {
            var accounts = new ArraySegment<Customer>(customers, 0, count);
            var before = GC.GetAllocatedBytesForCurrentThread();
            engine.EvaluateAll(accounts, read, receive, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(100);
        var few = Allocated(100);
        var many = Allocated(2_000);

        // One degree of parallelism runs the chunk on this thread: the only allocations are per call, not per account.
        Assert.True(many - few < 1_000, $"100 accounts allocated {few} B, 2,000 accounts {many} B.");
        Assert.NotEqual(0, total);
    }

    private static Customer[] Customers(HealthEngine engine, int count)
    {
        var random = new Random(20261201);
        var customers = new Customer[count];
        for (var i = 0; i < count; i++)
        {
            var values = engine.Model.CreateValues();
            for (var m = 0; m < values.Length; m++)
            {
                var metric = engine.Model.Metrics[m];
                values[m] = random.NextDouble() < 0.1 ? double.NaN : metric.IsCategorical ? random.Next(metric.Categories.Count) : random.NextDouble() * 20;
            }

            var tenure = random.Next(0, 800);
            var previous = random.NextDouble() < 0.5 ? null : engine.Evaluate(new AccountInput { AccountId = "c" + i, AsOf = AsOf.AddDays(-30), MetricValues = values.Select((v, m) => engine.Model.Metrics[m].IsCategorical ? v : v * 0.8).ToArray(), Facts = Facts(engine.Model, Math.Max(0, tenure - 30)) }).ToSnapshot();
            customers[i] = new Customer(i, "c" + i, values, tenure, previous);
        }

        return customers;
    }

    private static AccountInput Input(HealthEngine engine, Customer customer, HealthWorkspace? workspace)
    {
        var facts = workspace?.Facts ?? new AccountFacts(engine.Model.Account);
        facts.Clear();
        facts.TenureDays = customer.Tenure;
        facts.DaysToRenewal = 400 - customer.Tenure;
        facts.SetConsent("email");
        return new AccountInput { AccountId = customer.Id, AsOf = AsOf, MetricValues = customer.Values, Facts = facts, Previous = customer.Previous };
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
