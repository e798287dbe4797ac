using System.Runtime.InteropServices;
using HealthScore.Core.Model;

namespace HealthScore.Core.Trend;

/// <summary>How an account's health moved between a previous and a current result.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct HealthTrend
{
    internal HealthTrend(double? delta, TrendDirection direction, Band previousBand, Band currentBand, Phase previousPhase, Phase currentPhase, int changeCount, bool modelChanged = false)
    {
        Delta = delta;
        Direction = direction;
        PreviousBand = previousBand;
        CurrentBand = currentBand;
        PreviousPhase = previousPhase;
        CurrentPhase = currentPhase;
        ChangeCount = changeCount;
        ModelChanged = modelChanged;
    }

    /// <summary>Gets the current score minus the previous one, on the model's scale and rounding; <see langword="null"/> when either has no score.</summary>
    public double? Delta { get; }

    /// <summary>Gets which way the score moved, after the model's dead band.</summary>
    public TrendDirection Direction { get; }

    /// <summary>Gets the previous band.</summary>
    public Band PreviousBand { get; }

    /// <summary>Gets the current band.</summary>
    public Band CurrentBand { get; }

    /// <summary>Gets whether the band changed.</summary>
    public bool BandChanged => !ReferenceEquals(PreviousBand, CurrentBand);

    /// <summary>Gets the previous phase.</summary>
    public Phase PreviousPhase { get; }

    /// <summary>Gets the current phase.</summary>
    public Phase CurrentPhase { get; }

    /// <summary>Gets whether the phase changed.</summary>
    public bool PhaseChanged => !ReferenceEquals(PreviousPhase, CurrentPhase);

    /// <summary>
    /// Gets whether the previous result came from another version of the model (another content hash): the delta
    /// still compares the two scores, but the metric changes cover only the metrics both versions share.
    /// </summary>
    public bool ModelChanged { get; }

    /// <summary>Gets how many metric changes were written to the caller's buffer, largest first.</summary>
    public int ChangeCount { get; }
}
