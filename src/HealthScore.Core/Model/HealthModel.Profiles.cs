namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    /// <summary>Gets the profiles: the scorecards segments of accounts are scored with. Empty when the model is one scorecard.</summary>
    public IReadOnlyList<Profile> Profiles { get; }

    /// <summary>Gets the model's profile rules (first match wins, with the default profile), or <see langword="null"/> when the model has no profiles.</summary>
    public Rules.ProfileResolver? ProfileRules { get; }

    /// <summary>
    /// For a profile's scorecard, the position in its groups of each group of the model's catalogue that rules may
    /// name (by id), -1 where the profile has no such group; <see langword="null"/> for a model's own scorecard.
    /// </summary>
    internal int[]? RuleGroups { get; }

    /// <summary>Gets a profile by id.</summary>
    /// <param name="id">The profile's id.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such profile; the message suggests the closest id.</exception>
    public Profile GetProfile(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryGetProfile(id, out var profile)
            ? profile
            : throw new KeyNotFoundException($"Model '{Id}' has no profile '{id}'.{IdSuggestions.DidYouMean(id, Profiles.Select(p => p.Id))}");
    }

    /// <summary>Tries to get a profile by id.</summary>
    /// <param name="id">The profile's id.</param>
    /// <param name="profile">The profile, when found.</param>
    /// <returns><see langword="true"/> when the model has the profile.</returns>
    public bool TryGetProfile(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Profile? profile)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var candidate in Profiles)
        {
            if (candidate.Id == id)
            {
                profile = candidate;
                return true;
            }
        }

        profile = null;
        return false;
    }
}
