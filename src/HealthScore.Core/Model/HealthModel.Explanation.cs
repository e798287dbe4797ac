using HealthScore.Core.Explanation;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    internal const int DefaultDrivers = 3;

    /// <summary>Describes a result in one line, naming up to three metrics among those that hurt and those that help.</summary>
    /// <param name="result">A result of this model.</param>
    /// <param name="contributions">The result's contributions, or empty for the first part only.</param>
    /// <returns>The description; see <see cref="Explain(in HealthResult, ReadOnlySpan{MetricContribution}, int)"/>.</returns>
    public string Explain(in HealthResult result, ReadOnlySpan<MetricContribution> contributions) => Explain(result, contributions, DefaultDrivers);

    /// <summary>Describes a trend in one line, naming up to three metrics that moved the score most.</summary>
    /// <param name="trend">A trend of this model.</param>
    /// <param name="changes">The trend's metric changes, or empty.</param>
    /// <returns>The description; see <see cref="Explain(in HealthTrend, ReadOnlySpan{MetricChange}, int)"/>.</returns>
    public string Explain(in HealthTrend trend, ReadOnlySpan<MetricChange> changes) => Explain(trend, changes, DefaultDrivers);

    /// <summary>
    /// Describes a result in one line, in the model's words: score, band, phase and coverage, then the metrics that
    /// cost the most points (with their target), the missing ones, and those that earned the most. For people,
    /// not for the hot path: it allocates the string.
    /// </summary>
    /// <param name="result">A result of this model.</param>
    /// <param name="contributions">The result's contributions, or empty for the first part only.</param>
    /// <param name="maxDrivers">How many metrics to name among those that hurt and those that help.</param>
    /// <returns>For example <c>Score 42 · At risk · Onboarding · coverage 80% — hurts most: Logins per week 0.5 (target 3) −18 pts; NPS missing (excluded)</c>.</returns>
    public string Explain(in HealthResult result, ReadOnlySpan<MetricContribution> contributions, int maxDrivers)
    {
        CheckResult(result, nameof(result));
        ArgumentOutOfRangeException.ThrowIfNegative(maxDrivers);
        return ExplanationWriter.Describe(this, result, contributions, maxDrivers);
    }

    /// <summary>Describes a trend in one line, in the model's words: the change, band and phase moves, and the metrics that moved the score most.</summary>
    /// <param name="trend">A trend of this model.</param>
    /// <param name="changes">The trend's metric changes (the first <see cref="HealthTrend.ChangeCount"/>), or empty.</param>
    /// <param name="maxDrivers">How many metrics to name.</param>
    /// <returns>For example <c>change +6 · At risk → Watch — moved by: Logins per week 1 → 3 +8 pts</c>.</returns>
    public string Explain(in HealthTrend trend, ReadOnlySpan<MetricChange> changes, int maxDrivers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDrivers);
        return ExplanationWriter.Describe(this, trend, changes, maxDrivers);
    }
}
