using System.Runtime.InteropServices;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// Everything <see cref="HealthEngine.Evaluate(in AccountInput, HealthWorkspace)"/> needs about one account: the
/// as-of date, its facts, its metric values or the records the providers compute them from, and its past (the
/// previous <see cref="HealthSnapshot"/> and the actions open in the host's system). A small value: building one
/// allocates nothing.
/// </summary>
/// <example>
/// <code>
/// var input = new AccountInput { AccountId = "acme", AsOf = asOf, Facts = facts, MetricValues = values, Previous = lastSnapshot };
/// </code>
/// </example>
[StructLayout(LayoutKind.Auto)]
public readonly struct AccountInput
{
    /// <summary>Gets the account's id in the host's system; carried into the result and the snapshot.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the date the account is evaluated as of: records after it are ignored, cooldowns end here.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>
    /// Gets the account's facts (fields, consents, contract dates). When <see langword="null"/> and
    /// <see cref="Records"/> carries an <see cref="Account"/>, the facts are read from that account (fields the
    /// schema does not declare are skipped); otherwise every field is missing.
    /// </summary>
    public AccountFacts? Facts { get; init; }

    /// <summary>
    /// Gets raw metric values, one per metric of <see cref="HealthModel.Metrics"/> (the model's metric catalogue);
    /// NaN means missing. With <see cref="Records"/>, a value given here wins over the providers'. Empty when
    /// the values come from records alone.
    /// </summary>
    public ReadOnlyMemory<double> MetricValues { get; init; }

    /// <summary>
    /// Gets when each value of <see cref="MetricValues"/> was observed, one entry per metric; <c>default</c> (or an
    /// empty memory) means the value is current. A metric that declares <see cref="MetricDefinition.MaxAgeDays"/>
    /// counts as missing, and is reported as stale, when its value was observed more calendar days before
    /// <see cref="AsOf"/> than that. Values the providers compute from records are always current.
    /// </summary>
    public ReadOnlyMemory<DateTimeOffset> ObservedAt { get; init; }

    /// <summary>
    /// Gets the overrides set on the account (score, band or a metric's value), each with its author and validity.
    /// When <see langword="null"/>, the overrides recorded in <see cref="Previous"/> carry over, so an override is
    /// never lost because one run did not pass it; pass an empty list to end them all.
    /// </summary>
    public IReadOnlyList<HealthOverride>? Overrides { get; init; }

    /// <summary>
    /// Gets the account's past snapshots, which rules read through <c>history.change_30d</c>,
    /// <c>history.lowest_30d</c>, <c>history.highest_30d</c>, <c>days_in_band</c> and <c>consecutive_declines</c>
    /// (any number of days from 1 to 3,660), and <see cref="AccountHealth.ExplainChangeSince(int)"/> explains changes
    /// over. Snapshots dated after <see cref="AsOf"/> are ignored. When <see cref="Previous"/> is
    /// <see langword="null"/>, the history's latest snapshot is the previous one.
    /// </summary>
    public HealthHistory? History { get; init; }

    /// <summary>Gets the account's raw records, from which the engine's providers compute the metric values; needs an engine with providers.</summary>
    public AccountRecords? Records { get; init; }

    /// <summary>Gets the profile to score the account with, when the host knows it; <see langword="null"/> to let the model's profile rules decide. Ignored by a model without profiles.</summary>
    public Profile? Profile { get; init; }

    /// <summary>Gets the phase to judge the account in, when the host knows it; <see langword="null"/> to let the model's phase rules decide.</summary>
    public Phase? Phase { get; init; }

    /// <summary>Gets the account's previous evaluation, for the trend, <c>days_in_phase</c>, cooldowns and consecutive matches; <see langword="null"/> for the first.</summary>
    public HealthSnapshot? Previous { get; init; }

    /// <summary>Gets the ids of the actions still open for the account in the host's system (for de-duplication); ids the model does not know are skipped.</summary>
    public IReadOnlyList<string>? OpenActions { get; init; }
}
