using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// Resolves an account's profile of a <see cref="HealthModel"/> from the model's ordered profile rules: the first rule
/// whose condition holds names the profile, and the default applies when none does. Profile rules read account
/// fields, consents, <c>tenure_days</c> and <c>days_to_renewal</c> only. Immutable and thread-safe.
/// </summary>
public sealed class ProfileResolver
{
    private readonly Rule[] _rules;
    private readonly Profile[] _profiles;

    internal ProfileResolver(Rule[] rules, Profile[] profiles, Profile defaultProfile)
    {
        _rules = rules;
        _profiles = profiles;
        DefaultProfile = defaultProfile;
    }

    /// <summary>Gets the compiled rules, in order.</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>Gets the profile used when no rule matches.</summary>
    public Profile DefaultProfile { get; }

    /// <summary>Resolves the profile of one account and says which rule chose it. Allocates nothing and never throws.</summary>
    /// <param name="context">The account's fields, consents and lifecycle facts.</param>
    /// <param name="ruleIndex">The index in <see cref="Rules"/> of the rule that matched, or -1 when the default applied.</param>
    /// <returns>The profile of the first matching rule, or <see cref="DefaultProfile"/>.</returns>
    public Profile Resolve(in RuleContext context, out int ruleIndex)
    {
        ruleIndex = OrderedRules.FirstMatch(_rules, context);
        return ruleIndex >= 0 ? _profiles[ruleIndex] : DefaultProfile;
    }
}
