using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

public sealed class RocAucTests
{
    [Fact]
    public void Compute_PerfectSeparation_IsOne() =>
        Assert.Equal(1.0, RocAuc.Compute([0.9, 0.8, 0.2, 0.1], [true, true, false, false]));

    [Fact]
    public void Compute_Reversed_IsZero() =>
        Assert.Equal(0.0, RocAuc.Compute([0.1, 0.2, 0.8, 0.9], [true, true, false, false]));

    [Fact]
    public void Compute_HandWorkedExampleWithTie_CountsTiesHalf()
    {
        // Positives at 3 and 2, negatives at 2 and 1: pairs (3>2) 1, (3>1) 1, (2=2) ½, (2>1) 1 → 3.5 / 4.
        Assert.Equal(0.875, RocAuc.Compute([3, 2, 2, 1], [true, true, false, false]));
    }

    [Fact]
    public void Compute_Weighted_PairsCountByProductOfWeights()
    {
        // The misordered pair (positive 1 below negative 2) carries weight 3 × 1 out of (1 + 3) × (1 + 1) = 8.
        Assert.Equal(5.0 / 8, RocAuc.Compute([5, 1, 2, 0], [true, true, false, false], [1, 3, 1, 1]));
    }

    [Fact]
    public void Compute_OneClassOnlyOrMissingRisk_NaNOrSkipped()
    {
        Assert.True(double.IsNaN(RocAuc.Compute([1, 2], [true, true])));
        Assert.Equal(1.0, RocAuc.Compute([2, double.NaN, 1], [true, true, false]));
    }

    [Fact]
    public void Curve_HandWorkedExampleWithTie_StepsPerTieGroupAndMatchesArea()
    {
        // Risk 3 flags one of two churners; the tie at 2 adds the other churner and one stayer; risk 1 the last stayer.
        var curve = RocAuc.Curve([3, 2, 2, 1], [true, true, false, false]);

        Assert.Equal(
            [new RocPoint(null, 0, 0), new RocPoint(-3, 0, 0.5), new RocPoint(-2, 0.5, 1), new RocPoint(-1, 1, 1)],
            curve);
        var area = 0.0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate) * (curve[i].TruePositiveRate + curve[i - 1].TruePositiveRate) / 2;
        }

        Assert.Equal(RocAuc.Compute([3, 2, 2, 1], [true, true, false, false]), area, 12);
    }

    [Fact]
    public void Curve_OneClassOnly_IsEmpty() =>
        Assert.Empty(RocAuc.Curve([1, 2], [false, false]));
}
