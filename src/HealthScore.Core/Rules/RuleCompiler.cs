using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Where a rule is used, which decides what it may read.</summary>
internal enum RuleScope
{
    /// <summary>Action conditions and band exceptions: everything.</summary>
    Full,

    /// <summary>Phase rules: run before scoring, so no score-dependent identifiers.</summary>
    Phase,

    /// <summary>Profile rules: run before a model is chosen, so only account facts.</summary>
    Profile,
}

/// <summary>
/// Compiles a rule in passes: parsing (<see cref="RuleParser"/>) gives the syntax tree; binding (this class's
/// partials) resolves names against the model and schema, checks types and gives the bound tree
/// (<see cref="BoundNode"/>); emission (<see cref="RuleEmitter"/>) turns that into the postfix program; and a rule
/// that is a conjunction of simple tests is also split into atoms. Every problem in a rule is collected (with its
/// line and column), not just the first.
/// </summary>
internal sealed partial class RuleCompiler
{
    private static readonly string[] PlainNames =
    [
        "score", "band", "phase", "coverage", "previous_score", "previous_band", "delta", "band_changed", "phase_changed",
        "days_in_phase", "tenure_days", "days_to_renewal", "days_in_band", "consecutive_declines", "overridden",
    ];

    private static readonly string[] FunctionNames = ["min", "max", "abs", "isMissing"];

    private readonly ModelSymbols? _symbols;
    private readonly AccountSchema _schema;
    private readonly RuleScope _scope;
    private List<string>? _knownNames;

    // Per-rule state. The slots are kept in the order binding first resolves them.
    private readonly List<RuleSlot> _reads = [];
    private List<RuleError> _errors = [];
    private int _item;
    private string _property = "when";
    private string _text = string.Empty;

    public RuleCompiler(ModelSymbols? symbols, AccountSchema? schema, RuleScope scope)
    {
        _symbols = symbols;
        _schema = schema ?? AccountSchema.Empty;
        _scope = scope;
    }

    /// <summary>The names a rule may use here, for suggestions on an unknown one; made on the first unknown name.</summary>
    private List<string> KnownNames()
    {
        if (_knownNames is not null)
        {
            return _knownNames;
        }

        _knownNames = [];
        var symbols = _symbols;
        var scope = _scope;
        foreach (var name in PlainNames)
        {
            if (Availability(name) is null)
            {
                _knownNames.Add(name);
            }
        }

        if (Availability("history.") is null)
        {
            _knownNames.AddRange(["history.change_30d", "history.lowest_30d", "history.highest_30d"]);
        }

        if (symbols is not null && scope != RuleScope.Profile)
        {
            foreach (var metric in symbols.MetricIds)
            {
                _knownNames.Add("metrics." + metric);
            }

            if (scope == RuleScope.Full)
            {
                foreach (var group in symbols.GroupIds)
                {
                    _knownNames.Add("groups." + group);
                }
            }
        }

        foreach (var field in _schema.Fields)
        {
            _knownNames.Add("account." + field.Name);
        }

        foreach (var consent in _schema.Consents)
        {
            _knownNames.Add("consent." + consent);
        }

        return _knownNames;
    }

    /// <summary>Compiles one rule; returns null and adds to <paramref name="errors"/> when it is invalid.</summary>
    public RuleProgram? Compile(int item, string? text, List<RuleError> errors)
    {
        _item = item;
        _property = "when";
        _text = text ?? string.Empty;
        _errors = errors;
        _reads.Clear();
        var before = errors.Count;
        var tree = RuleParser.Parse(_text, out var parseError);
        if (tree is null)
        {
            Error(parseError!.Value.Position, parseError.Value.Message);
            return null;
        }

        // A rule with errors is emitted too, so that its stack depth is checked with its other problems.
        BoundNode bound;
        var emitter = new RuleEmitter();
        try
        {
            bound = Bind(tree);
            emitter.Emit(bound);
        }
        catch (InsufficientExecutionStackException)
        {
            Error(0, "the rule is too deeply nested to compile on this thread; simplify it or split it into several rules.");
            return null;
        }

        if (bound.Type is not (RuleType.Boolean or RuleType.Error))
        {
            Error(tree.Position, $"the rule must be true or false, but it gives {Describe(bound.Type)}; compare it, for example 'score < 40'.");
        }

        if (emitter.MaxDepth > RuleProgram.StackLimit)
        {
            Error(0, "the rule is too complex to evaluate; split it into several rules.");
        }

        return errors.Count > before ? null : emitter.ToProgram([.. _reads], Conjunction(bound));
    }

    private void Error(int position, string message)
    {
        var (line, column) = TextPosition.Of(_text, position);
        _errors.Add(new RuleError(_item, _property, ModelErrorKind.Rule, line, column, message));
    }
}
