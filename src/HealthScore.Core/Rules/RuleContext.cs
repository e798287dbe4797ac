using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Rules;

/// <summary>
/// What a rule can read about one account: its result, metric values, group scores, previous result, lifecycle
/// facts, fields and consents. A stack-only view over the caller's data: building one allocates nothing.
/// Anything left unset reads as missing (see <c>docs/rules.md</c>).
/// </summary>
/// <example>
/// <code>
/// var context = new RuleContext { Result = result, MetricValues = values, GroupScores = groups, TenureDays = 420 };
/// </code>
/// </example>
[StructLayout(LayoutKind.Auto)]
public readonly ref struct RuleContext
{
    private readonly HealthResult _result;
    private readonly HealthResult? _previous;

    /// <summary>Gets the account's current result (<c>score</c>, <c>band</c>, <c>phase</c>, <c>coverage</c>); the default value means "not scored yet".</summary>
    public HealthResult Result { get => _result; init => _result = value; }

    /// <summary>Gets the account's previous result (<c>previous_score</c>, <c>previous_band</c>, <c>delta</c>, <c>band_changed</c>), or <see langword="null"/>.</summary>
    public HealthResult? Previous { get => _previous; init => _previous = value; }

    /// <summary>Gets the current result by reference, without copying it.</summary>
    [UnscopedRef]
    internal ref readonly HealthResult CurrentResult => ref _result;

    /// <summary>Gets the previous result by reference, without copying it.</summary>
    [UnscopedRef]
    internal ref readonly HealthResult? PreviousResult => ref _previous;

    /// <summary>Gets the raw metric values (<c>metrics.&lt;id&gt;</c>), indexed by <see cref="Model.Metric.Index"/>; NaN or ±∞ means missing.</summary>
    public ReadOnlySpan<double> MetricValues { get; init; }

    /// <summary>Gets the group scores (<c>groups.&lt;id&gt;</c>), indexed by <see cref="Model.Group.Index"/>.</summary>
    public ReadOnlySpan<GroupScore> GroupScores { get; init; }

    /// <summary>Gets how many days the account has been in its current phase (<c>days_in_phase</c>), or <see langword="null"/>.</summary>
    public double? DaysInPhase { get; init; }

    /// <summary>Gets how many days since the contract started (<c>tenure_days</c>), or <see langword="null"/>.</summary>
    public double? TenureDays { get; init; }

    /// <summary>Gets how many days until the renewal date (<c>days_to_renewal</c>), or <see langword="null"/>.</summary>
    public double? DaysToRenewal { get; init; }

    /// <summary>Gets the numeric and flag fields (<c>account.&lt;name&gt;</c>), indexed by <see cref="AccountField.Index"/>.</summary>
    public ReadOnlySpan<double> Numbers { get; init; }

    /// <summary>Gets the text fields (<c>account.&lt;name&gt;</c>), indexed by <see cref="AccountField.Index"/>; <see langword="null"/> means missing.</summary>
    public ReadOnlySpan<string?> Texts { get; init; }

    /// <summary>Gets the consents the account has given (<c>consent.&lt;name&gt;</c>), indexed by position in <see cref="AccountSchema.Consents"/>; absent means not given.</summary>
    public ReadOnlySpan<bool> Consents { get; init; }

    /// <summary>
    /// Gets the account's past snapshots, read by <c>history.change_30d</c>, <c>history.lowest_30d</c>,
    /// <c>history.highest_30d</c>, <c>days_in_band</c> and <c>consecutive_declines</c> together with <see cref="Result"/>;
    /// those read as missing when it is <see langword="null"/>.
    /// </summary>
    public Pipeline.HealthHistory? History { get; init; }

    /// <summary>Gets the calendar date of the evaluation, which history windows count back from.</summary>
    public DateOnly AsOfDate { get; init; }

    /// <summary>Gets whether a person's override replaced the account's score or band (<c>overridden</c>).</summary>
    public bool Overridden { get; init; }
}
