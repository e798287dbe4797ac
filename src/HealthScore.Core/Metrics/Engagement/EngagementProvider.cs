using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Engagement (touch) metrics from touch points: touches in the window, by channel, event attendance, help-page
/// views, distinct stakeholders reached, days since the last executive contact, the share of event invitations taken
/// up. Immutable and thread-safe.
/// </summary>
public sealed class EngagementProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("touches", MetricDirection.HigherIsBetter, "Touch points, any channel", IsCount: true, Windowed: true),
        new("calls", MetricDirection.HigherIsBetter, "Calls", IsCount: true, Windowed: true),
        new("e-mails", MetricDirection.HigherIsBetter, "E-mails", IsCount: true, Windowed: true),
        new("meetings", MetricDirection.HigherIsBetter, "Meetings", IsCount: true, Windowed: true),
        new("events", MetricDirection.HigherIsBetter, "Events and webinars attended", IsCount: true, Windowed: true),
        new("views", MetricDirection.HigherIsBetter, "Help-page views", IsCount: true, Windowed: true),
        new("activities", MetricDirection.HigherIsBetter, "Community activities", IsCount: true, Windowed: true),
        new("people", MetricDirection.HigherIsBetter, "Distinct stakeholders reached", IsCount: true, Windowed: true),
        new("days", MetricDirection.LowerIsBetter, "Days since the latest executive contact", IsCount: false, Windowed: false),
        new("ratio", MetricDirection.HigherIsBetter, "Share of the events and webinars invited to that were attended", IsCount: false, Windowed: true),
    ];

    private readonly ProviderFrame<EngagementMeasure, Computer> _frame;

    /// <summary>Creates the provider with the default options.</summary>
    public EngagementProvider()
        : this(new EngagementProviderOptions())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public EngagementProvider(EngagementProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frame = new("engagement", options.Metrics, Infos, default(Computer));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer : IMeasureComputer<EngagementMeasure>
    {
        public RecordSources Source => RecordSources.TouchPoints;

        public double Measure(in AccountRecords records, EngagementMeasure measure, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var touches = records.Touches.Span;
            switch (measure)
            {
                case EngagementMeasure.StakeholdersReached:
                {
                    using var people = new ProviderKit.DistinctStrings(touches.Length);
                    foreach (ref readonly var t in touches)
                    {
                        if (window.Contains(t.Time) && t.Channel != TouchChannel.MissedEvent)
                        {
                            people.Add(t.Stakeholder);
                        }
                    }

                    return people.Count;
                }

                case EngagementMeasure.DaysSinceExecutiveContact:
                {
                    var found = false;
                    var latest = DateTimeOffset.MinValue;
                    foreach (ref readonly var t in touches)
                    {
                        if (t.IsExecutive && t.Channel != TouchChannel.MissedEvent && t.Time <= end && (!found || t.Time > latest))
                        {
                            latest = t.Time;
                            found = true;
                        }
                    }

                    return found ? ProviderKit.Days(latest, end) : double.NaN;
                }

                case EngagementMeasure.EventParticipationRate:
                {
                    int attended = 0, missed = 0;
                    foreach (ref readonly var t in touches)
                    {
                        if (window.Contains(t.Time))
                        {
                            attended += t.Channel is TouchChannel.Event or TouchChannel.Webinar ? 1 : 0;
                            missed += t.Channel == TouchChannel.MissedEvent ? 1 : 0;
                        }
                    }

                    return attended + missed == 0 ? double.NaN : (double)attended / (attended + missed);
                }

                default:
                {
                    var count = 0;
                    foreach (ref readonly var t in touches)
                    {
                        if (window.Contains(t.Time) && Counts(measure, t.Channel))
                        {
                            count++;
                        }
                    }

                    return count;
                }
            }
        }

        private static bool Counts(EngagementMeasure measure, TouchChannel channel) => measure switch
        {
            EngagementMeasure.Touches => channel != TouchChannel.MissedEvent,
            EngagementMeasure.Calls => channel == TouchChannel.Call,
            EngagementMeasure.Emails => channel == TouchChannel.Email,
            EngagementMeasure.Meetings => channel == TouchChannel.Meeting,
            EngagementMeasure.EventAttendance => channel is TouchChannel.Event or TouchChannel.Webinar,
            EngagementMeasure.HelpPageViews => channel == TouchChannel.HelpPageView,
            EngagementMeasure.CommunityActivity => channel == TouchChannel.Community,
            _ => false,
        };
    }
}
