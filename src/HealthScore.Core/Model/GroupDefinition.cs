namespace HealthScore.Core.Model;

/// <summary>A weighted group of metrics and nested groups, such as Usage or Satisfaction.</summary>
public sealed class GroupDefinition
{
    /// <summary>Gets or sets the group's id: letters, digits and underscores, starting with a letter or underscore. Unique across metrics and groups.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name a person reads, in the model's language.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets or sets the group's weight among its siblings: any positive number, converted to a share.</summary>
    /// <value>The default value is 1.</value>
    public double Weight { get; set; } = 1;

    /// <summary>Gets or sets how the group combines its members.</summary>
    /// <value>The default value is <see cref="Model.Aggregation.WeightedMean"/>.</value>
    public Aggregation Aggregation { get; set; }

    /// <summary>Gets the metrics directly in this group.</summary>
    public List<MetricDefinition> Metrics { get; set; } = [];

    /// <summary>Gets the groups nested in this group.</summary>
    public List<GroupDefinition> Groups { get; set; } = [];
}
