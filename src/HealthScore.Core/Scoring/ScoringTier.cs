namespace HealthScore.Core.Scoring;

/// <summary>One tier of a tiered scoring function: from a raw value upwards (up to the next tier), a fixed normalised value.</summary>
public sealed class ScoringTier
{
    /// <summary>Creates a tier from 0 scoring 0.</summary>
    public ScoringTier()
    {
    }

    /// <summary>Creates a tier.</summary>
    /// <param name="from">The lowest raw value in the tier (inclusive).</param>
    /// <param name="score">The normalised value (0 to 1) every value in the tier scores.</param>
    public ScoringTier(double from, double score)
    {
        From = from;
        Score = score;
    }

    /// <summary>Gets or sets the lowest raw value in the tier (inclusive). Values below the first tier count as the first tier.</summary>
    public double From { get; set; }

    /// <summary>Gets or sets the normalised value (0 to 1) every raw value in the tier scores.</summary>
    public double Score { get; set; }
}
