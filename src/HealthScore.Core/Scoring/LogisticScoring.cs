using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Logistic (S-shaped): <c>1 / (1 + e^(−steepness × (value − midpoint)))</c>. The midpoint scores 0.5; a positive
/// steepness means higher is better, a negative one lower is better. Good for signals with diminishing returns
/// at both ends.
/// </summary>
public sealed class LogisticScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a logistic function with midpoint 0 and steepness 1.</summary>
    public LogisticScoring()
    {
    }

    /// <summary>Creates a logistic function.</summary>
    /// <param name="midpoint">The raw value that scores 0.5.</param>
    /// <param name="steepness">How fast the score moves around the midpoint, per unit of raw value; its sign gives the direction.</param>
    public LogisticScoring(double midpoint, double steepness)
    {
        Midpoint = midpoint;
        Steepness = steepness;
    }

    /// <summary>Gets or sets the raw value that scores 0.5.</summary>
    public double Midpoint { get; set; }

    /// <summary>Gets or sets how fast the score moves around the midpoint; positive means higher is better.</summary>
    /// <value>The default value is 1.</value>
    public double Steepness { get; set; } = 1;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "logistic";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors)
    {
        RequireFinite(Midpoint, path + ".midpoint", errors);
        if (RequireFinite(Steepness, path + ".steepness", errors) && Steepness == 0)
        {
            errors.Add(new ModelError(path + ".steepness", "must not be 0: a flat function cannot tell accounts apart. Use a positive value when higher is better, a negative one when lower is better."));
        }
    }

    /// <inheritdoc/>
    public override ScoringFunction Compile() => new LogisticFunction(Midpoint, Steepness);

}

internal sealed class LogisticFunction(double midpoint, double steepness) : ScoringFunction
{
    public override MetricDirection Direction => steepness > 0 ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter;

    public override double? Target => midpoint;

    // Vectorised: DeterministicExp gives the same bits one value at a time and on vector lanes.
    internal override bool IsVectorized => true;

    public override double Normalize(double value)
    {
        var exponent = -steepness * (value - midpoint);

        // e^700 is finite, so the result stays a (tiny) positive number; −∞ gives e^−∞ = 0 and exactly 1.
        exponent = exponent > MaximumExponent ? MaximumExponent : exponent;
        return 1.0 / (1.0 + DeterministicExp.Exp(exponent));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal override Vector<double> VectorNormalize(Vector<double> value) => VectorNormalize(new VectorLanes(value)).Value;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal TLanes VectorNormalize<TLanes>(TLanes value)
        where TLanes : struct, ILanes<TLanes>
    {
        var exponent = TLanes.Create(-steepness) * (value - TLanes.Create(midpoint));
        var maximum = TLanes.Create(MaximumExponent);
        exponent = TLanes.Select(TLanes.GreaterThan(exponent, maximum), maximum, exponent);
        var one = TLanes.Create(1);
        return one / (one + DeterministicExp.Exp(exponent));
    }

    private const double MaximumExponent = 700;
}
