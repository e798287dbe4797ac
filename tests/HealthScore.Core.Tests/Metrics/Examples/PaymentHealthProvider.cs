using HealthScore.Core.Metrics;
using HealthScore.Core.Model;

namespace HealthScore.Core.Tests.Metrics.Examples;

// The worked example of docs/providers.md: keep the two in step.

/// <summary>An invoice sent to the account.</summary>
public readonly record struct Invoice(DateTimeOffset Due, DateTimeOffset? Paid, double Amount);

/// <summary>The account's invoices, carried in <see cref="AccountRecords.Extensions"/>.</summary>
public sealed class InvoiceLedger(ReadOnlyMemory<Invoice> invoices)
{
    public ReadOnlyMemory<Invoice> Invoices { get; } = invoices;
}

/// <summary>Payment health: how many invoices are paid late, and how many are overdue now.</summary>
public sealed class PaymentHealthProvider : IMetricProvider
{
    private readonly long _windowTicks;

    public PaymentHealthProvider(int windowDays = 180)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        _windowTicks = windowDays * TimeSpan.TicksPerDay;
        Metrics =
        [
            new MetricDescriptor("late_invoice_share", "ratio", MetricDirection.LowerIsBetter,
                $"Share of the invoices due in the last {windowDays} days that were paid after their due date or are still unpaid"),
            new MetricDescriptor("overdue_invoices", "invoices", MetricDirection.LowerIsBetter,
                "Invoices past their due date and unpaid", isCount: true),
        ];
    }

    public IReadOnlyList<MetricDescriptor> Metrics { get; }

    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination)
    {
        if (destination.Length < 2)
        {
            throw new ArgumentException("The destination must hold 2 values.", nameof(destination));
        }

        var ledger = records.GetExtension<InvoiceLedger>();
        if (ledger is null)
        {
            // No invoice data at all: no evidence, so both metrics are missing.
            destination[0] = double.NaN;
            destination[1] = double.NaN;
            return;
        }

        int due = 0, late = 0, overdue = 0;
        foreach (ref readonly var invoice in ledger.Invoices.Span)
        {
            if (invoice.Due > asOf)
            {
                continue; // not due yet as of this date
            }

            // A payment recorded after the as-of date had not happened yet.
            var paidByAsOf = invoice.Paid is { } paid && paid <= asOf;
            var isLate = paidByAsOf ? invoice.Paid!.Value > invoice.Due : asOf > invoice.Due;
            if (!paidByAsOf && invoice.Due < asOf)
            {
                overdue++;
            }

            if (asOf.UtcTicks - invoice.Due.UtcTicks < _windowTicks)
            {
                due++;
                late += isLate ? 1 : 0;
            }
        }

        destination[0] = due == 0 ? double.NaN : (double)late / due;
        destination[1] = overdue;
    }
}
