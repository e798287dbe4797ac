using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// A lifecycle phase of a compiled <see cref="HealthModel"/>, with its own weights, scoring functions and band
/// thresholds flattened into arrays for the scorer. Immutable.
/// </summary>
public sealed class Phase
{
    internal Phase(int index, string id, string label, bool isImplicit, PhaseLayout layout)
    {
        Index = index;
        Id = id;
        Label = label;
        IsImplicit = isImplicit;
        Layout = layout;
    }

    /// <summary>
    /// Gets the phase's position in <see cref="HealthModel.Phases"/>, or -1 for a phase of an earlier version of the
    /// model that this version no longer has (seen only as a trend's previous phase, rebuilt from a stored snapshot).
    /// </summary>
    public int Index { get; }

    /// <summary>Gets the phase's id.</summary>
    public string Id { get; }

    /// <summary>Gets the name a person reads.</summary>
    public string Label { get; }

    /// <summary>Gets whether this phase was made by the library because the model defines none.</summary>
    public bool IsImplicit { get; }

    internal PhaseLayout Layout { get; }

    /// <summary>Gets whether this phase belongs to an earlier version of the model and is not one of <see cref="HealthModel.Phases"/>.</summary>
    public bool IsRetired => Index < 0;

    internal static Phase Retired(string id, Phase current) => new(-1, id, id, isImplicit: false, current.Layout);

    /// <summary>Gets the lowest score of <paramref name="band"/> in this phase.</summary>
    /// <param name="band">A band of the same model (not the insufficient-data band).</param>
    /// <returns>The band's lower bound in this phase.</returns>
    public double GetLowerBound(Band band)
    {
        ArgumentNullException.ThrowIfNull(band);
        if (band.Index < 0 || band.Index >= Layout.BandLowerBounds.Length)
        {
            throw new ArgumentException($"Band '{band.Id}' has no lower bound in phase '{Id}': pass one of the model's bands.", nameof(band));
        }

        return Layout.BandLowerBounds[band.Index];
    }

    /// <summary>Gets the scoring function <paramref name="metric"/> is scored with in this phase.</summary>
    /// <param name="metric">A metric of the same model.</param>
    /// <returns>The compiled scoring function.</returns>
    public ScoringFunction GetScoringFunction(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Layout.Functions[metric.Index];
    }

    /// <summary>Gets the nominal share of the total weight <paramref name="metric"/> carries in this phase when every metric is present.</summary>
    /// <param name="metric">A metric of the same model.</param>
    /// <returns>A share between 0 and 1; the shares of all metrics add up to 1.</returns>
    public double GetNominalShare(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Layout.CoverageShares[metric.Index];
    }

    /// <summary>Returns the phase's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
