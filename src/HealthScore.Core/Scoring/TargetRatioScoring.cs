using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Ratio to a target. Higher is better: <c>value / target</c>, capped at 1 (reaching the target earns full marks).
/// Lower is better: 1 at or below the target, then <c>target / value</c> above it.
/// Negative raw values score 0 when higher is better and 1 when lower is better.
/// </summary>
public sealed class TargetRatioScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a ratio-to-target function with target 1; set <see cref="Target"/>.</summary>
    public TargetRatioScoring()
    {
    }

    /// <summary>Creates a ratio-to-target function.</summary>
    /// <param name="target">The raw value that earns full marks; positive.</param>
    /// <param name="direction">Which way the raw value is good.</param>
    public TargetRatioScoring(double target, MetricDirection direction = MetricDirection.HigherIsBetter)
    {
        Target = target;
        Direction = direction;
    }

    /// <summary>Gets or sets the raw value that earns full marks; must be positive.</summary>
    /// <value>The default value is 1.</value>
    public double Target { get; set; } = 1;

    /// <summary>Gets or sets which way the raw value is good.</summary>
    /// <value>The default value is <see cref="MetricDirection.HigherIsBetter"/>.</value>
    public MetricDirection Direction { get; set; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "targetRatio";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors)
    {
        if (RequireFinite(Target, path + ".target", errors) && Target <= 0)
        {
            errors.Add(new ModelError(path + ".target", "must be a positive number: it is the value that earns full marks."));
        }

        if (!Enum.IsDefined(Direction))
        {
            errors.Add(new ModelError(path + ".direction", "must be higherIsBetter or lowerIsBetter."));
        }
    }

    /// <inheritdoc/>
    public override ScoringFunction Compile() => new TargetRatioFunction(Target, Direction);

}

internal sealed class TargetRatioFunction(double target, MetricDirection direction) : ScoringFunction
{
    public override MetricDirection Direction => direction;

    public override double? Target => target;

    public override double Normalize(double value)
    {
        if (direction == MetricDirection.HigherIsBetter)
        {
            return value <= 0 ? 0.0 : Math.Min(value / target, 1.0);
        }

        return value <= target ? 1.0 : target / value;
    }

    internal override bool IsVectorized => true;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal override Vector<double> VectorNormalize(Vector<double> value) => VectorNormalize(new VectorLanes(value)).Value;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal TLanes VectorNormalize<TLanes>(TLanes value)
        where TLanes : struct, ILanes<TLanes>
    {
        var goal = TLanes.Create(target);
        var zero = TLanes.Create(0);
        var one = TLanes.Create(1);
        if (direction == MetricDirection.HigherIsBetter)
        {
            return TLanes.Select(TLanes.LessThanOrEqual(value, zero), zero, TLanes.Min(value / goal, one));
        }

        return TLanes.Select(TLanes.LessThanOrEqual(value, goal), one, goal / value);
    }
}
