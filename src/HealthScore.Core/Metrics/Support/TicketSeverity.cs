namespace HealthScore.Core.Metrics;

/// <summary>How severe a support ticket is.</summary>
public enum TicketSeverity
{
    /// <summary>Low severity: a question or a cosmetic issue.</summary>
    Low = 0,

    /// <summary>Normal severity.</summary>
    Normal = 1,

    /// <summary>High severity: work is impaired.</summary>
    High = 2,

    /// <summary>Urgent: work is stopped.</summary>
    Urgent = 3,
}
