using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Pipeline;

public sealed partial class AccountHealth
{
    /// <summary>Gets the profile the account was scored with, or <see langword="null"/> when the model has no profiles.</summary>
    public Profile? Profile { get; private set; }

    /// <summary>Gets where <see cref="Profile"/> came from: a profile rule, the host, or the model's default profile.</summary>
    public ProfileSource ProfileSource { get; private set; }

    /// <summary>Gets the profile rule that chose <see cref="Profile"/>, or <see langword="null"/>.</summary>
    public Rule? ProfileRule { get; private set; }

    internal void SetProfile(Profile profile, ProfileSource source, Rule? rule)
    {
        Profile = profile;
        ProfileSource = source;
        ProfileRule = rule;
    }
}
