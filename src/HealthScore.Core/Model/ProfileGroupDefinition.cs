namespace HealthScore.Core.Model;

/// <summary>A weighted group of a profile: metrics of the model's catalogue, named by id, and nested groups.</summary>
public sealed class ProfileGroupDefinition
{
    /// <summary>Gets or sets the group's id: letters, digits and underscores; unique in the profile and not a metric's id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name a person reads, in the model's language.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets or sets the group's weight among its siblings: any positive number, converted to a share.</summary>
    /// <value>The default value is 1.</value>
    public double Weight { get; set; } = 1;

    /// <summary>Gets or sets how the group combines its members.</summary>
    /// <value>The default value is <see cref="Model.Aggregation.WeightedMean"/>.</value>
    public Aggregation Aggregation { get; set; }

    /// <summary>Gets the metrics directly in this group, by id, each with its weight in this profile.</summary>
    public List<ProfileMetricDefinition> Metrics { get; set; } = [];

    /// <summary>Gets the groups nested in this group.</summary>
    public List<ProfileGroupDefinition> Groups { get; set; } = [];
}
