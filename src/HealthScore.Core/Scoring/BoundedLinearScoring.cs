using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Linear between a worst and a best raw value; a value outside that range is treated as missing rather than
/// clamped (for inputs where out-of-range means "not measured properly").
/// </summary>
public sealed class BoundedLinearScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a bounded linear function with both ends at 0; set <see cref="Worst"/> and <see cref="Best"/>.</summary>
    public BoundedLinearScoring()
    {
    }

    /// <summary>Creates a bounded linear function.</summary>
    /// <param name="worst">The raw value that scores 0.</param>
    /// <param name="best">The raw value that scores 1.</param>
    public BoundedLinearScoring(double worst, double best)
    {
        Worst = worst;
        Best = best;
    }

    /// <summary>Gets or sets the raw value that scores 0.</summary>
    public double Worst { get; set; }

    /// <summary>Gets or sets the raw value that scores 1.</summary>
    public double Best { get; set; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "boundedLinear";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors) =>
        LinearRange.Validate(Worst, Best, path, errors);

    /// <inheritdoc/>
    public override ScoringFunction Compile() => new LinearFunction(Worst, Best, bounded: true);

}
