using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>A metric a provider produces: what it is called, measured in, and which way it is good.</summary>
public sealed class MetricDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="id">The metric id, as the health model names it.</param>
    /// <param name="unit">The unit of the value (for example "days"), or <see langword="null"/>.</param>
    /// <param name="direction">Which way the value is usually good; a hint for model authors, not enforced.</param>
    /// <param name="description">What the value measures, in a sentence.</param>
    /// <param name="isCount">
    /// Whether the value counts records (or is a rate or share of counts): when the source is present and holds no
    /// record in the window the value is 0, not missing.
    /// </param>
    public MetricDescriptor(string id, string? unit, MetricDirection direction, string description, bool isCount = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(description);
        Id = id;
        Unit = unit;
        Direction = direction;
        Description = description;
        IsCount = isCount;
    }

    /// <summary>Gets the metric id.</summary>
    public string Id { get; }

    /// <summary>Gets the unit, or <see langword="null"/>.</summary>
    public string? Unit { get; }

    /// <summary>Gets which way the value is usually good.</summary>
    public MetricDirection Direction { get; }

    /// <summary>Gets what the value measures.</summary>
    public string Description { get; }

    /// <summary>Gets whether an empty but present source gives 0 rather than missing.</summary>
    public bool IsCount { get; }

    /// <summary>Returns the metric id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
