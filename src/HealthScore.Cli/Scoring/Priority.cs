namespace HealthScore.Cli.Scoring;

/// <summary>
/// "By priority": accounts whose first fired action has the most urgent priority (lowest number) first;
/// accounts with no fired action last; ties by lowest score (insufficient data before any score), then account id.
/// </summary>
internal static class Priority
{
    /// <summary>Gets the order as a comparer.</summary>
    public static IComparer<AccountOutcome> Comparer { get; } = Comparer<AccountOutcome>.Create(static (a, b) =>
        Compare(Key(a), Key(b)));

    public static List<AccountOutcome> Order(IEnumerable<AccountOutcome> outcomes)
    {
        var list = outcomes.ToList();
        list.Sort(Comparer);
        return list;
    }

    /// <summary>What the order compares: the first fired action's priority, the score, the id.</summary>
    public static (int Priority, double Score, string Id) Key(AccountOutcome o) =>
        (o.FirstAction?.Priority ?? int.MaxValue, o.Score ?? double.MinValue, o.AccountId);

    public static int Compare((int Priority, double Score, string Id) a, (int Priority, double Score, string Id) b) =>
        a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
        : a.Score != b.Score ? a.Score.CompareTo(b.Score)
        : string.CompareOrdinal(a.Id, b.Id);
}
