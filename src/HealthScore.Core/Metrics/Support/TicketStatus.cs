namespace HealthScore.Core.Metrics;

/// <summary>Where a support ticket stands now.</summary>
public enum TicketStatus
{
    /// <summary>Open: the team is working on it.</summary>
    Open = 0,

    /// <summary>Pending: waiting for the customer.</summary>
    Pending = 1,

    /// <summary>Closed: solved or abandoned.</summary>
    Closed = 2,
}
