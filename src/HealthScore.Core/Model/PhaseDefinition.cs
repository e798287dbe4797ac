using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// A lifecycle phase (onboarding, adoption, renewal, dormant…) in which an account is judged with its own
/// weights, scoring functions and band thresholds. Anything a phase does not override comes from the model.
/// </summary>
public sealed class PhaseDefinition
{
    /// <summary>Gets or sets the phase's id: letters, digits and underscores, starting with a letter or underscore.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name a person reads, in the model's language.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets the weights this phase overrides, by metric or group id.</summary>
    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets the scoring functions this phase replaces, by metric id.</summary>
    public Dictionary<string, ScoringFunctionDefinition> Scoring { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets the band lower bounds this phase overrides, by band id.</summary>
    public Dictionary<string, double> Bands { get; set; } = new(StringComparer.Ordinal);
}
