using HealthScore.Core.Metrics;
using HealthScore.Providers.Testing;

namespace HealthScore.Core.Tests.Metrics.Examples;

public sealed class PaymentHealthProviderConformanceTests : MetricProviderConformanceTests<PaymentHealthProvider>
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset AsOf => Now;

    protected override PaymentHealthProvider CreateProvider() => new(windowDays: 180);

    protected override AccountRecords CreateRecords() => With(
    [
        new(Now.AddDays(-10), Now.AddDays(-12), 100), // paid early
        new(Now.AddDays(-40), Now.AddDays(-30), 100), // paid 10 days late
        new(Now.AddDays(-5), null, 100),              // unpaid and overdue
        new(Now.AddDays(20), null, 100),              // not due yet
    ]);

    protected override IEnumerable<ConformanceCase> CreateBoundaryCases() =>
    [
        new("an invoice due exactly 180 days back is outside the window, but still overdue",
            With([new(Now.AddDays(-180), null, 100)]), Now,
            new Dictionary<string, double> { ["late_invoice_share"] = double.NaN, ["overdue_invoices"] = 1 }),
        new("a payment a tick after as-of has not happened yet",
            With([new(Now.AddDays(-1), Now.AddTicks(1), 100), new(Now, null, 100)]), Now,
            new Dictionary<string, double> { ["late_invoice_share"] = 0.5, ["overdue_invoices"] = 1 }), // 1 late of 2 due; due-today is not late
    ];

    protected override AccountRecords CreatePresentButEmptyRecords() => With([]);

    // The kit transforms the built-in record kinds; a provider with its own records transforms them here.
    protected override AccountRecords Reverse(AccountRecords records) => With([.. Invoices(records).Reverse()]);

    protected override AccountRecords Duplicate(AccountRecords records) => With([.. Invoices(records), .. Invoices(records)]);

    protected override AccountRecords Shift(AccountRecords records, TimeSpan offset) =>
        With([.. Invoices(records).Select(i => i with { Due = i.Due + offset, Paid = i.Paid + offset })]);

    protected override AccountRecords AddAfterAsOf(AccountRecords records, DateTimeOffset asOf) =>
        With([.. Invoices(records), .. Invoices(records).Select(i => i with { Due = asOf.AddTicks(1), Paid = null })]);

    protected override AccountRecords AddNaN(AccountRecords records) =>
        With([.. Invoices(records), .. Invoices(records).Select(i => i with { Amount = double.NaN })]);

    private static AccountRecords With(Invoice[] invoices) => new() { Extensions = new object[] { new InvoiceLedger(invoices) } };

    private static Invoice[] Invoices(AccountRecords records) => records.GetExtension<InvoiceLedger>()!.Invoices.ToArray();
}
