namespace HealthScore.Core.Model;

/// <summary>
/// A metric of the model's catalogue as a profile uses it: its id and its weight in the profile's group. Its scoring,
/// missing-data policy and label stay the model's.
/// </summary>
public sealed class ProfileMetricDefinition
{
    /// <summary>Gets or sets the id of a metric of the model (one defined in the top-level groups).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the metric's weight among the members of its group in this profile.</summary>
    /// <value>The default value is 1.</value>
    public double Weight { get; set; } = 1;
}
