using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// Profiles: for a model with profiles, the engine chooses each account's profile (the host's, else the profile
/// rules over the account's facts, else the default) and evaluates the account with that profile's engine, whose
/// model is the profile's scorecard.
/// </summary>
public sealed partial class HealthEngine
{
    // One engine per profile, over the profile's scorecard; null for a model without profiles.
    private readonly HealthEngine[]? _profileEngines;

    private static HealthEngine[]? ProfileEngines(HealthModel model)
    {
        if (model.Profiles.Count == 0)
        {
            return null;
        }

        var engines = new HealthEngine[model.Profiles.Count];
        for (var i = 0; i < engines.Length; i++)
        {
            engines[i] = new HealthEngine(model.Profiles[i].Scorecard);
        }

        return engines;
    }

    internal HealthWorkspace[]? CreateProfileWorkspaces() =>
        _profileEngines is null ? null : Array.ConvertAll(_profileEngines, static engine => engine.CreateWorkspace());

    private AccountHealth EvaluateInProfile(in AccountInput input, HealthWorkspace workspace)
    {
        var model = Model;
        var facts = Facts(input, workspace);
        var context = FactsContext(facts, input.AsOf);

        Profile profile;
        var source = ProfileSource.Given;
        Rule? rule = null;
        if (input.Profile is { } given)
        {
            if ((uint)given.Index >= (uint)model.Profiles.Count || !ReferenceEquals(model.Profiles[given.Index], given))
            {
                throw new ArgumentException($"Profile '{given.Id}' belongs to another model; take profiles from this engine's model (GetProfile).", nameof(input));
            }

            profile = given;
        }
        else
        {
            profile = model.ProfileRules!.Resolve(context, out var ruleIndex);
            source = ruleIndex >= 0 ? ProfileSource.Rule : ProfileSource.Default;
            rule = ruleIndex >= 0 ? model.ProfileRules.Rules[ruleIndex] : null;
        }

        // The values (given, or from records) and facts are the model's; the profile's engine scores them as they are.
        FillValues(input, workspace.Values);
        var scorecard = profile.Scorecard;
        var inProfile = input with { Facts = facts, Records = null, MetricValues = workspace.Values, Phase = PhaseIn(scorecard, input.Phase) };
        var health = _profileEngines![profile.Index].Evaluate(inProfile, workspace.ProfileWorkspaces![profile.Index]);
        health.SetProfile(profile, source, rule);
        return health;
    }

    // What rules read of the account itself as of a date: its fields, consents, tenure and days to renewal.
    private static RuleContext FactsContext(AccountFacts facts, DateTimeOffset asOf) => new()
    {
        TenureDays = facts.TenureAsOf(asOf),
        DaysToRenewal = facts.DaysToRenewalAsOf(asOf),
        Numbers = facts.Numbers,
        Texts = facts.Texts,
        Consents = facts.Consents,
        AsOfDate = DateOnly.FromDateTime(asOf.DateTime),
    };

    // A phase of the model is the phase of the same position in the scorecard (profiles list the model's phases).
    private Phase? PhaseIn(HealthModel scorecard, Phase? given)
    {
        var model = Model;
        if (given is null)
        {
            return null;
        }

        if (ReferenceEquals(given, model.DefaultPhase))
        {
            return scorecard.DefaultPhase;
        }

        return (uint)given.Index < (uint)model.Phases.Count && ReferenceEquals(model.Phases[given.Index], given) ? scorecard.PhaseArray[given.Index] : given;
    }
}
