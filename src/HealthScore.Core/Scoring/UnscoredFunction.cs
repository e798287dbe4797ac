using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>The function of a metric a profile's scorecard does not use: every value counts as missing, so it never reaches a group.</summary>
internal sealed class UnscoredFunction(MetricDirection direction) : ScoringFunction
{
    public override MetricDirection Direction { get; } = direction;

    public override double Normalize(double value) => double.NaN;
}
