using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics.Examples;

public sealed class PaymentHealthProviderTests
{
    [Fact]
    public void Compute_TypicalInvoices_GivesLateShareAndOverdueCount()
    {
        var now = new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
        Invoice[] invoices =
        [
            new(now.AddDays(-10), now.AddDays(-12), 100),
            new(now.AddDays(-40), now.AddDays(-30), 100),
            new(now.AddDays(-5), null, 100),
            new(now.AddDays(20), null, 100),
        ];
        var values = new double[2];

        new PaymentHealthProvider().Compute(new AccountRecords { Extensions = new object[] { new InvoiceLedger(invoices) } }, now, values);

        Assert.Equal(2.0 / 3, values[0], 12); // 3 due in the window: one paid late, one unpaid -> 2 / 3
        Assert.Equal(1, values[1]);           // the unpaid one due 5 days back
    }
}
