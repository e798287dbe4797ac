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
        private const int Channels = (int)TouchChannel.MissedEvent + 1;

        public RecordSources Source => RecordSources.TouchPoints;

        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            var touches = records.Touches.Span;
            var endTicks = end.UtcTicks;
            var startTicks = endTicks - (days * TimeSpan.TicksPerDay);
            var wantPeople = measures.Contains((int)EngagementMeasure.StakeholdersReached);
            using var people = wantPeople ? new ProviderKit.DistinctStrings(touches.Length) : default;
            // Touches in the window by channel; a value outside the enumeration counts only as a touch.
            Span<int> byChannel = stackalloc int[Channels];
            byChannel.Clear();
            var inWindow = 0;
            long latestExecutive = -1;
            foreach (ref readonly var t in touches)
            {
                var ticks = t.Time.UtcTicks;
                if (ticks > endTicks)
                {
                    continue;
                }

                var channel = t.Channel;
                if (t.IsExecutive && channel != TouchChannel.MissedEvent)
                {
                    latestExecutive = Math.Max(latestExecutive, ticks);
                }

                if (ticks <= startTicks)
                {
                    continue;
                }

                inWindow++;
                if ((uint)channel < Channels)
                {
                    byChannel[(int)channel]++;
                }

                if (wantPeople && channel != TouchChannel.MissedEvent)
                {
                    people.Add(t.Stakeholder);
                }
            }

            var missed = byChannel[(int)TouchChannel.MissedEvent];
            var attended = byChannel[(int)TouchChannel.Event] + byChannel[(int)TouchChannel.Webinar];
            Set(values, measures, EngagementMeasure.Touches, inWindow - missed);
            Set(values, measures, EngagementMeasure.Calls, byChannel[(int)TouchChannel.Call]);
            Set(values, measures, EngagementMeasure.Emails, byChannel[(int)TouchChannel.Email]);
            Set(values, measures, EngagementMeasure.Meetings, byChannel[(int)TouchChannel.Meeting]);
            Set(values, measures, EngagementMeasure.EventAttendance, attended);
            Set(values, measures, EngagementMeasure.HelpPageViews, byChannel[(int)TouchChannel.HelpPageView]);
            Set(values, measures, EngagementMeasure.CommunityActivity, byChannel[(int)TouchChannel.Community]);
            Set(values, measures, EngagementMeasure.StakeholdersReached, people.Count);
            Set(values, measures, EngagementMeasure.DaysSinceExecutiveContact, latestExecutive < 0 ? double.NaN : Math.Floor((double)(endTicks - latestExecutive) / TimeSpan.TicksPerDay));
            Set(values, measures, EngagementMeasure.EventParticipationRate, attended + missed == 0 ? double.NaN : (double)attended / (attended + missed));
        }

        private static void Set(Span<double> values, MeasureSet measures, EngagementMeasure measure, double value)
        {
            if (measures.Contains((int)measure))
            {
                values[(int)measure] = value;
            }
        }
    }
}
