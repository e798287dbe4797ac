using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Pipeline;

/// <summary>An adjustment whose condition held, with the points it moved the score by.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct AppliedAdjustment
{
    internal AppliedAdjustment(Adjustment adjustment, double points)
    {
        Adjustment = adjustment;
        Points = points;
    }

    /// <summary>Gets the adjustment.</summary>
    public Adjustment Adjustment { get; }

    /// <summary>
    /// Gets the points it moved the unrounded score by: its declared points, or fewer when the scale's end clamped it
    /// (adjustments apply in document order, each clamped to the scale).
    /// </summary>
    public double Points { get; }
}
