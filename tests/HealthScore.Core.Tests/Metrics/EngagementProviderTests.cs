using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class EngagementProviderTests
{
    private static readonly EngagementProvider Provider = new(new EngagementProviderOptions
    {
        Metrics =
        [
            new("touches", EngagementMeasure.Touches, 90),
            new("calls", EngagementMeasure.Calls, 90),
            new("emails", EngagementMeasure.Emails, 90),
            new("meetings", EngagementMeasure.Meetings, 90),
            new("event_attendance", EngagementMeasure.EventAttendance, 90),
            new("help_page_views", EngagementMeasure.HelpPageViews, 90),
            new("community", EngagementMeasure.CommunityActivity, 90),
            new("stakeholders_reached", EngagementMeasure.StakeholdersReached, 90),
            new("days_since_executive_contact", EngagementMeasure.DaysSinceExecutiveContact, 90),
            new("event_participation_rate", EngagementMeasure.EventParticipationRate, 90),
        ],
    });

    private static readonly AccountRecords Records = new() { Touches = Sample.Touches() };

    [Fact]
    public void Compute_SampleTouches_CountsEachChannel()
    {
        var values = Sample.Compute(Provider, Records, Sample.AsOf);

        // 7 touches 1 to 41 days back; the one on the 90-day edge and the one after as-of are out
        Assert.Equal(7, values[0]);
        Assert.Equal(1, values[1]);
        Assert.Equal(1, values[2]);
        Assert.Equal(1, values[3]);
        Assert.Equal(2, values[4]); // event 20 days back + webinar 30 days back
        Assert.Equal(2, values[5]);
        Assert.Equal(0, values[6]);
    }

    [Fact]
    public void StakeholdersReached_SampleTouches_CountsDistinctNamedPeople()
        // alice, bob (twice), carol; unnamed touches and dave on the edge do not count -> 3
        => Assert.Equal(3, Sample.Value(Provider, Records, "stakeholders_reached"));

    [Fact]
    public void DaysSinceExecutiveContact_SampleTouches_MeasuresFromLatestExecutive()
        // carol 10 days back; erin is after as-of
        => Assert.Equal(10, Sample.Value(Provider, Records, "days_since_executive_contact"));

    [Fact]
    public void DaysSinceExecutiveContact_NoExecutiveTouch_IsMissing()
        => Assert.True(double.IsNaN(Sample.Value(Provider, new AccountRecords { Touches = Sample.Touches().AsMemory(0, 2) }, "days_since_executive_contact")));

    [Fact]
    public void EventParticipationRate_AttendedAndMissed_IsTheShareTakenUp()
    {
        // attended: an event and a webinar; missed: two (one on the 90-day edge, outside); after as-of: ignored
        TouchPoint[] touches =
        [
            new(Sample.DaysAgo(3), TouchChannel.Event, "m"), new(Sample.DaysAgo(20), TouchChannel.Webinar, "m"),
            new(Sample.DaysAgo(10), TouchChannel.MissedEvent, "m"), new(Sample.DaysAgo(50), TouchChannel.MissedEvent, "m"),
            new(Sample.DaysAgo(90), TouchChannel.MissedEvent, "m"), new(Sample.AsOf.AddDays(1), TouchChannel.Event, "m"),
            new(Sample.DaysAgo(1), TouchChannel.Call, "m"),
        ];

        var values = Sample.Compute(Provider, new AccountRecords { Touches = touches }, Sample.AsOf);

        // 2 attended of 2 + 2 invitations = 0.5; the missed events are not touches: 3 touches (event, webinar, call)
        Assert.Equal(0.5, values[9], 12);
        Assert.Equal(3, values[0]);
        Assert.Equal(2, values[4]);
    }

    [Fact]
    public void EventParticipationRate_NoInvitationInWindow_IsMissing()
        // touches exist, but no event attended or missed: a rate of nothing is missing, not 0
        => Assert.True(double.IsNaN(Sample.Value(Provider, new AccountRecords { Touches = new[] { new TouchPoint(Sample.DaysAgo(1), TouchChannel.Call, "m") } }, "event_participation_rate")));

    [Fact]
    public void EventParticipationRate_OnlyMissed_IsZero()
        => Assert.Equal(0, Sample.Value(Provider, new AccountRecords { Touches = new[] { new TouchPoint(Sample.DaysAgo(1), TouchChannel.MissedEvent, "m", IsExecutive: true) } }, "event_participation_rate"));

    [Fact]
    public void MissedEvent_WithAnExecutive_IsNotAContact()
        => Assert.True(double.IsNaN(Sample.Value(Provider, new AccountRecords { Touches = new[] { new TouchPoint(Sample.DaysAgo(1), TouchChannel.MissedEvent, "carol", IsExecutive: true) } }, "days_since_executive_contact")));
}
