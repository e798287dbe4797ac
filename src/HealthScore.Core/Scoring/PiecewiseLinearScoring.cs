using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Piecewise-linear through points (raw value → normalised value), clamped to the first and last point's scores
/// outside them. Points go in ascending raw value; scores must all rise or all fall.
/// </summary>
public sealed class PiecewiseLinearScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a function with no points; add at least two to <see cref="Points"/>.</summary>
    public PiecewiseLinearScoring()
    {
    }

    /// <summary>Creates a function through the given points.</summary>
    /// <param name="points">The points, in ascending raw value.</param>
    public PiecewiseLinearScoring(IEnumerable<ScoringPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = [.. points];
    }

    /// <summary>Gets the points, in ascending raw value.</summary>
    public List<ScoringPoint> Points { get; set; } = [];

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "piecewiseLinear";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors)
    {
        if (Points is null)
        {
            errors.Add(new ModelError(path + ".points", "is required: list at least two points."));
            return;
        }

        var index = Points.IndexOf(null!);
        if (index >= 0)
        {
            errors.Add(new ModelError(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}.points[{index}]"), "must not be null."));
            return;
        }

        MonotoneSteps.Validate(Points.Count, i => (Points[i].Value, Points[i].Score), path, "points", "value", 2, errors);
    }

    /// <inheritdoc/>
    public override ScoringFunction Compile()
    {
        var values = new double[Points.Count];
        var scores = new double[Points.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Points[i].Value;
            scores[i] = Points[i].Score;
        }

        return new PiecewiseLinearFunction(values, scores);
    }

}

internal sealed class PiecewiseLinearFunction : ScoringFunction
{
    private readonly double[] _values;
    private readonly double[] _scores;
    private readonly MetricDirection _direction;
    private readonly double _target;

    private readonly bool _peaked;

    /// <param name="values">The points' raw values, ascending.</param>
    /// <param name="scores">The points' scores.</param>
    /// <param name="peaked">Whether the scores rise to a peak and fall again (<see cref="PeakedScoring"/>): then the
    /// direction is higher-is-better (as below the peak) and the target is the peak.</param>
    public PiecewiseLinearFunction(double[] values, double[] scores, bool peaked = false)
    {
        _values = values;
        _scores = scores;
        _peaked = peaked;
        _direction = peaked ? MetricDirection.HigherIsBetter : MonotoneSteps.DirectionOf(scores[0], scores[^1]);
        _target = _direction == MetricDirection.HigherIsBetter ? FirstReaching(Max(scores)) : LastReaching(Max(scores));
    }

    public override MetricDirection Direction => _direction;

    internal override bool IsMonotone => !_peaked;

    public override double? Target => _target;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public override double Normalize(double value)
    {
        var values = _values;
        if (value <= values[0])
        {
            return _scores[0];
        }

        for (var i = 1; i < values.Length; i++)
        {
            if (value <= values[i])
            {
                var fraction = (value - values[i - 1]) / (values[i] - values[i - 1]);
                return _scores[i - 1] + (fraction * (_scores[i] - _scores[i - 1]));
            }
        }

        return _scores[^1];
    }

    internal override bool IsVectorized => true;

    // The first point whose value is not below the input decides, as in Normalize: later points are overridden by earlier ones.
    // Inlined into the columnar scorer, so the running sums it keeps in registers need not be saved around a call.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal override Vector<double> VectorNormalize(Vector<double> value) => VectorNormalize(new VectorLanes(value)).Value;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal TLanes VectorNormalize<TLanes>(TLanes value)
        where TLanes : struct, ILanes<TLanes>
    {
        var values = _values;
        var scores = _scores;
        var result = TLanes.Create(scores[^1]);
        for (var i = values.Length - 1; i >= 1; i--)
        {
            var fraction = (value - TLanes.Create(values[i - 1])) / TLanes.Create(values[i] - values[i - 1]);
            var interpolated = TLanes.Create(scores[i - 1]) + (fraction * TLanes.Create(scores[i] - scores[i - 1]));
            result = TLanes.Select(TLanes.LessThanOrEqual(value, TLanes.Create(values[i])), interpolated, result);
        }

        return TLanes.Select(TLanes.LessThanOrEqual(value, TLanes.Create(values[0])), TLanes.Create(scores[0]), result);
    }

    private static double Max(double[] scores)
    {
        var max = scores[0];
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        return max;
    }

    private double FirstReaching(double score)
    {
        for (var i = 0; i < _scores.Length; i++)
        {
            if (_scores[i] >= score)
            {
                return _values[i];
            }
        }

        return _values[^1];
    }

    private double LastReaching(double score)
    {
        for (var i = _scores.Length - 1; i >= 0; i--)
        {
            if (_scores[i] >= score)
            {
                return _values[i];
            }
        }

        return _values[0];
    }
}
