namespace HealthScore.Cli.Scoring;

/// <summary>Everything the CLI shows about one scored account, already formatted-free (numbers stay numbers).</summary>
internal sealed class AccountOutcome
{
    public required string AccountId { get; init; }

    public string? Name { get; init; }

    public required string PhaseId { get; init; }

    public required string PhaseLabel { get; init; }

    /// <summary>The id of the profile that scored the account, or null for a model without profiles.</summary>
    public string? ProfileId { get; init; }

    /// <summary>The profile's label, or null for a model without profiles.</summary>
    public string? ProfileLabel { get; init; }

    public double? Score { get; init; }

    public required string BandId { get; init; }

    public required string BandLabel { get; init; }

    public required string BandColor { get; init; }

    public bool BandForced { get; init; }

    public double Coverage { get; init; }

    public bool InsufficientData { get; init; }

    public required List<GroupOutcome> Groups { get; init; }

    public required List<ContributionOutcome> Contributions { get; init; }

    /// <summary>Metric ids that hurt the score most, largest first.</summary>
    public required List<ContributionOutcome> Drivers { get; init; }

    public TrendOutcome? Trend { get; init; }

    public required List<ActionOutcome> Actions { get; init; }

    public required string Explanation { get; init; }

    /// <summary>Whether a person's override replaced the computed score or band; <see cref="Computed"/> is then what the model computed.</summary>
    public bool Overridden { get; init; }

    /// <summary>The score and band as computed, before overrides; <see langword="null"/> unless <see cref="Overridden"/>.</summary>
    public ComputedOutcome? Computed { get; init; }

    /// <summary>Every override passed with the account, applied or not, with what became of it.</summary>
    public required List<OverrideView> Overrides { get; init; }

    /// <summary>The model's adjustments whose conditions held, in order.</summary>
    public required List<AdjustmentOutcome> Adjustments { get; init; }

    /// <summary>The account's parent in the portfolio, or <see langword="null"/>.</summary>
    public string? ParentId { get; init; }

    /// <summary>The account's children, when it is a parent; empty otherwise.</summary>
    public List<string> Children { get; set; } = [];

    /// <summary>The children's health rolled up into this account's, when it is a parent and the model has a roll-up.</summary>
    public RollupOutcome? Rollup { get; set; }

    /// <summary>The evaluation as the library records it, for the roll-up; not written out.</summary>
    public required HealthScore.Core.Pipeline.HealthSnapshot Snapshot { get; init; }

    /// <summary>The account's value of the roll-up's weight field (NaN when unknown or the roll-up is not value-weighted).</summary>
    public double RollupWeight { get; init; } = double.NaN;

    public ActionOutcome? FirstAction => Actions.Find(static a => a.Fired);

    /// <summary>
    /// What a child account's roll-up and its row among its parent's children need, and no more: its score, band,
    /// name, stale inputs, adjustments, overrides and a snapshot without metric values or actions. A portfolio keeps
    /// this for every child until the parents are rolled up.
    /// </summary>
    public AccountOutcome ForHierarchy() => new()
    {
        AccountId = AccountId, Name = Name, PhaseId = PhaseId, PhaseLabel = PhaseLabel, Score = Score, BandId = BandId, BandLabel = BandLabel,
        BandColor = BandColor, BandForced = BandForced, Coverage = Coverage, InsufficientData = InsufficientData, Groups = [],
        Contributions = [.. Stale], Drivers = [], Trend = null, Actions = [], Explanation = "", Overridden = Overridden, Computed = Computed,
        Overrides = Overrides, Adjustments = Adjustments, ParentId = ParentId, Children = Children, Rollup = Rollup,
        Snapshot = Snapshot with { Metrics = EmptyMetrics, Actions = [], Fired = [] }, RollupWeight = RollupWeight,
    };

    private static readonly IReadOnlyDictionary<string, double?> EmptyMetrics = new Dictionary<string, double?>(StringComparer.Ordinal);

    public IEnumerable<ContributionOutcome> Stale => Contributions.Where(static c => c.StaleSince is not null);
}

internal sealed class ComputedOutcome
{
    public double? Score { get; init; }

    public required string Band { get; init; }

    public required string BandLabel { get; init; }

    public required string BandColor { get; init; }
}

internal sealed class OverrideView
{
    /// <summary>score, band or metric.</summary>
    public required string Target { get; init; }

    public string? Metric { get; init; }

    public double? Value { get; init; }

    public string? Band { get; init; }

    /// <summary>What the override sets, as a person reads it: a score, a band's label, or a metric's label and value.</summary>
    public required string Shows { get; init; }

    public required string Author { get; init; }

    public string? Comment { get; init; }

    public required string SetAt { get; init; }

    public string? ValidUntil { get; init; }

    /// <summary>The last day it is valid, its own end or the model's longest validity, whichever is first.</summary>
    public string? LastValidDay { get; init; }

    /// <summary>applied, expired, notYetValid, notAllowed, commentRequired or superseded.</summary>
    public required string Status { get; init; }
}

internal sealed class AdjustmentOutcome
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public double Points { get; init; }
}

internal sealed class RollupOutcome
{
    public required string Method { get; init; }

    public double? Score { get; init; }

    public double? Share { get; init; }

    public required string Band { get; init; }

    public required string BandLabel { get; init; }

    public required string BandColor { get; init; }

    public int Counted { get; init; }

    public required List<SkippedOutcome> Skipped { get; init; }

    public string? DrivingChild { get; init; }
}

internal sealed class SkippedOutcome
{
    public required string AccountId { get; init; }

    /// <summary>noSnapshot, insufficientData or noWeight.</summary>
    public required string Reason { get; init; }
}

internal sealed class GroupOutcome
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public double? Score { get; init; }

    public double EffectiveWeight { get; init; }
}

internal sealed class ContributionOutcome
{
    public required string MetricId { get; init; }

    public required string Label { get; init; }

    public required string Group { get; init; }

    public double? RawValue { get; init; }

    public double? NormalizedValue { get; init; }

    public double EffectiveWeight { get; init; }

    public double PointsEarned { get; init; }

    public double PointsLost { get; init; }

    public required string Status { get; init; }

    /// <summary>For a categorical metric, the label of the value's category.</summary>
    public string? Category { get; init; }

    /// <summary>The first day the value counted as stale (yyyy-MM-dd); <see langword="null"/> when current.</summary>
    public string? StaleSince { get; init; }
}

internal sealed class TrendOutcome
{
    public double? PreviousScore { get; init; }

    public double? Delta { get; init; }

    public required string Direction { get; init; }

    public required string PreviousBand { get; init; }

    public required string PreviousPhase { get; init; }

    public required string Explanation { get; init; }
}

internal sealed class ActionOutcome
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Kind { get; init; }

    public int Priority { get; init; }

    public string? OwnerRole { get; init; }

    public required string Status { get; init; }

    public bool Fired { get; init; }

    /// <summary>The values that made the condition true, e.g. <c>metrics.escalations = 1</c>.</summary>
    public required List<string> Reasons { get; init; }

    /// <summary>Why a matched action was not fired; null when fired.</summary>
    public string? SuppressedBecause { get; init; }

    public string? Message { get; init; }
}
