using HealthScore.Core.Metrics;

namespace HealthScore.Orleans;

/// <summary>What an account's grain keeps in grain storage: its facts and raw records, the batches it has seen, and its descendants' latest reports.</summary>
[GenerateSerializer]
internal sealed class AccountGrainState
{
    [Id(0)] public Account? Account { get; set; }

    [Id(1)] public List<ProductEvent> Events { get; set; } = [];

    [Id(2)] public List<SupportTicket> Tickets { get; set; } = [];

    [Id(3)] public List<SurveyResponse> Surveys { get; set; } = [];

    [Id(4)] public List<TouchPoint> Touches { get; set; } = [];

    [Id(5)] public List<OnboardingMilestone> Milestones { get; set; } = [];

    [Id(6)] public List<Goal> Goals { get; set; } = [];

    /// <summary>The declared record sources, as <see cref="RecordSources"/> flags.</summary>
    [Id(7)] public int Sources { get; set; }

    /// <summary>The latest batch ids, oldest first.</summary>
    [Id(8)] public List<string> Batches { get; set; } = [];

    /// <summary>Whether the schedule's reminder is registered.</summary>
    [Id(9)] public bool Scheduled { get; set; }

    /// <summary>The parent this account last reported to, so a move tells the old parent.</summary>
    [Id(10)] public string? ReportedParent { get; set; }

    /// <summary>Descendants' latest reports, by account id.</summary>
    [Id(11)] public Dictionary<string, DescendantReport> Descendants { get; set; } = new(StringComparer.Ordinal);
}
