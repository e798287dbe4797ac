namespace HealthScore.Cli.Scoring;

/// <summary>Everything the CLI shows about one scored account, already formatted-free (numbers stay numbers).</summary>
internal sealed class AccountOutcome
{
    public required string AccountId { get; init; }

    public string? Name { get; init; }

    public required string PhaseId { get; init; }

    public required string PhaseLabel { get; init; }

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

    public ActionOutcome? FirstAction => Actions.Find(static a => a.Fired);
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
