using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>The shape the tuner fits a metric with.</summary>
internal enum MetricShape
{
    /// <summary>Not fitted: no spread of values, or inside a kept group.</summary>
    None,

    /// <summary>Rises (or falls) through its quantiles in one direction.</summary>
    Monotone,

    /// <summary>Rises to a best value at one of its quantiles, then falls.</summary>
    Peaked,

    /// <summary>One score per category.</summary>
    Categories,

    /// <summary>Any piecewise-linear shape: only to find where a single-peaked metric is best.</summary>
    Free,
}

/// <summary>How one metric enters a fit: its shape, break points, direction and whether its blanks get their own score.</summary>
internal sealed record MetricSpec(MetricShape Shape, double[] Knots, bool HigherIsBetter, int Peak, int CategoryCount, bool FitsBlanks)
{
    public int Columns => Shape switch
    {
        MetricShape.None => 0,
        MetricShape.Categories => CategoryCount - 1,
        _ => Knots.Length - 1,
    } + (FitsBlanks && Shape != MetricShape.None ? 1 : 0);
}

/// <summary>
/// A metric's fitted shape: its spec and one coefficient per column. <see cref="Low"/> is the lowest contribution
/// a present value can make and <see cref="Weight"/> the spread between lowest and highest, so the metric's score
/// is <c>(contribution − Low) / Weight</c>, between 0 and 1, and its share of the score is its weight.
/// </summary>
internal sealed record MetricFit(MetricSpec Spec, double[] Coefficients)
{
    private int ShapeColumns => Spec.FitsBlanks && Spec.Shape != MetricShape.None ? Coefficients.Length - 1 : Coefficients.Length;

    /// <summary>The fitted contribution at each knot (numeric shapes) or of each category.</summary>
    public double[] Contributions()
    {
        var beta = Coefficients.AsSpan(0, ShapeColumns);
        if (Spec.Shape == MetricShape.Categories)
        {
            // The first category is the reference, at 0; each other one has its own coefficient.
            return [0, .. beta];
        }

        var knots = Spec.Knots;
        var h = new double[knots.Length];
        for (var k = 0; k < knots.Length; k++)
        {
            // Segment s (1-based) adds its coefficient once x is past its top when it rises in x, until x reaches its bottom when it falls.
            for (var s = 1; s < knots.Length; s++)
            {
                var risingInX = RisesInX(s);
                h[k] += beta[s - 1] * (risingInX ? (k >= s ? 1 : 0) : (k <= s - 1 ? 1 : 0));
            }
        }

        return h;
    }

    public double Low => Spec.Shape == MetricShape.None ? 0 : Contributions().Min();

    public double Weight => Spec.Shape == MetricShape.None ? 0 : Math.Max(0, Contributions().Max() - Low);

    /// <summary>The score of a blank, when the fit gave blanks their own: where its contribution lies between the metric's lowest and highest.</summary>
    public double? BlankScore => Spec.FitsBlanks && Spec.Shape != MetricShape.None && Weight > 0
        ? Math.Clamp((Coefficients[^1] - Low) / Weight, 0, 1)
        : null;

    /// <summary>Whether segment <paramref name="s"/> (1-based) rises as the raw value rises.</summary>
    public bool RisesInX(int s) => Spec.Shape switch
    {
        MetricShape.Peaked => s <= Spec.Peak,
        MetricShape.Free => true,
        _ => Spec.HigherIsBetter,
    };
}

/// <summary>What decided one metric's shape in a fit.</summary>
/// <param name="OwnAuc">The metric's own AUC on the rows in its configured direction.</param>
/// <param name="Reversed">Whether the fit runs it against its configured direction.</param>
/// <param name="PeakedLogLoss">The inner cross-validated log-loss with a single-peaked shape, when it was tried and kept.</param>
/// <param name="MonotoneLogLoss">The same with the monotone shape.</param>
internal sealed record ShapeEvidence(double? OwnAuc, bool Reversed = false, double? PeakedLogLoss = null, double? MonotoneLogLoss = null);
