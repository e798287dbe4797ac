using HealthScore.Core.Pipeline;

namespace HealthScore.Core.History;

/// <summary>The checks every store makes on what it is given to keep, so that what it reads back is always usable.</summary>
public static class HistoryChecks
{
    /// <summary>Checks a list of overrides to store and copies it.</summary>
    /// <param name="overrides">The overrides.</param>
    /// <returns>A copy, in the same order.</returns>
    /// <exception cref="ArgumentException">An override is null, has no author, a target that is not score, band or metric, or a value that is not a finite number.</exception>
    public static HealthOverride[] Overrides(IReadOnlyList<HealthOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var copy = new HealthOverride[overrides.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var item = overrides[i] ?? throw new ArgumentException($"Override {i} is null.", nameof(overrides));
            if (string.IsNullOrWhiteSpace(item.Author))
            {
                throw new ArgumentException($"Override {i} has no author; an override names who set it.", nameof(overrides));
            }

            if (!Enum.IsDefined(item.Target))
            {
                throw new ArgumentException($"Override {i} has target {(int)item.Target}; it must be score, band or metric.", nameof(overrides));
            }

            if (item.Value is { } value && !double.IsFinite(value))
            {
                throw new ArgumentException($"Override {i} has value {value}; an override's value is a finite number.", nameof(overrides));
            }

            copy[i] = item;
        }

        return copy;
    }
}
