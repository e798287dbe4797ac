using System.Runtime.InteropServices;

namespace HealthScore.Core.Trend;

/// <summary>How many points one metric moved the score between a previous and a current result.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct MetricChange
{
    internal MetricChange(int metricIndex, double previousRawValue, double currentRawValue, double previousPoints, double currentPoints)
    {
        MetricIndex = metricIndex;
        PreviousRawValue = previousRawValue;
        CurrentRawValue = currentRawValue;
        PreviousPoints = previousPoints;
        CurrentPoints = currentPoints;
    }

    /// <summary>Gets the metric's index in <see cref="Model.HealthModel.Metrics"/>.</summary>
    public int MetricIndex { get; }

    /// <summary>Gets the raw value in the previous result (NaN when it had none).</summary>
    public double PreviousRawValue { get; }

    /// <summary>Gets the raw value in the current result (NaN when it has none).</summary>
    public double CurrentRawValue { get; }

    /// <summary>Gets the points the metric earned in the previous result.</summary>
    public double PreviousPoints { get; }

    /// <summary>Gets the points the metric earns in the current result.</summary>
    public double CurrentPoints { get; }

    /// <summary>Gets the points the metric moved the score by: current minus previous.</summary>
    public double Points => CurrentPoints - PreviousPoints;
}
