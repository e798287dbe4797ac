namespace HealthScore.Core.Metrics;

/// <summary>How the success team and the account were in touch.</summary>
public enum TouchChannel
{
    /// <summary>A phone or video call.</summary>
    Call = 0,

    /// <summary>An e-mail exchanged.</summary>
    Email = 1,

    /// <summary>A meeting.</summary>
    Meeting = 2,

    /// <summary>Attendance at an event or seminar.</summary>
    Event = 3,

    /// <summary>Attendance at a webinar.</summary>
    Webinar = 4,

    /// <summary>A view of a help page.</summary>
    HelpPageView = 5,

    /// <summary>Activity in the user community.</summary>
    Community = 6,

    /// <summary>
    /// An event or webinar the account was invited to and did not attend: it counts only toward
    /// <see cref="EngagementMeasure.EventParticipationRate"/>, never as a touch.
    /// </summary>
    MissedEvent = 7,
}
