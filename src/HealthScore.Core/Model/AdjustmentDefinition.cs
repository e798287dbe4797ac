namespace HealthScore.Core.Model;

/// <summary>
/// Conditional points: when <see cref="When"/> holds, <see cref="Points"/> are added to (or, when negative,
/// taken from) the weighted score, for example "NPS below 6: −3". Adjustments apply after weighting, in document
/// order, each clamped to the scale, and show as their own lines in the explanation.
/// </summary>
public sealed class AdjustmentDefinition
{
    /// <summary>Gets or sets the adjustment's id, unique among the model's adjustments.</summary>
    /// <value>The default value is an empty string.</value>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the adjustment's name, as the explanation shows it, for example <c>NPS below 6</c>.</summary>
    /// <value>The default value is an empty string: the id is shown.</value>
    public string Label { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the condition, in the rule language. It reads what phase rules read — metrics and account facts
    /// — because it runs before the score it changes is known.
    /// </summary>
    /// <value>The default value is an empty string.</value>
    public string When { get; set; } = string.Empty;

    /// <summary>Gets or sets the points added when the condition holds, on the model's scale; negative to subtract.</summary>
    public double Points { get; set; }

    /// <summary>Gets the ids of the phases the adjustment applies in; empty for every phase.</summary>
    public List<string> Phases { get; set; } = [];
}
