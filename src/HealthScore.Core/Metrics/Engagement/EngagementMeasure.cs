namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="EngagementProvider"/> measures from touch points.</summary>
public enum EngagementMeasure
{
    /// <summary>Touch points of any channel in the window, missed events aside. A count.</summary>
    Touches = 0,

    /// <summary>Calls in the window. A count.</summary>
    Calls = 1,

    /// <summary>E-mails in the window. A count.</summary>
    Emails = 2,

    /// <summary>Meetings in the window. A count.</summary>
    Meetings = 3,

    /// <summary>Events and webinars attended in the window. A count.</summary>
    EventAttendance = 4,

    /// <summary>Help-page views in the window. A count.</summary>
    HelpPageViews = 5,

    /// <summary>Community activities in the window. A count.</summary>
    CommunityActivity = 6,

    /// <summary>Distinct named stakeholders reached in the window, any channel. A count.</summary>
    StakeholdersReached = 7,

    /// <summary>Whole days from the latest touch with an executive to the as-of time; missing when there is none. Not windowed.</summary>
    DaysSinceExecutiveContact = 8,

    /// <summary>
    /// Events and webinars attended in the window divided by those attended plus those missed
    /// (<see cref="TouchChannel.MissedEvent"/>): the share of the invitations taken up. Missing when the window has neither.
    /// </summary>
    EventParticipationRate = 9,
}
