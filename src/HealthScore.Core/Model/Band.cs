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

    /// <summary>
    /// Gets the band's position in <see cref="HealthModel.Bands"/> (ascending), -1 for the insufficient-data band, or
    /// -2 for a band of an earlier version of the model that this version no longer has (seen only as a trend's
    /// previous band, rebuilt from a stored snapshot).
    /// </summary>
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
    public bool IsInsufficientData => Index == -1;

    /// <summary>Gets whether this band belongs to an earlier version of the model and is not one of <see cref="HealthModel.Bands"/>.</summary>
    public bool IsRetired => Index == RetiredIndex;

    internal const int RetiredIndex = -2;

    internal static Band Retired(string id) => new(RetiredIndex, id, id, "#808080", double.NaN);

    /// <summary>Returns the band's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
