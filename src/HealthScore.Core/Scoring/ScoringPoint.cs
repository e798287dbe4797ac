namespace HealthScore.Core.Scoring;

/// <summary>One point of a piecewise-linear scoring function: a raw value and the normalised value it scores.</summary>
public sealed class ScoringPoint
{
    /// <summary>Creates a point at 0 scoring 0.</summary>
    public ScoringPoint()
    {
    }

    /// <summary>Creates a point.</summary>
    /// <param name="value">The raw value.</param>
    /// <param name="score">The normalised value it scores, between 0 and 1.</param>
    public ScoringPoint(double value, double score)
    {
        Value = value;
        Score = score;
    }

    /// <summary>Gets or sets the raw value.</summary>
    public double Value { get; set; }

    /// <summary>Gets or sets the normalised value (0 to 1) the raw value scores.</summary>
    public double Score { get; set; }
}
