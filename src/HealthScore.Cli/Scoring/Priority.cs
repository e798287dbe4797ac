namespace HealthScore.Cli.Scoring;

/// <summary>
/// "By priority": accounts whose first fired action has the most urgent priority (lowest number) first;
/// accounts with no fired action last; ties by lowest score (insufficient data before any score), then account id.
/// </summary>
internal static class Priority
{
    public static List<AccountOutcome> Order(IEnumerable<AccountOutcome> outcomes) =>
        [.. outcomes
            .OrderBy(static o => o.FirstAction?.Priority ?? int.MaxValue)
            .ThenBy(static o => o.Score ?? double.MinValue)
            .ThenBy(static o => o.AccountId, StringComparer.Ordinal)];
}
