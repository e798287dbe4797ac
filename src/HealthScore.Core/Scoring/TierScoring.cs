using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Tiers: every raw value from a tier's lower bound up to the next tier's scores that tier's fixed normalised
/// value (for example poor / average / good → 0 / 0.6 / 1). Values below the first tier count as the first tier.
/// Tiers go in ascending lower bound; scores must all rise or all fall.
/// </summary>
public sealed class TierScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a function with no tiers; add at least two to <see cref="Tiers"/>.</summary>
    public TierScoring()
    {
    }

    /// <summary>Creates a function with the given tiers.</summary>
    /// <param name="tiers">The tiers, in ascending lower bound.</param>
    public TierScoring(IEnumerable<ScoringTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        Tiers = [.. tiers];
    }

    /// <summary>Gets the tiers, in ascending lower bound.</summary>
    public List<ScoringTier> Tiers { get; set; } = [];

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "tiers";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors)
    {
        if (Tiers is null)
        {
            errors.Add(new ModelError(path + ".tiers", "is required: list at least two tiers."));
            return;
        }

        var index = Tiers.IndexOf(null!);
        if (index >= 0)
        {
            errors.Add(new ModelError(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}.tiers[{index}]"), "must not be null."));
            return;
        }

        MonotoneSteps.Validate(Tiers.Count, i => (Tiers[i].From, Tiers[i].Score), path, "tiers", "from", 2, errors);
    }

    /// <inheritdoc/>
    public override ScoringFunction Compile() => Compile(ThresholdBoundary.IncludeLower);

    internal override ScoringFunction Compile(ThresholdBoundary thresholds)
    {
        var bounds = new double[Tiers.Count];
        var cutoffs = new double[Tiers.Count];
        var scores = new double[Tiers.Count];
        for (var i = 0; i < bounds.Length; i++)
        {
            bounds[i] = Tiers[i].From;
            cutoffs[i] = ThresholdCutoffs.Of(Tiers[i].From, thresholds);
            scores[i] = Tiers[i].Score;
        }

        return new TierFunction(bounds, cutoffs, scores);
    }

}

internal sealed class TierFunction : ScoringFunction
{
    private readonly double[] _bounds;
    private readonly double[] _cutoffs;
    private readonly double[] _scores;
    private readonly MetricDirection _direction;

    /// <param name="bounds">Each tier's declared lower bound.</param>
    /// <param name="cutoffs">The smallest value in each tier: the bound itself, or the next number above it when thresholds include their upper bound.</param>
    /// <param name="scores">Each tier's normalised value.</param>
    public TierFunction(double[] bounds, double[] cutoffs, double[] scores)
    {
        _bounds = bounds;
        _cutoffs = cutoffs;
        _scores = scores;
        _direction = MonotoneSteps.DirectionOf(scores[0], scores[^1]);
    }

    public override MetricDirection Direction => _direction;

    public override double? Target => _direction == MetricDirection.HigherIsBetter ? _bounds[^1] : _bounds[0];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public override double Normalize(double value)
    {
        var bounds = _cutoffs;
        var tier = 0;
        for (var i = 1; i < bounds.Length; i++)
        {
            if (value >= bounds[i])
            {
                tier = i;
            }
        }

        return _scores[tier];
    }

    internal override bool IsVectorized => true;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal override Vector<double> VectorNormalize(Vector<double> value) => VectorNormalize(new VectorLanes(value)).Value;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal TLanes VectorNormalize<TLanes>(TLanes value)
        where TLanes : struct, ILanes<TLanes>
    {
        var result = TLanes.Create(_scores[0]);
        for (var i = 1; i < _cutoffs.Length; i++)
        {
            result = TLanes.Select(TLanes.GreaterThanOrEqual(value, TLanes.Create(_cutoffs[i])), TLanes.Create(_scores[i]), result);
        }

        return result;
    }
}
