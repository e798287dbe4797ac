using System.Buffers;
using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Support metrics from tickets: tickets in the window, open high-severity tickets, median time to resolution,
/// escalations. Immutable and thread-safe.
/// </summary>
public sealed class SupportProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("tickets", MetricDirection.LowerIsBetter, "Support tickets opened", IsCount: true, Windowed: true),
        new("tickets", MetricDirection.LowerIsBetter, "High or urgent tickets open now", IsCount: true, Windowed: false),
        new("hours", MetricDirection.LowerIsBetter, "Median hours to resolve the tickets closed", IsCount: false, Windowed: true),
        new("tickets", MetricDirection.LowerIsBetter, "Escalated tickets opened", IsCount: true, Windowed: true),
    ];

    private readonly ProviderFrame<SupportMeasure, Computer> _frame;

    /// <summary>Creates the provider with the default options.</summary>
    public SupportProvider()
        : this(new SupportProviderOptions())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public SupportProvider(SupportProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frame = new("support", options.Metrics, Infos, default(Computer));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer : IMeasureComputer<SupportMeasure>
    {
        public RecordSources Source => RecordSources.SupportTickets;

        public double Measure(in AccountRecords records, SupportMeasure measure, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var tickets = records.Tickets.Span;
            var count = 0;
            switch (measure)
            {
                case SupportMeasure.Tickets:
                    foreach (ref readonly var t in tickets)
                    {
                        if (window.Contains(t.Opened))
                        {
                            count++;
                        }
                    }

                    return count;
                case SupportMeasure.OpenHighSeverityTickets:
                    foreach (ref readonly var t in tickets)
                    {
                        if (t.Severity >= TicketSeverity.High && t.Opened <= end && IsOpen(t, end))
                        {
                            count++;
                        }
                    }

                    return count;
                case SupportMeasure.MedianResolutionHours:
                    return MedianResolutionHours(tickets, end, days);
                case SupportMeasure.Escalations:
                    foreach (ref readonly var t in tickets)
                    {
                        if (t.Escalated && window.Contains(t.Opened))
                        {
                            count++;
                        }
                    }

                    return count;
                default:
                    return double.NaN;
            }
        }

        private static bool IsOpen(in SupportTicket ticket, DateTimeOffset end) =>
            ticket.Closed is { } closed ? closed > end : ticket.Status != TicketStatus.Closed;

        private static double MedianResolutionHours(ReadOnlySpan<SupportTicket> tickets, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var rented = tickets.Length > 256 ? ArrayPool<double>.Shared.Rent(tickets.Length) : null;
            var hours = rented is null ? stackalloc double[tickets.Length] : rented.AsSpan(0, tickets.Length);
            var n = 0;
            foreach (ref readonly var t in tickets)
            {
                if (t.Closed is { } closed && closed >= t.Opened && window.Contains(closed))
                {
                    hours[n++] = (double)(closed.UtcTicks - t.Opened.UtcTicks) / TimeSpan.TicksPerHour;
                }
            }

            var median = double.NaN;
            if (n > 0)
            {
                var used = hours[..n];
                used.Sort();
                median = n % 2 == 1 ? used[n / 2] : (used[(n / 2) - 1] + used[n / 2]) / 2;
            }

            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }

            return median;
        }
    }
}
