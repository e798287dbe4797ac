using System.Globalization;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Single-peaked: piecewise-linear through points (raw value → normalised value) whose scores rise to a best value
/// and then fall, for a metric that is best in the middle (credit utilisation, seats used against seats bought).
/// Clamped to the first and last point's scores outside them, like <see cref="PiecewiseLinearScoring"/>. The
/// metric's direction is higher-is-better (as below the peak) and its target, in explanations, is the peak.
/// </summary>
public sealed class PeakedScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a function with no points; add at least three to <see cref="Points"/>.</summary>
    public PeakedScoring()
    {
    }

    /// <summary>Creates a function through the given points.</summary>
    /// <param name="points">The points, in ascending raw value; their scores rise, then fall.</param>
    public PeakedScoring(IEnumerable<ScoringPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = [.. points];
    }

    /// <summary>Gets the points, in ascending raw value.</summary>
    public List<ScoringPoint> Points { get; set; } = [];

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => "singlePeaked";

    /// <inheritdoc/>
    public override void Validate(string path, ICollection<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Points is null || Points.Count < 3)
        {
            errors.Add(new ModelError(path + ".points", string.Create(CultureInfo.InvariantCulture, $"needs at least 3 points, rising to the best value and falling after it; it has {Points?.Count ?? 0}.")));
            return;
        }

        var index = Points.IndexOf(null!);
        if (index >= 0)
        {
            errors.Add(new ModelError(string.Create(CultureInfo.InvariantCulture, $"{path}.points[{index}]"), "must not be null."));
            return;
        }

        var count = errors.Count;
        for (var i = 0; i < Points.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.points[{i}]");
            if (!double.IsFinite(Points[i].Value))
            {
                errors.Add(new ModelError(itemPath + ".value", "must be a finite number."));
            }
            else if (i > 0 && double.IsFinite(Points[i - 1].Value) && Points[i].Value <= Points[i - 1].Value)
            {
                errors.Add(new ModelError(itemPath + ".value", string.Create(CultureInfo.InvariantCulture, $"must be greater than the previous point's value ({Points[i - 1].Value}): points go in ascending order.")));
            }

            if (!double.IsFinite(Points[i].Score) || Points[i].Score < 0 || Points[i].Score > 1)
            {
                errors.Add(new ModelError(itemPath + ".score", "must be a number between 0 (worst) and 1 (best)."));
            }
        }

        if (errors.Count > count)
        {
            return;
        }

        // Rising (or flat) up to the first best point, falling (or flat) after the last one, best only in between.
        var best = Points.Max(static p => p.Score);
        var first = Points.FindIndex(p => p.Score == best);
        var last = Points.FindLastIndex(p => p.Score == best);
        var shape = true;
        for (var i = 1; i < Points.Count; i++)
        {
            shape &= i <= first ? Points[i].Score >= Points[i - 1].Score : i > last ? Points[i].Score <= Points[i - 1].Score : Points[i].Score == best;
        }

        if (!shape)
        {
            errors.Add(new ModelError(path + ".points", "scores must rise to the best value and fall after it (one peak); for a function that only rises or only falls use piecewiseLinear."));
        }
        else if (first == 0 || last == Points.Count - 1)
        {
            errors.Add(new ModelError(path + ".points", "the best value is at an end, so the scores only rise or only fall: use piecewiseLinear."));
        }
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

        return new PiecewiseLinearFunction(values, scores, peaked: true);
    }
}
