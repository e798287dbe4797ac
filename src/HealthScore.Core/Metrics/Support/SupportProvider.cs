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

        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            var tickets = records.Tickets.Span;
            var endTicks = end.UtcTicks;
            var startTicks = endTicks - (days * TimeSpan.TicksPerDay);
            var wantMedian = measures.Contains((int)SupportMeasure.MedianResolutionHours);
            var size = wantMedian ? tickets.Length : 0;
            var rented = size > 256 ? ArrayPool<double>.Shared.Rent(size) : null;
            var hours = rented is null ? stackalloc double[size] : rented.AsSpan(0, size);
            int opened = 0, openHigh = 0, escalated = 0, resolved = 0;
            foreach (ref readonly var t in tickets)
            {
                var openedTicks = t.Opened.UtcTicks;
                if (openedTicks <= endTicks)
                {
                    if (openedTicks > startTicks)
                    {
                        opened++;
                        escalated += t.Escalated ? 1 : 0;
                    }

                    // Open at the end of the window: closed after it, or not closed and not marked closed.
                    if (t.Severity >= TicketSeverity.High && (t.Closed is { } closedAt ? closedAt.UtcTicks > endTicks : t.Status != TicketStatus.Closed))
                    {
                        openHigh++;
                    }
                }

                if (wantMedian && t.Closed is { } closed)
                {
                    var closedTicks = closed.UtcTicks;
                    if (closedTicks >= openedTicks && closedTicks <= endTicks && closedTicks > startTicks)
                    {
                        hours[resolved++] = (double)(closedTicks - openedTicks) / TimeSpan.TicksPerHour;
                    }
                }
            }

            if (measures.Contains((int)SupportMeasure.Tickets))
            {
                values[(int)SupportMeasure.Tickets] = opened;
            }

            if (measures.Contains((int)SupportMeasure.OpenHighSeverityTickets))
            {
                values[(int)SupportMeasure.OpenHighSeverityTickets] = openHigh;
            }

            if (measures.Contains((int)SupportMeasure.Escalations))
            {
                values[(int)SupportMeasure.Escalations] = escalated;
            }

            if (wantMedian)
            {
                values[(int)SupportMeasure.MedianResolutionHours] = Median(hours[..resolved]);
            }

            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }

        private static double Median(Span<double> hours)
        {
            var n = hours.Length;
            if (n == 0)
            {
                return double.NaN;
            }

            hours.Sort();
            return n % 2 == 1 ? hours[n / 2] : (hours[(n / 2) - 1] + hours[n / 2]) / 2;
        }
    }
}
