using System.Runtime.InteropServices;

namespace HealthScore.Core.Scoring;

/// <summary>
/// What one metric contributed to one result. Points are on the model's scale: for every metric that
/// carries weight, <see cref="PointsEarned"/> + <see cref="PointsLost"/> is its share of the scale's width,
/// and the scale's minimum plus all points earned is the unrounded score.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct MetricContribution
{
    internal MetricContribution(int metricIndex, double rawValue, double normalizedValue, double effectiveWeight, double pointsEarned, double pointsLost, MetricStatus status)
    {
        MetricIndex = metricIndex;
        RawValue = rawValue;
        NormalizedValue = normalizedValue;
        EffectiveWeight = effectiveWeight;
        PointsEarned = pointsEarned;
        PointsLost = pointsLost;
        Status = status;
    }

    /// <summary>Gets the metric's index in <see cref="Model.HealthModel.Metrics"/>.</summary>
    public int MetricIndex { get; }

    /// <summary>Gets the raw value as passed in; NaN when none was given (check <see cref="Status"/>).</summary>
    public double RawValue { get; }

    /// <summary>Gets the normalised value (0 worst … 1 best) used, or 0 when the metric was excluded.</summary>
    public double NormalizedValue { get; }

    /// <summary>Gets the share of the whole score this metric carried after missing data was redistributed (0 to 1).</summary>
    public double EffectiveWeight { get; }

    /// <summary>Gets the points this metric earned.</summary>
    public double PointsEarned { get; }

    /// <summary>Gets the points this metric cost against a perfect score.</summary>
    public double PointsLost { get; }

    /// <summary>Gets where the normalised value came from.</summary>
    public MetricStatus Status { get; }

    /// <summary>Gets whether the account had a usable value for the metric.</summary>
    public bool IsPresent => Status == MetricStatus.Present;
}
