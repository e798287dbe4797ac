namespace HealthScore.Core.Rules;

/// <summary>
/// Chooses an account's profile (for example SMB or enterprise, each with its own model) from ordered rules: the
/// first rule whose condition holds names the profile, and the default applies when none does. Profiles are chosen
/// before a model is, so profile rules may read account fields, consents, <c>tenure_days</c> and
/// <c>days_to_renewal</c> only. Immutable and thread-safe.
/// </summary>
public sealed class ProfileSelector
{
    private readonly Rule[] _rules;
    private readonly string[] _profiles;

    private ProfileSelector(Rule[] rules, string[] profiles, string defaultProfile)
    {
        _rules = rules;
        _profiles = profiles;
        DefaultProfile = defaultProfile;
    }

    /// <summary>Gets the compiled rules, in order.</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>Gets the profile used when no rule matches.</summary>
    public string DefaultProfile { get; }

    /// <summary>Compiles profile rules.</summary>
    /// <param name="profileIds">The profiles that exist.</param>
    /// <param name="rules">The rules in order; each <see cref="RuleDefinition.Then"/> is one of <paramref name="profileIds"/>.</param>
    /// <param name="defaultProfileId">The profile used when no rule matches; one of <paramref name="profileIds"/>.</param>
    /// <param name="schema">The account fields and consents the rules may read, or <see langword="null"/> for none.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="Model.HealthModelException">A rule is invalid; every problem is listed.</exception>
    public static ProfileSelector Compile(IReadOnlyCollection<string> profileIds, IReadOnlyList<RuleDefinition> rules, string defaultProfileId, AccountSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(defaultProfileId);
        var errors = new List<RuleError>();
        var bound = OrderedRules.Bind(rules, null, schema, RuleScope.Profile, "profile", profileIds, errors);
        if (!profileIds.Contains(defaultProfileId))
        {
            errors.Add(new RuleError(-1, null, Model.ModelErrorKind.Value, 0, 0, $"the default profile '{Model.ErrorText.Quote(defaultProfileId)}' is not one of the profiles.{Model.IdSuggestions.DidYouMean(defaultProfileId, profileIds)}"));
        }

        RuleError.ThrowIfAny(errors, "profileRules");
        var compiled = OrderedRules.Complete(bound);
        var profiles = new string[compiled.Length];
        for (var i = 0; i < compiled.Length; i++)
        {
            profiles[i] = rules[i].Then;
        }

        return new ProfileSelector(compiled, profiles, defaultProfileId);
    }

    /// <summary>Chooses the profile of one account. Allocates nothing and never throws.</summary>
    /// <param name="context">The account's fields, consents and lifecycle facts.</param>
    /// <returns>The profile id of the first matching rule, or <see cref="DefaultProfile"/>.</returns>
    public string Select(in RuleContext context)
    {
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Program.Evaluate(context))
            {
                return _profiles[i];
            }
        }

        return DefaultProfile;
    }
}
