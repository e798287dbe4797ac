namespace HealthScore.Core.Model;

/// <summary>The scale a score is reported on, and how it is rounded.</summary>
public sealed class ScaleDefinition
{
    /// <summary>Gets or sets the lowest score (an account with every metric at its worst).</summary>
    /// <value>The default value is 0.</value>
    public double Min { get; set; }

    /// <summary>Gets or sets the highest score (an account with every metric at its best).</summary>
    /// <value>The default value is 100.</value>
    public double Max { get; set; } = 100;

    /// <summary>Gets or sets the number of decimals the score is rounded to (half away from zero).</summary>
    /// <value>The default value is 0 (whole numbers).</value>
    public int Decimals { get; set; }
}
