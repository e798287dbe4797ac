using System.Globalization;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.Tuning;

/// <summary>
/// The one rule by which stored snapshots are labelled with later outcomes, for every evaluation, tuning run and
/// calibration: for each account, its <b>last snapshot taken at least <c>leadDays</c> calendar days before its outcome
/// date</b> — or, for an account that stayed (no outcome recorded), before the review date. Nothing dated closer to
/// the outcome than the lead time is used, so the score is judged as it was while there was still time to act, and
/// no later data leaks into it.
/// </summary>
/// <example>
/// <code>
/// var selection = OutcomeSnapshots.Select(snapshots, outcomes, leadDays: 30, reviewDate: new DateOnly(2026, 12, 31));
/// var report = ModelEvaluation.Evaluate(model, selection.Values(model), selection.Phases(model), selection.Churned(), []);
/// </code>
/// </example>
public static class OutcomeSnapshots
{
    /// <summary>The lead time used when none is given: 30 days.</summary>
    public const int DefaultLeadDays = 30;

    /// <summary>Selects and labels one snapshot per account; a pure function of its arguments.</summary>
    /// <param name="snapshots">Snapshots of any accounts, in any order (read once, keeping one candidate per account); snapshots without an account id are ignored. Of several snapshots of one date, the last given wins.</param>
    /// <param name="outcomes">At most one outcome per account.</param>
    /// <param name="leadDays">How many calendar days before the outcome the snapshot must be taken at the latest; 0 allows one of the outcome's day.</param>
    /// <param name="reviewDate">
    /// The date of the review: accounts with snapshots and no outcome stayed until then, and are labelled as stayers
    /// with their last snapshot at least <paramref name="leadDays"/> before it. <see langword="null"/> to select only
    /// accounts with an outcome.
    /// </param>
    /// <returns>The selection, and the accounts skipped with why.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leadDays"/> is negative.</exception>
    /// <exception cref="ArgumentException">An outcome has no account id, or an account has two outcomes.</exception>
    public static OutcomeSelection Select(IEnumerable<HealthSnapshot> snapshots, IEnumerable<RecordedOutcome> outcomes, int leadDays = DefaultLeadDays, DateOnly? reviewDate = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfNegative(leadDays);
        var byAccount = new Dictionary<string, RecordedOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            if (string.IsNullOrEmpty(outcome.AccountId))
            {
                throw new ArgumentException("An outcome has no account id.", nameof(outcomes));
            }

            if (!Enum.IsDefined(outcome.Kind))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The outcome of '{outcome.AccountId}' is {(int)outcome.Kind}; it must be churned or renewed."), nameof(outcomes));
            }

            if (!byAccount.TryAdd(outcome.AccountId, outcome))
            {
                throw new ArgumentException($"Account '{outcome.AccountId}' has two outcomes ({byAccount[outcome.AccountId].Kind} on {byAccount[outcome.AccountId].Date:yyyy-MM-dd} and {outcome.Kind} on {outcome.Date:yyyy-MM-dd}); keep the one that counts.", nameof(outcomes));
            }
        }

        // One pass: per account, the latest snapshot on or before its cut-off day, and whether it had any snapshot at all.
        var best = new Dictionary<string, HealthSnapshot>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in snapshots)
        {
            if (snapshot?.AccountId is not { Length: > 0 } id)
            {
                continue;
            }

            seen.Add(id);
            DateOnly due;
            if (byAccount.TryGetValue(id, out var outcome))
            {
                due = outcome.Date;
            }
            else if (reviewDate is { } review)
            {
                due = review;
            }
            else
            {
                continue;
            }

            if (Day(snapshot).DayNumber <= due.DayNumber - leadDays
                && (!best.TryGetValue(id, out var kept) || Day(snapshot) >= Day(kept)))
            {
                best[id] = snapshot;
            }
        }

        var selected = new List<LabelledSnapshot>();
        var skipped = new List<SkippedOutcome>();
        var accounts = new SortedSet<string>(byAccount.Keys, StringComparer.Ordinal);
        if (reviewDate is not null)
        {
            accounts.UnionWith(seen);
        }

        foreach (var id in accounts)
        {
            var has = byAccount.TryGetValue(id, out var outcome);
            var due = has ? outcome.Date : reviewDate!.Value;
            if (best.TryGetValue(id, out var snapshot))
            {
                selected.Add(new LabelledSnapshot(snapshot, has ? outcome.Kind : null, due));
            }
            else
            {
                skipped.Add(new SkippedOutcome(id, seen.Contains(id) ? SkipReason.NoSnapshotBeforeLead : SkipReason.NoSnapshot, due));
            }
        }

        return new OutcomeSelection([.. selected], [.. skipped], leadDays, reviewDate);
    }

    private static DateOnly Day(HealthSnapshot snapshot) => DateOnly.FromDateTime(snapshot.AsOf.DateTime);
}
