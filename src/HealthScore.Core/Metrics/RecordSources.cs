namespace HealthScore.Core.Metrics;

/// <summary>
/// The kinds of record a host can supply. A host declares a source present when it holds that kind of data
/// for the account even if there are no records: then "no records" is a fact (zero tickets) rather than
/// missing evidence.
/// </summary>
[Flags]
public enum RecordSources
{
    /// <summary>No source declared.</summary>
    None = 0,

    /// <summary>Product events (usage).</summary>
    ProductEvents = 1,

    /// <summary>Support tickets.</summary>
    SupportTickets = 2,

    /// <summary>Survey responses.</summary>
    Surveys = 4,

    /// <summary>Touch points.</summary>
    TouchPoints = 8,

    /// <summary>Onboarding milestones.</summary>
    OnboardingMilestones = 16,

    /// <summary>Goals.</summary>
    Goals = 32,

    /// <summary>Every built-in source.</summary>
    All = ProductEvents | SupportTickets | Surveys | TouchPoints | OnboardingMilestones | Goals,
}
