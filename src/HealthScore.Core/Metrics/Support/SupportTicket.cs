namespace HealthScore.Core.Metrics;

/// <summary>A support ticket (an inquiry) the account opened.</summary>
/// <param name="Opened">When the ticket was opened.</param>
/// <param name="Closed">When it was closed; <see langword="null"/> while it is open.</param>
/// <param name="Severity">How severe it is.</param>
/// <param name="Status">Its current status. A ticket with a <paramref name="Closed"/> time counts as open before that time, whatever its status.</param>
/// <param name="Escalated">Whether it was escalated.</param>
public readonly record struct SupportTicket(DateTimeOffset Opened, DateTimeOffset? Closed, TicketSeverity Severity = TicketSeverity.Normal, TicketStatus Status = TicketStatus.Open, bool Escalated = false);
