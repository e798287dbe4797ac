using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>Adds metrics and nested groups to a group; used by <see cref="HealthModelBuilder.AddGroup"/>.</summary>
public sealed class GroupBuilder
{
    internal GroupBuilder(GroupDefinition definition)
    {
        Definition = definition;
    }

    /// <summary>Gets the group being built.</summary>
    public GroupDefinition Definition { get; }

    /// <summary>Adds a metric to the group.</summary>
    /// <param name="id">The metric's id.</param>
    /// <param name="label">The name a person reads.</param>
    /// <param name="scoring">How a raw value maps to 0 (worst) … 1 (best).</param>
    /// <param name="weight">The metric's weight inside the group.</param>
    /// <param name="configure">Sets anything else on the metric (missing-data policy, unit, direction); <see langword="null"/> for the defaults.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder AddMetric(string id, string label, ScoringFunctionDefinition scoring, double weight = 1, Action<MetricDefinition>? configure = null)
    {
        var metric = new MetricDefinition { Id = id, Label = label, Scoring = scoring, Weight = weight };
        configure?.Invoke(metric);
        Definition.Metrics.Add(metric);
        return this;
    }

    /// <summary>Adds a nested group.</summary>
    /// <param name="id">The group's id.</param>
    /// <param name="label">The name a person reads.</param>
    /// <param name="weight">The group's weight among its siblings.</param>
    /// <param name="configure">Adds the nested group's members.</param>
    /// <param name="aggregation">How the nested group combines its members.</param>
    /// <returns>This builder.</returns>
    public GroupBuilder AddGroup(string id, string label, double weight, Action<GroupBuilder> configure, Aggregation aggregation = Aggregation.WeightedMean)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var group = new GroupDefinition { Id = id, Label = label, Weight = weight, Aggregation = aggregation };
        configure(new GroupBuilder(group));
        Definition.Groups.Add(group);
        return this;
    }
}
