using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Rollups;

namespace HealthScore.Core.Tests.Rollups;

/// <summary>
/// A three-level portfolio on <see cref="TestModels.Saas"/> (bands at_risk from 0, watch from 40, healthy from 70):
/// <code>
/// group                      annual value
/// ├── emea                   400
/// │   ├── de   80 healthy    300
/// │   ├── fr   50 watch      100
/// │   └── uk   insufficient  200
/// ├── apac                   0
/// │   ├── jp   30 at risk    50
/// │   └── au   no snapshot   —
/// └── us       65 watch      600
/// </code>
/// </summary>
internal static class RollupPortfolio
{
    public static readonly AccountHierarchy Hierarchy = new(
    [
        ("group", null), ("emea", "group"), ("de", "emea"), ("fr", "emea"), ("uk", "emea"),
        ("apac", "group"), ("jp", "apac"), ("au", "apac"), ("us", "group"),
    ]);

    public static readonly Dictionary<string, double> AnnualValue = new(StringComparer.Ordinal)
    {
        ["emea"] = 400, ["de"] = 300, ["fr"] = 100, ["uk"] = 200, ["apac"] = 0, ["jp"] = 50, ["us"] = 600,
    };

    public static Dictionary<string, HealthSnapshot> Snapshots() => new(StringComparer.Ordinal)
    {
        ["de"] = Snapshot("de", 80, "healthy"),
        ["fr"] = Snapshot("fr", 50, "watch"),
        ["uk"] = Snapshot("uk", null, "insufficient_data"),
        ["jp"] = Snapshot("jp", 30, "at_risk"),
        ["us"] = Snapshot("us", 65, "watch"),
    };

    public static double WeightOf(string id) => AnnualValue.GetValueOrDefault(id, double.NaN);

    public static HealthSnapshot Snapshot(string id, double? score, string band) => new()
    {
        AccountId = id, AsOf = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), ModelId = "saas", ModelVersion = "2026.1",
        ModelHash = "h", Phase = "adoption", Score = score, UnroundedScore = score, Band = band,
    };

    /// <summary>The test model with a roll-up, and <c>annual_value</c> declared as an account number.</summary>
    public static HealthModel Model(RollupDefinition rollup, Action<HealthModelDefinition>? configure = null)
    {
        var builder = TestModels.SaasBuilder().WithAccount(a => a.Numbers.Add("annual_value"));
        builder.Definition.Rollup = rollup;
        configure?.Invoke(builder.Definition);
        return builder.Build();
    }

    public static IReadOnlyDictionary<string, RollupResult> ComputeAll(RollupDefinition rollup, Dictionary<string, HealthSnapshot>? snapshots = null) =>
        Model(rollup).Rollup!.ComputeAll(Hierarchy, snapshots ?? Snapshots(), WeightOf);
}
