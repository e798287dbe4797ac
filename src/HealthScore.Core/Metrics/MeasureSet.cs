using System.Runtime.CompilerServices;

namespace HealthScore.Core.Metrics;

/// <summary>A set of a family's measures, by their numbers (0 to <see cref="Capacity"/> − 1), as a bit mask.</summary>
internal readonly struct MeasureSet
{
    /// <summary>The most measures a family may have.</summary>
    public const int Capacity = 32;

    private readonly uint _bits;

    private MeasureSet(uint bits) => _bits = bits;

    /// <summary>Gets whether the set is empty.</summary>
    public bool IsEmpty => _bits == 0;

    /// <summary>Returns the set with the measure numbered <paramref name="measure"/> added.</summary>
    /// <param name="measure">The measure's number, 0 to <see cref="Capacity"/> − 1.</param>
    /// <returns>The new set.</returns>
    public MeasureSet With(int measure) => new(_bits | (1u << measure));

    /// <summary>Whether the set holds the measure numbered <paramref name="measure"/>.</summary>
    /// <param name="measure">The measure's number.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int measure) => (_bits & (1u << measure)) != 0;

    /// <summary>Whether the set holds any measure of <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns><see langword="true"/> when the two sets share a measure.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Overlaps(MeasureSet other) => (_bits & other._bits) != 0;

    /// <summary>The set of the given measure numbers.</summary>
    /// <param name="measures">The numbers.</param>
    /// <returns>The set.</returns>
    public static MeasureSet Of(params ReadOnlySpan<int> measures)
    {
        var set = default(MeasureSet);
        foreach (var measure in measures)
        {
            set = set.With(measure);
        }

        return set;
    }
}
