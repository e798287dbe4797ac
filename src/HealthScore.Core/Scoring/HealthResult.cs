using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// The health of one account under one model: score, band, phase and coverage. A value type that refers only
/// to the compiled model's immutable objects, so producing one allocates nothing.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct HealthResult
{
    // Plain doubles with presence flags beside the other flag, rather than two nullable doubles: 16 bytes smaller to write and copy.
    private readonly double _score;
    private readonly double _unroundedScore;
    private readonly bool _hasScore;
    private readonly bool _hasUnroundedScore;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal HealthResult(double? score, double? unroundedScore, Band band, Phase phase, double coverage, string modelHash, bool isBandForced = false)
    {
        IsBandForced = isBandForced;
        _hasScore = score.HasValue;
        _score = score.GetValueOrDefault();
        _hasUnroundedScore = unroundedScore.HasValue;
        _unroundedScore = unroundedScore.GetValueOrDefault();
        Band = band;
        Phase = phase;
        Coverage = coverage;
        ModelHash = modelHash;
    }

    /// <summary>
    /// Gets the score on the model's scale, rounded to the scale's decimals: the number shown, and the number the
    /// band was judged on. <see langword="null"/> when the data is insufficient.
    /// </summary>
    public double? Score => _hasScore ? _score : null;

    /// <summary>Gets the score before rounding: the scale's minimum plus every metric's points earned. <see langword="null"/> when the data is insufficient.</summary>
    public double? UnroundedScore => _hasUnroundedScore ? _unroundedScore : null;

    /// <summary>Gets the band the score falls in under the phase's thresholds, or the model's insufficient-data band.</summary>
    public Band Band { get; }

    /// <summary>Gets the phase the account was judged in.</summary>
    public Phase Phase { get; }

    /// <summary>Gets the share of the total weight (0 to 1) that rests on data the account actually has.</summary>
    public double Coverage { get; }

    /// <summary>Gets whether coverage was below the model's minimum, so there is no score.</summary>
    public bool IsInsufficientData => Score is null;

    /// <summary>Gets whether <see cref="Band"/> was forced by a band exception rather than judged from the score.</summary>
    public bool IsBandForced { get; }

    /// <summary>
    /// Returns this result with its band forced, as a band exception does (an open critical ticket ⇒ at risk,
    /// whatever the score): <c>result.WithBand(model.BandExceptions.Apply(context))</c>. The score is kept.
    /// </summary>
    /// <param name="band">The band to report; the same band returns this result unchanged.</param>
    /// <returns>The result with <see cref="Band"/> set and <see cref="IsBandForced"/> true when the band changed.</returns>
    public HealthResult WithBand(Band band)
    {
        ArgumentNullException.ThrowIfNull(band);
        return ReferenceEquals(band, Band) ? this : new HealthResult(Score, UnroundedScore, band, Phase, Coverage, ModelHash, isBandForced: true);
    }

    /// <summary>Gets the content hash of the model that produced this result.</summary>
    public string ModelHash { get; }
}
