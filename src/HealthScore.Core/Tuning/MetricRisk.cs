using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// How much risk one metric value alone signals: a worse value is more risk. A monotone function reads the raw value
/// in its direction (so ties come only from equal values, and a metric's AUC is the published rank statistic); a
/// single-peaked or categorical function reads its score, the only order it has.
/// </summary>
internal static class MetricRisk
{
    /// <summary>The risk of <paramref name="value"/> for the metric in the phase; NaN when the value is missing or outside the function's domain.</summary>
    public static double Of(Metric metric, Phase phase, double value)
    {
        if (!double.IsFinite(value))
        {
            return double.NaN;
        }

        var function = phase.GetScoringFunction(metric);
        if (!function.IsMonotone)
        {
            var score = function.Normalize(value);
            return double.IsNaN(score) ? double.NaN : -score;
        }

        return function.Direction == MetricDirection.LowerIsBetter ? value : -value;
    }
}
