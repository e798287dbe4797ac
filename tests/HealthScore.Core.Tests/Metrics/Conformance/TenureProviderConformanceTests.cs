using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Conformance;

public sealed class TenureProviderConformanceTests : MetricProviderConformanceTests<TenureProvider>
{
    protected override DateTimeOffset AsOf => Sample.AsOf;

    protected override TenureProvider CreateProvider() => new();

    protected override AccountRecords CreateRecords() => new() { Account = Sample.Account() };

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("a contract starting and renewing exactly at as-of",
            new AccountRecords { Account = new Account { Id = "x", ContractStart = Sample.AsOf, RenewalDate = Sample.AsOf } },
            Sample.AsOf,
            new Dictionary<string, double> { ["days_since_contract_start"] = 0, ["days_to_renewal"] = 0 }),
        new("a contract starting a tick after as-of has no tenure yet",
            new AccountRecords { Account = new Account { Id = "x", ContractStart = Sample.AsOf.AddTicks(1) } },
            Sample.AsOf,
            new Dictionary<string, double> { ["days_since_contract_start"] = double.NaN, ["days_to_renewal"] = double.NaN }),
    ];
}
