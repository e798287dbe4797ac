namespace HealthScore.Core.Pipeline;

/// <summary>
/// One account's stored snapshots, oldest first, read as a history: the change over any window of days, the lowest
/// and highest score in it, how long the account has been in its band, and how many evaluations in a row its score
/// fell. Dates are calendar dates (the date of each snapshot's <see cref="HealthSnapshot.AsOf"/> in its own offset), and
/// a window of N days ending on the latest snapshot's date starts N calendar days earlier. Scores from other
/// versions of the model count as they were reported; <see cref="HistoryWindow.SpansModelVersions"/> says when a
/// window holds more than one. Immutable.
/// </summary>
/// <example>
/// <code>
/// var history = new HealthHistory(store.Snapshots("acme"));
/// var month = history.Window(30);
/// if (month.Change &lt; -10) { … }
/// </code>
/// </example>
public sealed class HealthHistory
{
    private readonly HealthSnapshot[] _snapshots;

    /// <summary>Reads a history from an account's snapshots, in any order.</summary>
    /// <param name="snapshots">The snapshots, at least one, all of one account.</param>
    /// <exception cref="ArgumentException">There is no snapshot, one is null, or they name different accounts.</exception>
    public HealthHistory(IEnumerable<HealthSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var list = snapshots.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A history needs at least one snapshot.", nameof(snapshots));
        }

        string? account = null;
        for (var i = 0; i < list.Count; i++)
        {
            var snapshot = list[i] ?? throw new ArgumentException($"Snapshot {i} is null.", nameof(snapshots));
            if (snapshot.AccountId is { } id)
            {
                if (account is not null && account != id)
                {
                    throw new ArgumentException($"The snapshots are of more than one account ('{account}' and '{id}'); a history is one account's.", nameof(snapshots));
                }

                account = id;
            }
        }

        // Stable: snapshots of the same instant keep the order they were given in.
        _snapshots = [.. list.OrderBy(static s => s.AsOf)];
        Snapshots = Array.AsReadOnly(_snapshots);
    }

    /// <summary>Gets the snapshots, oldest first.</summary>
    public IReadOnlyList<HealthSnapshot> Snapshots { get; }

    /// <summary>Gets the latest snapshot: the end of every window.</summary>
    public HealthSnapshot Latest => _snapshots[^1];

    /// <summary>
    /// Gets how many calendar days the account has been in its latest band: from the date of the earliest snapshot of
    /// the unbroken run in that band to the latest snapshot's date (0 when it just entered it).
    /// </summary>
    public int DaysInBand
    {
        get
        {
            var band = Latest.Band;
            var first = _snapshots.Length - 1;
            while (first > 0 && _snapshots[first - 1].Band == band)
            {
                first--;
            }

            return Math.Max(0, Date(Latest).DayNumber - Date(_snapshots[first]).DayNumber);
        }
    }

    /// <summary>Gets how many evaluations in a row, up to the latest, the score fell (each lower than the one before); 0 when it did not fall last time.</summary>
    public int ConsecutiveDeclines
    {
        get
        {
            var count = 0;
            for (var i = _snapshots.Length - 1; i > 0; i--)
            {
                if (_snapshots[i].Score is not { } now || _snapshots[i - 1].Score is not { } before || !(now < before))
                {
                    break;
                }

                count++;
            }

            return count;
        }
    }

    /// <summary>Reads the window of <paramref name="days"/> calendar days that ends on the latest snapshot's date.</summary>
    /// <param name="days">The window's length in days (3, 7, 14, 30, 90 or any other), at least 1.</param>
    /// <returns>The window: its baseline, the change since it, and the lowest and highest score in it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public HistoryWindow Window(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var to = Date(Latest);
        var from = to.AddDays(-Math.Min(days, to.DayNumber));
        HealthSnapshot? baseline = null;
        double? lowest = null;
        double? highest = null;
        var hashes = 0;
        string? hash = null;
        foreach (var snapshot in _snapshots)
        {
            var date = Date(snapshot);
            if (date <= from)
            {
                baseline = snapshot;
                continue;
            }

            if (snapshot.Score is { } score)
            {
                lowest = lowest is { } low ? Math.Min(low, score) : score;
                highest = highest is { } high ? Math.Max(high, score) : score;
            }

            if (snapshot.ModelHash != hash)
            {
                hash = snapshot.ModelHash;
                hashes++;
            }
        }

        var spans = hashes > 1 || (baseline is not null && hash is not null && baseline.ModelHash != hash);
        double? change = baseline?.Score is { } start && Latest.Score is { } end ? Difference(end, start) : null;
        return new HistoryWindow(days, from, to, baseline, change, lowest, highest, spans);
    }

    /// <summary>The difference without binary noise (16.1 − 6.1 is exactly 10), so comparing it with a whole number means what it says.</summary>
    /// <summary>The latest snapshot dated at or before <paramref name="asOf"/>, or <see langword="null"/>.</summary>
    internal HealthSnapshot? LatestOn(DateTimeOffset asOf)
    {
        for (var i = _snapshots.Length - 1; i >= 0; i--)
        {
            if (_snapshots[i].AsOf <= asOf)
            {
                return _snapshots[i];
            }
        }

        return null;
    }

    /// <summary>The latest snapshot dated on or before the calendar day <paramref name="day"/>, or <see langword="null"/>.</summary>
    internal HealthSnapshot? LatestOnDay(DateOnly day)
    {
        for (var i = _snapshots.Length - 1; i >= 0; i--)
        {
            if (Date(_snapshots[i]) <= day)
            {
                return _snapshots[i];
            }
        }

        return null;
    }

    /// <summary>What a rule's history identifier reads: the past snapshots dated on or before <paramref name="asOf"/>, and the current result.</summary>
    internal double Read(Rules.SlotKind kind, int days, DateOnly asOf, in Scoring.HealthResult current)
    {
        var snapshots = _snapshots;
        var last = snapshots.Length - 1;
        while (last >= 0 && Date(snapshots[last]) > asOf)
        {
            last--;
        }

        switch (kind)
        {
            case Rules.SlotKind.HistoryChange:
                {
                    var from = asOf.DayNumber - days;
                    for (var i = last; i >= 0; i--)
                    {
                        if (Date(snapshots[i]).DayNumber <= from)
                        {
                            return snapshots[i].Score is { } start && current.Score is { } end ? Difference(end, start) ?? double.NaN : double.NaN;
                        }
                    }

                    return double.NaN;
                }

            case Rules.SlotKind.HistoryLowest:
            case Rules.SlotKind.HistoryHighest:
                {
                    var lowest = kind == Rules.SlotKind.HistoryLowest;
                    var extreme = current.Score ?? double.NaN;
                    var from = asOf.DayNumber - days;
                    for (var i = last; i >= 0 && Date(snapshots[i]).DayNumber > from; i--)
                    {
                        if (snapshots[i].Score is { } score && (double.IsNaN(extreme) || (lowest ? score < extreme : score > extreme)))
                        {
                            extreme = score;
                        }
                    }

                    return extreme;
                }

            case Rules.SlotKind.DaysInBand:
                {
                    var band = current.Band?.Id;
                    var since = asOf;
                    for (var i = last; i >= 0 && snapshots[i].Band == band; i--)
                    {
                        since = Date(snapshots[i]);
                    }

                    return asOf.DayNumber - since.DayNumber;
                }

            case Rules.SlotKind.ConsecutiveDeclines:
                {
                    var count = 0;
                    var later = current.Score;
                    for (var i = last; i >= 0; i--)
                    {
                        if (later is not { } now || snapshots[i].Score is not { } before || !(now < before))
                        {
                            break;
                        }

                        count++;
                        later = before;
                    }

                    return count;
                }

            default:
                return double.NaN;
        }
    }

    private static double? Difference(double end, double start)
    {
        var difference = end - start;
        return !double.IsFinite(difference) ? null : Math.Abs(difference) < 1e6 ? Math.Round(difference * 1e9) / 1e9 : difference;
    }

    private static DateOnly Date(HealthSnapshot snapshot) => DateOnly.FromDateTime(snapshot.AsOf.DateTime);
}

/// <summary>
/// A window of an account's history: the <see cref="Baseline"/> is the latest snapshot dated on or before the window's
/// first day (the score in effect that day), and <see cref="Change"/> the latest score minus the baseline's; the
/// lowest and highest scores are those of the snapshots after the first day, up to the latest.
/// </summary>
public readonly record struct HistoryWindow(
    int Days,
    DateOnly From,
    DateOnly To,
    HealthSnapshot? Baseline,
    double? Change,
    double? Lowest,
    double? Highest,
    bool SpansModelVersions)
{
    /// <summary>Gets whether the history reaches back far enough for a <see cref="Change"/> (there is a baseline).</summary>
    public bool IsCovered => Baseline is not null;
}
