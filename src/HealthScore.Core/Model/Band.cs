namespace HealthScore.Core.Model;

/// <summary>A band of a compiled <see cref="HealthModel"/>. Immutable. Lower bounds may differ per phase: see <see cref="Phase.GetLowerBound(Band)"/>.</summary>
public sealed class Band
{
    internal Band(int index, string id, string label, string color, double lowerBound)
    {
        LowerBound = lowerBound;
        Index = index;
        Id = id;
        Label = label;
        Color = color;
    }

    /// <summary>Gets the band's position in <see cref="HealthModel.Bands"/> (ascending), or -1 for the insufficient-data band.</summary>
    public int Index { get; }

    /// <summary>Gets the band's id.</summary>
    public string Id { get; }

    /// <summary>Gets the name a person reads.</summary>
    public string Label { get; }

    /// <summary>Gets the colour, as <c>#RRGGBB</c>.</summary>
    public string Color { get; }

    /// <summary>The model's own lower bound (before phase overrides); NaN for the insufficient-data band.</summary>
    internal double LowerBound { get; }

    /// <summary>Gets whether this is the band reported when coverage is below the model's minimum.</summary>
    public bool IsInsufficientData => Index < 0;

    /// <summary>Returns the band's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
