namespace HealthScore.Core.Model;

/// <summary>A category of a compiled categorical metric: its position (the metric value that stands for it), id and label.</summary>
public sealed class MetricCategoryInfo
{
    internal MetricCategoryInfo(int index, string id, string label)
    {
        Index = index;
        Id = id;
        Label = label;
    }

    /// <summary>Gets the category's position in the metric's categories: the metric value that stands for it.</summary>
    public int Index { get; }

    /// <summary>Gets the category's id.</summary>
    public string Id { get; }

    /// <summary>Gets the category's label, for a person to read (the id when the document gives none).</summary>
    public string Label { get; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
