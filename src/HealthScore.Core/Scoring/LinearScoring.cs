using System.Numerics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Linear between a worst and a best raw value, clamped outside them: <c>worst</c> scores 0, <c>best</c> scores 1.
/// The direction follows their order (best above worst: higher is better).
/// </summary>
public sealed class LinearScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a linear function with both ends at 0; set <see cref="Worst"/> and <see cref="Best"/>.</summary>
    public LinearScoring()
    {
    }

    /// <summary>Creates a linear function.</summary>
    /// <param name="worst">The raw value that scores 0.</param>
    /// <param name="best">The raw value that scores 1.</param>
    public LinearScoring(double worst, double best)
    {
        Worst = worst;
        Best = best;
    }

    /// <summary>Gets or sets the raw value that scores 0; values beyond it also score 0.</summary>
    public double Worst { get; set; }

    /// <summary>Gets or sets the raw value that scores 1; values beyond it also score 1.</summary>
    public double Best { get; set; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "linear";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors) =>
        LinearRange.Validate(Worst, Best, path, errors);

    /// <inheritdoc/>
    public override ScoringFunction Compile() => new LinearFunction(Worst, Best, bounded: false);

}

internal static class LinearRange
{
    public static void Validate(double worst, double best, string path, ICollection<ModelError> errors)
    {
        var finite = double.IsFinite(worst) & double.IsFinite(best);
        if (!double.IsFinite(worst))
        {
            errors.Add(new ModelError(path + ".worst", "must be a finite number."));
        }

        if (!double.IsFinite(best))
        {
            errors.Add(new ModelError(path + ".best", "must be a finite number."));
        }

        if (finite && worst == best)
        {
            errors.Add(new ModelError(
                path + ".best",
                string.Create(CultureInfo.InvariantCulture, $"must differ from worst ({worst}): a function whose worst equals its best cannot tell accounts apart.")));
        }
    }
}

internal sealed class LinearFunction : ScoringFunction
{
    private readonly double _worst;
    private readonly double _best;
    private readonly double _low;
    private readonly double _high;
    private readonly double _inverseSpan;
    private readonly bool _bounded;

    public LinearFunction(double worst, double best, bool bounded)
    {
        _worst = worst;
        _best = best;
        _low = Math.Min(worst, best);
        _high = Math.Max(worst, best);
        _inverseSpan = 1.0 / (best - worst);
        _bounded = bounded;
    }

    public bool IsClamped => !_bounded;

    internal override bool IsVectorized => true;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal override Vector<double> VectorNormalize(Vector<double> value) => VectorNormalize(new VectorLanes(value)).Value;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal TLanes VectorNormalize<TLanes>(TLanes value)
        where TLanes : struct, ILanes<TLanes>
    {
        var normalized = TLanes.ClampUnit((value - TLanes.Create(_worst)) * TLanes.Create(_inverseSpan));
        if (!_bounded)
        {
            return normalized;
        }

        var outside = TLanes.LessThan(value, TLanes.Create(_low)) | TLanes.GreaterThan(value, TLanes.Create(_high));
        return TLanes.Select(outside, TLanes.Create(double.NaN), normalized);
    }

    public double Worst => _worst;

    public double InverseSpan => _inverseSpan;

    public override MetricDirection Direction => _best > _worst ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter;

    public override double? Target => _best;

    public override double Normalize(double value)
    {
        if (value < _low || value > _high)
        {
            if (_bounded)
            {
                return double.NaN;
            }
        }

        var normalized = (value - _worst) * _inverseSpan;
        return Math.Clamp(normalized, 0.0, 1.0);
    }
}
