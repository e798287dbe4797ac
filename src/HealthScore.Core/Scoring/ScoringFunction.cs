using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// A compiled scoring function: maps a metric's raw value to a normalised value between 0 (worst) and 1 (best).
/// Instances are immutable and called concurrently on the scoring hot path, so implementations must be
/// thread-safe and must not allocate.
/// </summary>
public abstract class ScoringFunction
{
    /// <summary>Gets which way the raw value is good under this function.</summary>
    public abstract MetricDirection Direction { get; }

    /// <summary>Gets the raw value that earns full marks, shown as the target in explanations; <see langword="null"/> when there is none.</summary>
    public virtual double? Target => null;

    /// <summary>
    /// Maps a finite raw value to a normalised value in [0, 1], or to <see cref="double.NaN"/> when the value lies
    /// outside the function's domain and must count as missing. Values outside [0, 1] are clamped by the scorer.
    /// The function must be monotone in <see cref="Direction"/>, except the library's single-peaked and categorical functions.
    /// </summary>
    /// <param name="value">The raw value; never NaN or infinite.</param>
    /// <returns>The normalised value, or NaN for "treat as missing".</returns>
    public abstract double Normalize(double value);

    // Whether the function only rises or only falls with the raw value (in Direction); single-peaked and categorical functions do not.
    internal virtual bool IsMonotone => true;

    // Whether VectorNormalize gives, lane by lane, exactly what Normalize gives; the columnar scorer uses it then.
    internal virtual bool IsVectorized => false;

    // Normalize for Vector<double>.Count finite values at once; lanes holding non-finite input may hold anything.
    internal virtual System.Numerics.Vector<double> VectorNormalize(System.Numerics.Vector<double> value) => throw new NotSupportedException();
}
