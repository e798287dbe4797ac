using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Explanation;

/// <summary>What an evaluation adds to a result's explanation: the applied override, stale values, metric overrides and adjustments.</summary>
internal readonly ref struct ExplanationDetails
{
    /// <summary>The applied override of the score or band (the score's when both apply).</summary>
    public HealthOverride? Override { get; init; }

    /// <summary>The last valid day of <see cref="Override"/>.</summary>
    public DateOnly? OverrideLastDay { get; init; }

    /// <summary>The result beneath the override.</summary>
    public HealthResult? Computed { get; init; }

    /// <summary>Per metric, the first stale day; empty when none is tracked.</summary>
    public ReadOnlySpan<DateOnly?> StaleSince { get; init; }

    /// <summary>Per metric, the override applied to its value; empty when none is tracked.</summary>
    public ReadOnlySpan<HealthOverride?> MetricOverrides { get; init; }

    /// <summary>The label of the profile that scored the account, or null for a model without profiles.</summary>
    public string? Profile { get; init; }

    /// <summary>The adjustments applied, in order.</summary>
    public ReadOnlySpan<AppliedAdjustment> Adjustments { get; init; }
}
