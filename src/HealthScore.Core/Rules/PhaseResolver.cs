using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// Resolves an account's lifecycle phase from ordered rules: the first rule whose condition holds names the phase,
/// and the default applies when none does. Phase rules run before scoring, so they may read metrics, account
/// fields, consents, <c>tenure_days</c>, <c>days_to_renewal</c> and <c>days_in_phase</c>, and nothing that
/// depends on the score; that is checked when they are compiled. Immutable and thread-safe.
/// </summary>
public sealed class PhaseResolver
{
    private readonly Rule[] _rules;
    private readonly Phase[] _phases;

    internal PhaseResolver(Rule[] rules, Phase[] phases, Phase defaultPhase)
    {
        _rules = rules;
        _phases = phases;
        DefaultPhase = defaultPhase;
    }

    /// <summary>Gets the compiled rules, in order.</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>Gets the phase used when no rule matches.</summary>
    public Phase DefaultPhase { get; }

    /// <summary>Compiles phase rules against a model.</summary>
    /// <param name="model">The model whose phases the rules name.</param>
    /// <param name="rules">The rules in order; each <see cref="RuleDefinition.Then"/> is a phase id.</param>
    /// <param name="defaultPhaseId">The phase used when no rule matches, or <see langword="null"/> for the model's default phase.</param>
    /// <param name="schema">The account fields and consents the rules may read, or <see langword="null"/> for none.</param>
    /// <returns>The resolver.</returns>
    /// <exception cref="HealthModelException">A rule is invalid; every problem is listed.</exception>
    internal static PhaseResolver Compile(HealthModel model, IReadOnlyList<RuleDefinition> rules, string? defaultPhaseId = null, AccountSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<RuleError>();
        var ids = new List<string>();
        foreach (var phase in model.Phases)
        {
            ids.Add(phase.Id);
        }

        var bound = OrderedRules.Bind(rules, ModelSymbols.From(model), schema, RuleScope.Phase, "phase", ids, errors);
        var defaultPhase = model.DefaultPhase;
        if (defaultPhaseId is not null && !model.TryGetPhase(defaultPhaseId, out defaultPhase))
        {
            errors.Add(new RuleError(-1, null, ModelErrorKind.Value, 0, 0, $"the default phase '{ErrorText.Quote(defaultPhaseId)}' is not a phase of this model.{IdSuggestions.DidYouMean(defaultPhaseId, ids)}"));
        }

        RuleError.ThrowIfAny(errors, "phaseRules");
        var compiled = OrderedRules.Complete(bound);
        var phases = new Phase[compiled.Length];
        for (var i = 0; i < compiled.Length; i++)
        {
            phases[i] = model.GetPhase(rules[i].Then);
        }

        return new PhaseResolver(compiled, phases, defaultPhase!);
    }

    /// <summary>Resolves the phase of one account. Allocates nothing and never throws.</summary>
    /// <param name="context">The account's metric values, fields, consents and lifecycle facts; its result is not read.</param>
    /// <returns>The phase of the first matching rule, or <see cref="DefaultPhase"/>.</returns>
    public Phase Resolve(in RuleContext context) => Resolve(context, out _);

    /// <summary>Resolves the phase of one account and says which rule chose it. Allocates nothing and never throws.</summary>
    /// <param name="context">The account's metric values, fields, consents and lifecycle facts; its result is not read.</param>
    /// <param name="ruleIndex">The index in <see cref="Rules"/> of the rule that matched, or -1 when the default applied.</param>
    /// <returns>The phase of the first matching rule, or <see cref="DefaultPhase"/>.</returns>
    public Phase Resolve(in RuleContext context, out int ruleIndex)
    {
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Program.Evaluate(context))
            {
                ruleIndex = i;
                return _phases[i];
            }
        }

        ruleIndex = -1;
        return DefaultPhase;
    }
}
