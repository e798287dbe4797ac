using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>A metric of a compiled <see cref="HealthModel"/>. Immutable.</summary>
public sealed class Metric
{
    internal Metric(int index, string id, string label, Group group, MetricDirection direction, MissingDataPolicy missing, double missingValue, string? unit)
    {
        Index = index;
        Id = id;
        Label = label;
        Group = group;
        Direction = direction;
        Missing = missing;
        MissingValue = missingValue;
        Unit = unit;
    }

    /// <summary>Gets the metric's position in the model: the index of its value in the span passed to the scorer.</summary>
    public int Index { get; }

    /// <summary>Gets the metric's id.</summary>
    public string Id { get; }

    /// <summary>Gets the name a person reads.</summary>
    public string Label { get; }

    /// <summary>Gets the group the metric belongs to.</summary>
    public Group Group { get; }

    /// <summary>Gets which way the raw value is good.</summary>
    public MetricDirection Direction { get; }

    /// <summary>Gets what the metric contributes when it has no usable value.</summary>
    public MissingDataPolicy Missing { get; }

    /// <summary>Gets the normalised value a missing metric counts as: 0.5 under <see cref="MissingDataPolicy.Neutral"/>, the configured value under <see cref="MissingDataPolicy.Fixed"/>, NaN under <see cref="MissingDataPolicy.Exclude"/>.</summary>
    public double MissingValue { get; }

    /// <summary>Gets the unit of the raw value, or <see langword="null"/>.</summary>
    public string? Unit { get; }

    /// <summary>Returns the metric's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
