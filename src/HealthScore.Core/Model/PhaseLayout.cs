using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>A phase's flat arrays, read by the scorer.</summary>
internal sealed class PhaseLayout(double[] nodeWeights, ScoringFunction[] functions, double[] coverageShares, double[] bandLowerBounds)
{
    /// <summary>Weight of each node (metrics, then groups in post-order) among its siblings.</summary>
    public double[] NodeWeights { get; } = nodeWeights;

    /// <summary>Scoring function of each metric.</summary>
    public ScoringFunction[] Functions { get; } = functions;

    /// <summary>Nominal share of the total weight of each metric.</summary>
    public double[] CoverageShares { get; } = coverageShares;

    /// <summary>Lower bound of each band, ascending.</summary>
    public double[] BandLowerBounds { get; } = bandLowerBounds;
}
