using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// Exceptions that force a band whatever the score, for example "an open critical ticket ⇒ At risk". Ordered: the
/// first rule whose condition holds forces its band. They run after scoring and may read everything. Immutable and
/// thread-safe.
/// </summary>
public sealed class BandExceptions
{
    private readonly Rule[] _rules;
    private readonly Band[] _bands;

    internal BandExceptions(Rule[] rules, Band[] bands)
    {
        _rules = rules;
        _bands = bands;
    }

    /// <summary>Gets the compiled rules, in order.</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>Compiles band exceptions against a model.</summary>
    /// <param name="model">The model whose bands the rules name.</param>
    /// <param name="rules">The rules in order; each <see cref="RuleDefinition.Then"/> is a band id.</param>
    /// <param name="schema">The account fields and consents the rules may read, or <see langword="null"/> for none.</param>
    /// <returns>The exceptions.</returns>
    /// <exception cref="HealthModelException">A rule is invalid; every problem is listed.</exception>
    internal static BandExceptions Compile(HealthModel model, IReadOnlyList<RuleDefinition> rules, AccountSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<RuleError>();
        var ids = new List<string>();
        foreach (var band in model.Bands)
        {
            ids.Add(band.Id);
        }

        var bound = OrderedRules.Bind(rules, ModelSymbols.From(model), schema, RuleScope.Full, "band", ids, errors);
        RuleError.ThrowIfAny(errors, "bandExceptions");
        var compiled = OrderedRules.Complete(bound);
        var bands = new Band[compiled.Length];
        for (var i = 0; i < compiled.Length; i++)
        {
            bands[i] = model.GetBand(rules[i].Then);
        }

        return new BandExceptions(compiled, bands);
    }

    /// <summary>Finds the band an exception forces for one account, if any. Allocates nothing and never throws.</summary>
    /// <param name="context">The account's result and data.</param>
    /// <param name="band">The forced band, when an exception matched.</param>
    /// <param name="ruleIndex">The index in <see cref="Rules"/> of the exception that matched, or -1.</param>
    /// <returns><see langword="true"/> when an exception matched.</returns>
    public bool TryForce(in RuleContext context, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Band? band, out int ruleIndex)
    {
        var rules = _rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Program.Evaluate(context))
            {
                band = _bands[i];
                ruleIndex = i;
                return true;
            }
        }

        band = null;
        ruleIndex = -1;
        return false;
    }

    /// <summary>Gets the band to show for one account: the forced band if an exception matched, otherwise the result's band.</summary>
    /// <param name="context">The account's result and data.</param>
    /// <returns>The band.</returns>
    public Band Apply(in RuleContext context) => TryForce(context, out var band, out _) ? band : context.Result.Band;
}
