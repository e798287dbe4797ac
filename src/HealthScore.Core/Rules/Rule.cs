using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// A compiled rule: parsed once, type-checked against a model and an account schema, and evaluated by a small
/// stack machine that allocates nothing and can reach nothing but the <see cref="RuleContext"/>. Immutable and
/// thread-safe.
/// </summary>
/// <example>
/// <code>
/// var rule = Rule.Compile("low_onboarding", "phase == \"onboarding\" &amp;&amp; score &lt; 40 &amp;&amp; !isMissing(metrics.nps)", model);
/// bool matches = rule.Evaluate(new RuleContext { Result = result, MetricValues = values });
/// </code>
/// </example>
public sealed class Rule
{
    private readonly RuleProgram _program;
    private readonly string[] _identifiers;

    internal Rule(string id, string text, RuleProgram program)
    {
        Id = id;
        Text = text;
        _program = program;
        _identifiers = new string[program.Reads.Length];
        for (var i = 0; i < _identifiers.Length; i++)
        {
            _identifiers[i] = program.Reads[i].Identifier;
        }
    }

    /// <summary>Gets the rule's id.</summary>
    public string Id { get; }

    /// <summary>Gets the rule's text as written.</summary>
    public string Text { get; }

    /// <summary>Gets the identifiers the rule reads, in order of first appearance.</summary>
    public IReadOnlyList<string> Identifiers => _identifiers;

    internal RuleProgram Program => _program;

    /// <summary>Compiles a rule for use wherever a condition may read everything (action conditions, band exceptions).</summary>
    /// <param name="id">The rule's id, named in errors.</param>
    /// <param name="text">The rule's text (see <c>docs/rules.md</c>).</param>
    /// <param name="model">The model the rule is checked against: metric, group, band and phase ids.</param>
    /// <param name="schema">The account fields and consents the rule may read, or <see langword="null"/> for none.</param>
    /// <returns>The compiled rule.</returns>
    /// <exception cref="HealthModelException">The rule is invalid; every problem is listed with its line and column.</exception>
    internal static Rule Compile(string id, string text, HealthModel model, AccountSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<RuleError>();
        var program = new RuleCompiler(ModelSymbols.From(model), schema, RuleScope.Full).Compile(-1, text, errors);
        RuleError.ThrowIfAny(errors, id);
        return new Rule(id, text, program!);
    }

    /// <summary>Evaluates the rule for one account. Allocates nothing and never throws: anything absent reads as missing.</summary>
    /// <param name="context">What the rule may read about the account.</param>
    /// <returns><see langword="true"/> when the condition holds.</returns>
    public bool Evaluate(in RuleContext context) => _program.Evaluate(context);

    /// <summary>Writes the value of each identifier the rule reads: the evidence that shows a person why it matched.</summary>
    /// <param name="context">What the rule may read about the account.</param>
    /// <param name="destination">Receives one reading per identifier, up to its length.</param>
    /// <returns>How many readings were written.</returns>
    public int Read(in RuleContext context, Span<RuleReading> destination)
    {
        var reads = _program.Reads;
        var count = Math.Min(reads.Length, destination.Length);
        for (var i = 0; i < count; i++)
        {
            destination[i] = RuleProgram.Read(context, reads[i]);
        }

        return count;
    }

    /// <summary>Returns the rule's text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;
}
