using HealthScore.Core.History;
using HealthScore.Core.Metrics;
using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans;

/// <summary>
/// What a feeding service sends an account's grain in one call: new raw records, the account's facts, values people
/// entered and the overrides in force. Send what arrived since the last batch, not one call per event. A batch is
/// recognised by <see cref="BatchId"/>: delivering the same batch again (a retry after a timeout, a replayed queue)
/// changes nothing.
/// </summary>
/// <remarks>
/// Events, surveys and touch points are appended. A ticket replaces the stored ticket opened at the same instant (so a
/// ticket closed later is sent again with its <see cref="SupportTicket.Closed"/> date); a milestone or a goal replaces
/// the stored one of the same name. Records older than <see cref="HealthGrainOptions.RecordRetentionDays"/> before the
/// newest record are dropped from the grain.
/// </remarks>
[GenerateSerializer]
[Immutable]
public sealed class AccountBatch
{
    /// <summary>Gets the sender's id of this batch, unique per account (for example the queue message id); a batch with an id the grain has seen is ignored.</summary>
    [Id(0)]
    public required string BatchId { get; init; }

    /// <summary>Gets the account's facts (contract dates, seats, value, segment, parent, consents, fields), replacing the stored ones; <see langword="null"/> keeps them.</summary>
    [Id(1)]
    public Account? Account { get; init; }

    /// <summary>Gets new product events.</summary>
    [Id(2)]
    public IReadOnlyList<ProductEvent> Events { get; init; } = [];

    /// <summary>Gets new or updated support tickets (by the instant they were opened).</summary>
    [Id(3)]
    public IReadOnlyList<SupportTicket> Tickets { get; init; } = [];

    /// <summary>Gets new survey responses (a NaN score: sent, not answered).</summary>
    [Id(4)]
    public IReadOnlyList<SurveyResponse> Surveys { get; init; } = [];

    /// <summary>Gets new touch points.</summary>
    [Id(5)]
    public IReadOnlyList<TouchPoint> Touches { get; init; } = [];

    /// <summary>Gets new or updated onboarding milestones (by name).</summary>
    [Id(6)]
    public IReadOnlyList<OnboardingMilestone> Milestones { get; init; } = [];

    /// <summary>Gets new or updated goals (by name).</summary>
    [Id(7)]
    public IReadOnlyList<Goal> Goals { get; init; } = [];

    /// <summary>Gets the record families this account has data for even when they hold no record (see <see cref="AccountRecords.Sources"/>); added to those already declared.</summary>
    [Id(8)]
    public RecordSources Sources { get; init; }

    /// <summary>Gets values people entered (a success manager's sentiment, a coach's rating), each dated when it was observed; kept in the history store.</summary>
    [Id(9)]
    public IReadOnlyList<ManualInput> ManualInputs { get; init; } = [];

    /// <summary>Gets the overrides set on the account, replacing those stored (an empty list ends them all); <see langword="null"/> keeps them.</summary>
    [Id(10)]
    public IReadOnlyList<HealthOverride>? Overrides { get; init; }
}
