namespace HealthScore.Core.Model;

/// <summary>
/// The model's shape as flat arrays. Nodes are numbered metrics first (declaration order), then groups in
/// post-order (a nested group before the group holding it), then the root; so every node's parent has a
/// higher number, and one forward pass aggregates bottom-up while one backward pass distributes top-down.
/// </summary>
internal sealed class ModelLayout(int metricCount, int groupCount, int[] parents, Aggregation[] aggregations, double[] missingValues, bool[]? notScored = null)
{
    public int MetricCount { get; } = metricCount;

    public int GroupCount { get; } = groupCount;

    public int NodeCount => MetricCount + GroupCount + 1;

    public int Root => NodeCount - 1;

    public int[] Parents { get; } = parents;

    public Aggregation[] Aggregations { get; } = aggregations;

    public double[] MissingValues { get; } = missingValues;

    /// <summary>For a profile's scorecard, whether each metric of the catalogue is left out of it; null when every metric is scored.</summary>
    public bool[]? NotScored { get; } = notScored;
}
