using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>Sets a phase's overrides; used by <see cref="HealthModelBuilder.AddPhase"/>.</summary>
public sealed class PhaseBuilder
{
    internal PhaseBuilder(PhaseDefinition definition)
    {
        Definition = definition;
    }

    /// <summary>Gets the phase being built.</summary>
    public PhaseDefinition Definition { get; }

    /// <summary>Overrides a metric's or group's weight in this phase.</summary>
    /// <param name="id">A metric or group id.</param>
    /// <param name="weight">The weight in this phase.</param>
    /// <returns>This builder.</returns>
    public PhaseBuilder SetWeight(string id, double weight)
    {
        Definition.Weights[id] = weight;
        return this;
    }

    /// <summary>Replaces a metric's scoring function in this phase (same direction, other parameters).</summary>
    /// <param name="metricId">A metric id.</param>
    /// <param name="scoring">The function in this phase.</param>
    /// <returns>This builder.</returns>
    public PhaseBuilder SetScoring(string metricId, ScoringFunctionDefinition scoring)
    {
        Definition.Scoring[metricId] = scoring;
        return this;
    }

    /// <summary>Overrides a band's lower bound in this phase.</summary>
    /// <param name="bandId">A band id.</param>
    /// <param name="lowerBound">The band's lowest score in this phase.</param>
    /// <returns>This builder.</returns>
    public PhaseBuilder SetBandLowerBound(string bandId, double lowerBound)
    {
        Definition.Bands[bandId] = lowerBound;
        return this;
    }
}
