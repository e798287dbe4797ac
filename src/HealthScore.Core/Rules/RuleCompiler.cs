using System.Globalization;
using System.Runtime.CompilerServices;
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
/// Type-checks a parsed rule against the model and schema and emits its postfix program. Every problem in a rule
/// is collected (with its line and column), not just the first.
/// </summary>
internal sealed partial class RuleCompiler
{
    private static readonly string[] PlainNames =
    [
        "score", "band", "phase", "coverage", "previous_score", "previous_band", "delta", "band_changed", "phase_changed",
        "days_in_phase", "tenure_days", "days_to_renewal",
    ];

    private static readonly string[] FunctionNames = ["min", "max", "abs", "isMissing"];

    private readonly ModelSymbols? _symbols;
    private readonly AccountSchema _schema;
    private readonly RuleScope _scope;
    private readonly List<string> _knownNames = [];

    // Per-rule state.
    private readonly List<Instruction> _code = [];
    private readonly List<double> _numbers = [];
    private readonly List<string> _strings = [];
    private readonly List<RuleSlot> _reads = [];
    private List<RuleError> _errors = [];
    private int _item;
    private string _property = "when";
    private string _text = string.Empty;
    private int _depth;
    private int _maxDepth;

    public RuleCompiler(ModelSymbols? symbols, AccountSchema? schema, RuleScope scope)
    {
        _symbols = symbols;
        _schema = schema ?? AccountSchema.Empty;
        _scope = scope;
        foreach (var name in PlainNames)
        {
            if (Availability(name) is null)
            {
                _knownNames.Add(name);
            }
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
    }

    private enum RuleType
    {
        Error,
        Number,
        Boolean,
        Text,
        Band,
        Phase,
    }

    /// <summary>Compiles one rule; returns null and adds to <paramref name="errors"/> when it is invalid.</summary>
    public RuleProgram? Compile(int item, string? text, List<RuleError> errors)
    {
        _item = item;
        _property = "when";
        _text = text ?? string.Empty;
        _errors = errors;
        _code.Clear();
        _numbers.Clear();
        _strings.Clear();
        _reads.Clear();
        _depth = 0;
        _maxDepth = 0;
        var before = errors.Count;
        var tree = RuleParser.Parse(_text, out var parseError);
        if (tree is null)
        {
            Error(parseError!.Value.Position, parseError.Value.Message);
            return null;
        }

        RuleType type;
        try
        {
            type = Bind(tree);
        }
        catch (InsufficientExecutionStackException)
        {
            Error(0, "the rule is too deeply nested to compile on this thread; simplify it or split it into several rules.");
            return null;
        }

        if (type is not (RuleType.Boolean or RuleType.Error))
        {
            Error(tree.Position, $"the rule must be true or false, but it gives {Describe(type)}; compare it, for example 'score < 40'.");
        }

        if (_maxDepth > RuleProgram.StackLimit)
        {
            Error(0, "the rule is too complex to evaluate; split it into several rules.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        var atoms = new List<Atom>();
        var conjunction = Decompose(tree, atoms) ? atoms.ToArray() : null;
        return new RuleProgram([.. _code], [.. _numbers], [.. _strings], Math.Max(1, _maxDepth), [.. _reads], conjunction);
    }

    private int AddNumber(double value)
    {
        _numbers.Add(value);
        return _numbers.Count - 1;
    }

    private void Emit(OpCode op, int a, int b, int stackEffect)
    {
        _code.Add(new Instruction(op, a, b));
        _depth += stackEffect;
        _maxDepth = Math.Max(_maxDepth, _depth);
    }

    private void Error(int position, string message)
    {
        var (line, column) = TextPosition.Of(_text, position);
        _errors.Add(new RuleError(_item, _property, ModelErrorKind.Rule, line, column, message));
    }
}
