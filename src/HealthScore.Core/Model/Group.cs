namespace HealthScore.Core.Model;

/// <summary>A group of a compiled <see cref="HealthModel"/>. Immutable.</summary>
public sealed class Group
{
    internal Group(int index, string id, string label, Aggregation aggregation, int depth, Group? parent)
    {
        Parent = parent;
        Index = index;
        Id = id;
        Label = label;
        Aggregation = aggregation;
        Depth = depth;
    }

    /// <summary>Gets the group's position in <see cref="HealthModel.Groups"/> and in group-score spans. Nested groups come before the group that holds them.</summary>
    public int Index { get; }

    /// <summary>Gets the group's id.</summary>
    public string Id { get; }

    /// <summary>Gets the name a person reads.</summary>
    public string Label { get; }

    /// <summary>Gets how the group combines its members.</summary>
    public Aggregation Aggregation { get; }

    /// <summary>Gets the group that holds this one, or <see langword="null"/> for a top-level group.</summary>
    public Group? Parent { get; }

    /// <summary>Gets how deep the group is nested: 0 for a top-level group.</summary>
    public int Depth { get; }

    /// <summary>Returns the group's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
