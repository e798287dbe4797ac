namespace HealthScore.Core.Scoring;

/// <summary>
/// One named value of a categorical metric — a success manager's sentiment (green, yellow, red), a plan tier, a
/// contract type — with the normalised score (0 to 1) it earns.
/// </summary>
public sealed class MetricCategory
{
    /// <summary>Creates an empty category; set <see cref="Id"/> and <see cref="Score"/>.</summary>
    public MetricCategory()
    {
    }

    /// <summary>Creates a category.</summary>
    /// <param name="id">The category's id, used by hosts and rules (letters, digits and underscores).</param>
    /// <param name="score">The normalised value (0 worst to 1 best) an account in the category scores.</param>
    /// <param name="label">The category's name for a person to read; the id when empty.</param>
    public MetricCategory(string id, double score, string label = "")
    {
        Id = id;
        Score = score;
        Label = label;
    }

    /// <summary>Gets or sets the category's id, unique within the metric (letters, digits and underscores).</summary>
    /// <value>The default value is an empty string.</value>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the category's name for a person to read, as explanations show it; the id when empty.</summary>
    /// <value>The default value is an empty string.</value>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets or sets the normalised value (0 worst to 1 best) an account in the category scores.</summary>
    public double Score { get; set; }
}
