namespace HealthScore.Core.Model;

/// <summary>How score changes between two results are classified.</summary>
public sealed class TrendDefinition
{
    /// <summary>
    /// Gets or sets the dead band, in points on the model's scale: a change whose size is at most this is
    /// reported as <see cref="Trend.TrendDirection.Flat"/>.
    /// </summary>
    /// <value>The default value is 1.</value>
    public double DeadBand { get; set; } = 1;
}
