using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Serialization;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Accounts of the English sample model, for the pipeline tests.</summary>
internal static class PipelineSamples
{
    public static readonly DateTimeOffset AsOf = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<HealthModel> Sample = new(() => HealthModelDocument.CompileFile(SampleModelTests.SamplePath("saas.en.json")));

    public static HealthModel SampleModel => Sample.Value;

    /// <summary>A new account (40 days in) with two open high-severity tickets: onboarding, forced at risk.</summary>
    public static double[] Struggling(HealthModel model) => Values(model, new()
    {
        ["logins_per_week"] = 1.5, ["active_days"] = 9, ["feature_breadth"] = 0.3, ["days_since_last_activity"] = 2,
        ["open_high_severity_tickets"] = 2, ["escalations"] = 1, ["touches"] = 4, ["onboarding_completion"] = 0.4,
    });

    /// <summary>An established account doing well on every metric.</summary>
    public static double[] Thriving(HealthModel model) => Values(model, new()
    {
        ["logins_per_week"] = 5, ["active_days"] = 18, ["feature_breadth"] = 0.9, ["active_seat_ratio"] = 0.8,
        ["days_since_last_activity"] = 0, ["open_high_severity_tickets"] = 0, ["median_resolution_hours"] = 4,
        ["escalations"] = 0, ["nps"] = 60, ["csat"] = 4.8, ["ces"] = 1.5, ["survey_response_rate"] = 0.5, ["touches"] = 12,
        ["event_attendance"] = 3, ["help_page_views"] = 8, ["onboarding_completion"] = 1, ["overdue_milestones"] = 0,
        ["goal_attainment"] = 1,
    });

    public static double[] Values(HealthModel model, Dictionary<string, double> values)
    {
        var result = model.CreateValues();
        foreach (var (id, value) in values)
        {
            result[model.GetMetric(id).Index] = value;
        }

        return result;
    }

    public static AccountFacts Facts(HealthModel model, double tenureDays, string name = "Acme", params string[] consents)
    {
        var facts = new AccountFacts(model.Account) { TenureDays = tenureDays, DaysToRenewal = 400 - tenureDays };
        facts.SetText("name", name);
        facts.SetNumber("seats", 25);
        foreach (var consent in consents)
        {
            facts.SetConsent(consent);
        }

        return facts;
    }
}

/// <summary>
/// The sample model's success-manager sentiment is entered by a person, not computed from records: this stands in
/// for it among the built-in providers (always missing), as a host's own provider or its given values would.
/// </summary>
internal sealed class EnteredSentimentProvider : Core.Metrics.IMetricProvider
{
    public IReadOnlyList<Core.Metrics.MetricDescriptor> Metrics { get; } =
        [new("csm_sentiment", null, MetricDirection.HigherIsBetter, "The success manager's sentiment, entered with the account.")];

    public void Compute(in Core.Metrics.AccountRecords records, DateTimeOffset asOf, Span<double> destination) => destination[0] = double.NaN;
}
