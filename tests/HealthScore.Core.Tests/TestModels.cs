using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests;

/// <summary>Models shared by the tests: a B2B SaaS model in English and the same model in Japanese.</summary>
internal static class TestModels
{
    public static HealthModelBuilder SaasBuilder() => new HealthModelBuilder()
        .WithId("saas", "B2B SaaS health", "2026.1")
        .WithMinimumCoverage(0.5)
        .AddBand("at_risk", "At risk", "#C62828", 0)
        .AddBand("watch", "Watch", "#F9A825", 40)
        .AddBand("healthy", "Healthy", "#2E7D32", 70)
        .AddGroup("usage", "Usage", 40, g => g
            .AddMetric("logins_per_week", "Logins per week", new LinearScoring(0, 5), weight: 2)
            .AddMetric("feature_breadth", "Feature breadth", new LinearScoring(0, 0.6), weight: 1))
        .AddGroup("support", "Support", 20, g => g
            .AddMetric("open_critical_tickets", "Open critical tickets", new TierScoring([new(0, 1), new(1, 0.4), new(3, 0)]))
            .AddMetric("days_to_resolve", "Median days to resolve", new PiecewiseLinearScoring([new(1, 1), new(5, 0.5), new(14, 0)]), configure: m => m.Unit = "days"))
        .AddGroup("satisfaction", "Satisfaction", 25, g => g
            .AddMetric("nps", "NPS", new LinearScoring(-100, 100))
            .AddMetric("csat", "CSAT", new BoundedLinearScoring(1, 5), configure: m => m.Missing = MissingDataPolicy.Neutral))
        .AddGroup("onboarding", "Onboarding", 15, g => g
            .AddMetric("milestones_done", "Onboarding milestones done", new TargetRatioScoring(1), configure: m =>
            {
                m.Missing = MissingDataPolicy.Fixed;
                m.MissingValue = 0;
            }))
        .AddPhase("onboarding", "Onboarding", p => p
            .SetWeight("onboarding", 45)
            .SetScoring("logins_per_week", new LinearScoring(0, 3))
            .SetBandLowerBound("healthy", 60))
        .AddPhase("adoption", "Adoption")
        .AddPhase("renewal", "Renewal", p => p.SetWeight("satisfaction", 40).SetBandLowerBound("watch", 50).SetBandLowerBound("healthy", 75))
        .WithDefaultPhase("adoption");

    public static HealthModel Saas() => SaasBuilder().Build();

    public static HealthModel SaasJapanese() => new HealthModelBuilder()
        .WithId("saas_ja", "B2B SaaS ヘルススコア", "2026.1")
        .WithMinimumCoverage(0.5)
        .WithInsufficientDataBand("insufficient_data", "データ不足", "#9E9E9E")
        .AddBand("at_risk", "要注意", "#C62828", 0)
        .AddBand("watch", "経過観察", "#F9A825", 40)
        .AddBand("healthy", "良好", "#2E7D32", 70)
        .AddGroup("usage", "利用状況", 40, g => g
            .AddMetric("logins_per_week", "週あたりログイン数", new LinearScoring(0, 5), weight: 2, m => m.Unit = "回")
            .AddMetric("feature_breadth", "機能利用率", new LinearScoring(0, 0.6)))
        .AddGroup("satisfaction", "満足度", 35, g => g
            .AddMetric("nps", "NPS", new LinearScoring(-100, 100)))
        .AddGroup("onboarding", "オンボーディング", 25, g => g
            .AddMetric("milestones_done", "マイルストーン達成率", new TargetRatioScoring(1)))
        .AddPhase("onboarding", "オンボーディング期", p => p.SetWeight("onboarding", 50))
        .AddPhase("adoption", "定着期")
        .WithDefaultPhase("adoption")
        .WithText(TextKeys.Score, "スコア")
        .WithText(TextKeys.Coverage, "カバレッジ")
        .WithText(TextKeys.HurtsMost, "主な減点要因")
        .WithText(TextKeys.HelpsMost, "主な加点要因")
        .WithText(TextKeys.Missing, "未取得")
        .WithText(TextKeys.Excluded, "除外")
        .WithText(TextKeys.Assumed, "仮定値")
        .WithText(TextKeys.Target, "目標")
        .WithText(TextKeys.Points, "点")
        .WithText(TextKeys.Change, "変化")
        .WithText(TextKeys.MovedBy, "主な変動要因")
        .Build();

    /// <summary>Values for <see cref="Saas"/> by metric id; unspecified metrics are missing.</summary>
    public static double[] Values(HealthModel model, params (string Id, double Value)[] values)
    {
        var buffer = model.CreateValues();
        foreach (var (id, value) in values)
        {
            buffer[model.GetMetric(id).Index] = value;
        }

        return buffer;
    }
}
