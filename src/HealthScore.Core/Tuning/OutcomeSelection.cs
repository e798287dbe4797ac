using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.Tuning;

/// <summary>
/// The snapshots an evaluation or a tuning run learns from, one per account, each labelled with what became of the
/// account (<see cref="OutcomeSnapshots.Select"/>), and the accounts left out with why. The arrays it gives line up
/// with <see cref="ModelEvaluation.Evaluate"/> and <see cref="ModelTuner.Tune"/>.
/// </summary>
public sealed class OutcomeSelection
{
    internal OutcomeSelection(LabelledSnapshot[] snapshots, SkippedOutcome[] skipped, int leadDays, DateOnly? reviewDate)
    {
        Snapshots = Array.AsReadOnly(snapshots);
        Skipped = Array.AsReadOnly(skipped);
        LeadDays = leadDays;
        ReviewDate = reviewDate;
    }

    /// <summary>Gets the selected snapshots, one per account, in ordinal order of the account id.</summary>
    public IReadOnlyList<LabelledSnapshot> Snapshots { get; }

    /// <summary>Gets the accounts with an outcome (or, with a review date, without one) that no snapshot could label, in ordinal order of the account id.</summary>
    public IReadOnlyList<SkippedOutcome> Skipped { get; }

    /// <summary>Gets how many days before its outcome (or the review date) each snapshot was taken at the latest.</summary>
    public int LeadDays { get; }

    /// <summary>Gets the review date stayers were judged at, or <see langword="null"/> when only accounts with an outcome were selected.</summary>
    public DateOnly? ReviewDate { get; }

    /// <summary>Gets whether each selected account churned, in <see cref="Snapshots"/> order.</summary>
    /// <returns>One flag per snapshot.</returns>
    public bool[] Churned() => [.. Snapshots.Select(static s => s.Churned)];

    /// <summary>
    /// The snapshots' metric values for <paramref name="model"/>, row after row, one value per metric by
    /// <see cref="Metric.Index"/>: the value the snapshot stored under the metric's id, NaN where it stored none (a
    /// missing value, or a metric added since).
    /// </summary>
    /// <param name="model">The model to evaluate or tune.</param>
    /// <returns>The values.</returns>
    public double[] Values(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var count = model.Metrics.Count;
        var values = new double[Snapshots.Count * count];
        values.AsSpan().Fill(double.NaN);
        for (var r = 0; r < Snapshots.Count; r++)
        {
            foreach (var (id, value) in Snapshots[r].Snapshot.Metrics)
            {
                if (value is { } v && model.TryGetMetric(id, out var metric))
                {
                    values[(r * count) + metric.Index] = v;
                }
            }
        }

        return values;
    }

    /// <summary>The phase each snapshot was judged in, as a phase of <paramref name="model"/>: its default phase where the model has no phase of that id.</summary>
    /// <param name="model">The model to evaluate or tune.</param>
    /// <returns>One phase per snapshot.</returns>
    public Phase[] Phases(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. Snapshots.Select(s => model.TryGetPhase(s.Snapshot.Phase, out var phase) ? phase : model.DefaultPhase)];
    }

    /// <summary>
    /// The profile each snapshot was scored with, for <see cref="ModelTuner.TuneWithProfiles"/>: its id where
    /// <paramref name="model"/> has that profile, empty text (the model's default profile) otherwise.
    /// </summary>
    /// <param name="model">The model to tune.</param>
    /// <returns>One profile id per snapshot; empty when the model has no profiles.</returns>
    public string[] ProfileIds(HealthModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Profiles.Count == 0 ? [] : [.. Snapshots.Select(s => s.Snapshot.Profile is { } id && model.TryGetProfile(id, out _) ? id : string.Empty)];
    }
}

/// <summary>A snapshot and what became of its account afterwards.</summary>
/// <param name="Snapshot">The snapshot: the account's last one taken at least the lead days before <paramref name="OutcomeDate"/>.</param>
/// <param name="Outcome">Churned or renewed, or <see langword="null"/> for an account that stayed until the review date with no outcome recorded.</param>
/// <param name="OutcomeDate">The outcome's date, or the review date for an account that stayed.</param>
public sealed record LabelledSnapshot(HealthSnapshot Snapshot, OutcomeKind? Outcome, DateOnly OutcomeDate)
{
    /// <summary>Gets whether the account churned.</summary>
    public bool Churned => Outcome == OutcomeKind.Churned;
}

/// <summary>Why an account has no labelled snapshot.</summary>
public enum SkipReason
{
    /// <summary>There is no snapshot of the account at all.</summary>
    NoSnapshot = 0,

    /// <summary>Every snapshot of the account was taken less than the lead days before its outcome (or the review date).</summary>
    NoSnapshotBeforeLead = 1,
}

/// <summary>An account left out of an <see cref="OutcomeSelection"/>.</summary>
/// <param name="AccountId">The account's id.</param>
/// <param name="Reason">Why.</param>
/// <param name="OutcomeDate">The date its snapshot had to precede by the lead days (the outcome's, or the review date).</param>
public readonly record struct SkippedOutcome(string AccountId, SkipReason Reason, DateOnly OutcomeDate);
