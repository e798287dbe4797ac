using HealthScore.Core.Actions;
using HealthScore.Core.Pipeline;

namespace HealthScore.Storage.Sqlite.Tests;

/// <summary>Hand-made snapshots: only what a store keeps and reads by.</summary>
internal static class Snapshots
{
    public static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static HealthSnapshot Of(string account, int day, double? score = 50, string hash = "hash-1", params (string Id, ActionStatus Status)[] actions) => new()
    {
        AccountId = account,
        AsOf = Day0.AddDays(day),
        ModelId = "saas_health",
        ModelVersion = "1",
        ModelHash = hash,
        Phase = "adoption",
        Band = score >= 70 ? "healthy" : score >= 40 ? "watch" : "at_risk",
        Score = score,
        UnroundedScore = score,
        Coverage = 0.8,
        Metrics = new Dictionary<string, double?>(StringComparer.Ordinal) { ["logins_per_week"] = score / 10, ["nps"] = null },
        Actions = [.. actions.Select(a => new SnapshotAction { Id = a.Id, Status = a.Status })],
        Fired = [.. actions.Where(a => a.Status == ActionStatus.Fired).Select(a => new ActionFiring { Id = a.Id, At = Day0.AddDays(day) })],
    };

    public static HealthOverride Band(string band, int setDay, string author = "aiko.sato") =>
        HealthOverride.ForBand(band, author, Day0.AddDays(setDay), Day0.AddDays(setDay + 30), "Renewal signed");
}
