namespace HealthScore.Core.Model;

/// <summary>
/// A profile of a compiled <see cref="HealthModel"/>: the scorecard a segment of accounts is scored with. Its
/// <see cref="Scorecard"/> lays the profile's groups, weights, bands and phases over the model's metric catalogue, so
/// metric values indexed by <see cref="Metric.Index"/> score in every profile. Immutable.
/// </summary>
public sealed class Profile
{
    internal Profile(int index, string id, string label, HealthModel scorecard)
    {
        Index = index;
        Id = id;
        Label = label;
        Scorecard = scorecard;
    }

    /// <summary>Gets the profile's position in <see cref="HealthModel.Profiles"/>.</summary>
    public int Index { get; }

    /// <summary>Gets the profile's id.</summary>
    public string Id { get; }

    /// <summary>Gets the name a person reads.</summary>
    public string Label { get; }

    /// <summary>
    /// Gets the profile's scorecard: a model with the same id, hash, metrics, rules and actions as the model the
    /// profile belongs to, and the profile's groups, bands and phases. Score with it like with any model; a metric
    /// the profile does not use is <see cref="Scoring.MetricStatus.NotScored"/> and carries no weight.
    /// </summary>
    public HealthModel Scorecard { get; }

    /// <summary>Returns the profile's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
