namespace HealthScore.Core.Model;

/// <summary>"Did you mean" suggestions for unknown ids, by edit distance.</summary>
internal static class IdSuggestions
{
    /// <summary>Returns the closest candidate within a small edit distance, or <see langword="null"/>.</summary>
    public static string? Closest(string unknown, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(2, unknown.Length / 3);

        // A name far longer than any id cannot be a typo of one; measuring it would only cost time.
        if (unknown.Length > HealthModelLimits.MaxIdLength * 2)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            // Suggesting the very name that was not found helps no one.
            if (candidate is null || candidate == unknown || Math.Abs(candidate.Length - unknown.Length) > limit)
            {
                continue;
            }

            var distance = Distance(unknown, candidate);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : WordMatch(unknown, candidates);
    }

    /// <summary>
    /// A candidate that is the unknown id with words added or left out at either end (<c>nps</c> for <c>nps_score</c>,
    /// <c>login_count</c> for <c>login</c>): too far apart for a typo, but plainly the same name. The longest wins.
    /// </summary>
    private static string? WordMatch(string unknown, IEnumerable<string> candidates)
    {
        string? best = null;
        foreach (var candidate in candidates)
        {
            if (candidate is null || candidate.Length == 0 || candidate == unknown)
            {
                continue;
            }

            var (shorter, longer) = candidate.Length < unknown.Length ? (candidate, unknown) : (unknown, candidate);
            var match = longer.StartsWith(shorter + "_", StringComparison.OrdinalIgnoreCase) || longer.EndsWith("_" + shorter, StringComparison.OrdinalIgnoreCase);
            if (match && (best is null || candidate.Length > best.Length || (candidate.Length == best.Length && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Formats " Did you mean 'x'?" or an empty string.</summary>
    public static string DidYouMean(string unknown, IEnumerable<string> candidates)
    {
        var closest = Closest(unknown, candidates);
        return closest is null ? string.Empty : $" Did you mean '{closest}'?";
    }

    private static int Distance(string a, string b)
    {
        // Case-insensitive Levenshtein distance on two rows; ids are short.
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
