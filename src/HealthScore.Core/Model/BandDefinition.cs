namespace HealthScore.Core.Model;

/// <summary>A named, coloured range of scores, such as "Healthy" or "At risk".</summary>
public sealed class BandDefinition
{
    /// <summary>Gets or sets the band's id, used in rules and phase overrides (letters, digits and underscores).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name a person reads, in the model's language.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets or sets the colour used to show the band, as <c>#RRGGBB</c>.</summary>
    /// <value>The default value is <c>#808080</c>.</value>
    public string Color { get; set; } = "#808080";

    /// <summary>
    /// Gets or sets the lowest score in the band (inclusive). A band reaches up to the next band's lower bound;
    /// the lowest band must start at the scale's minimum. Ignored for the insufficient-data band.
    /// </summary>
    public double LowerBound { get; set; }
}
