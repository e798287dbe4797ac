namespace HealthScore.Core.Model;

/// <summary>
/// A profile: one scorecard of the model for a segment of accounts (enterprise, SMB…), with its own groups and weights
/// over the model's one metric catalogue, and optionally its own bands and phase overrides. What a profile does not
/// set it takes from the model.
/// </summary>
public sealed class ProfileDefinition
{
    /// <summary>Gets or sets the profile's id: letters, digits and underscores, starting with a letter or underscore.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name a person reads, in the model's language.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets the profile's top-level groups; their metrics are the model's, named by id, with the profile's weights.</summary>
    public List<ProfileGroupDefinition> Groups { get; set; } = [];

    /// <summary>
    /// Gets the profile's bands: the model's bands (the same ids, in the same order) with the profile's lower bounds,
    /// labels and colours. When empty, the profile uses the model's bands.
    /// </summary>
    public List<BandDefinition> Bands { get; set; } = [];

    /// <summary>
    /// Gets the profile's phases: each one of the model's phases (by id) with the overrides this profile applies in it,
    /// over the profile's groups and metrics. A phase the profile does not list keeps the model's overrides, as far as
    /// they name metrics and groups the profile has.
    /// </summary>
    public List<PhaseDefinition> Phases { get; set; } = [];
}
