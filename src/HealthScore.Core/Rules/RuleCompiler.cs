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
internal sealed class RuleCompiler
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

        foreach (var attribute in _schema.Fields)
        {
            _knownNames.Add("account." + attribute.Name);
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

    /// <summary>Splits a type-checked rule into a conjunction of atoms when it has that shape.</summary>
    private bool Decompose(RuleNode tree, List<Atom> atoms)
    {
        var pending = new Stack<RuleNode>();
        pending.Push(tree);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is BinaryNode { Operator: TokenKind.AndAnd } and)
            {
                pending.Push(and.Right);
                pending.Push(and.Left);
            }
            else if (!DecomposeTerm(node, atoms))
            {
                return false;
            }
        }

        return true;
    }

    private bool DecomposeTerm(RuleNode node, List<Atom> atoms)
    {
        switch (node)
        {
            case BooleanNode { Value: true }:
                return true;
            case UnaryNode { Operator: TokenKind.Bang } not:
                {
                    var inner = new List<Atom>();
                    if (!Decompose(not.Operand, inner) || inner.Count != 1)
                    {
                        return false;
                    }

                    atoms.Add(inner[0] with { Negate = !inner[0].Negate });
                    return true;
                }

            default:
                if (ToAtom(node) is { } atom)
                {
                    atoms.Add(atom);
                    return true;
                }

                return false;
        }
    }

    private Atom? ToAtom(RuleNode node)
    {
        switch (node)
        {
            case IdentifierNode identifier when Slot(identifier) is { } flag && flag.Kind is SlotKind.BandChanged or SlotKind.PhaseChanged or SlotKind.Flag or SlotKind.Consent:
                return new Atom(flag.Kind, flag.Index, AtomOp.IsTrue, 0, 0, null, null, false);
            case BinaryNode binary when binary.Operator is TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual:
                {
                    var flipped = binary.Left is not IdentifierNode;
                    if ((flipped ? binary.Right : binary.Left) is not IdentifierNode subject || Slot(subject) is not { } slot)
                    {
                        return null;
                    }

                    var other = flipped ? binary.Left : binary.Right;
                    var op = binary.Operator switch
                    {
                        TokenKind.EqualEqual => AtomOp.Equal,
                        TokenKind.NotEqual => AtomOp.NotEqual,
                        TokenKind.Less => flipped ? AtomOp.Greater : AtomOp.Less,
                        TokenKind.LessEqual => flipped ? AtomOp.GreaterEqual : AtomOp.LessEqual,
                        TokenKind.Greater => flipped ? AtomOp.Less : AtomOp.Greater,
                        _ => flipped ? AtomOp.LessEqual : AtomOp.GreaterEqual,
                    };
                    if (slot.Kind == SlotKind.Text)
                    {
                        return other is StringNode text
                            ? new Atom(slot.Kind, slot.Index, op == AtomOp.Equal ? AtomOp.TextEqual : AtomOp.TextNotEqual, 0, 0, null, [text.Value], false)
                            : null;
                    }

                    var constant = slot.Kind is SlotKind.Band or SlotKind.PreviousBand or SlotKind.Phase
                        ? other is StringNode named ? ResolveQuietly(slot.Kind, named) : null
                        : Constant(other);
                    return constant is { } c ? new Atom(slot.Kind, slot.Index, op, c, 0, null, null, false) : null;
                }

            case InNode inNode when inNode.Operand is IdentifierNode subject && Slot(subject) is { } slot:
                {
                    if (slot.Kind == SlotKind.Text)
                    {
                        var texts = new string[inNode.Items.Length];
                        for (var i = 0; i < texts.Length; i++)
                        {
                            texts[i] = ((StringNode)inNode.Items[i]).Value;
                        }

                        return new Atom(slot.Kind, slot.Index, AtomOp.TextIn, 0, 0, null, texts, false);
                    }

                    var set = new double[inNode.Items.Length];
                    for (var i = 0; i < set.Length; i++)
                    {
                        var value = inNode.Items[i] switch
                        {
                            NumberNode n => n.Value,
                            BooleanNode b => b.Value ? 1 : 0,
                            StringNode s => ResolveQuietly(slot.Kind, s),
                            _ => null,
                        };
                        if (value is not { } v)
                        {
                            return null;
                        }

                        set[i] = v;
                    }

                    return new Atom(slot.Kind, slot.Index, AtomOp.InSet, 0, 0, set, null, false);
                }

            case BetweenNode between when between.Operand is IdentifierNode subject && Slot(subject) is { } slot
                && Constant(between.Low) is { } low && Constant(between.High) is { } high:
                return new Atom(slot.Kind, slot.Index, AtomOp.Between, low, high, null, null, false);
            case CallNode { Name: "isMissing", Arguments: [IdentifierNode subject] } when Slot(subject) is { } slot:
                return new Atom(slot.Kind, slot.Index, slot.Kind == SlotKind.Text ? AtomOp.TextIsMissing : AtomOp.IsMissing, 0, 0, null, null, false);
            default:
                return null;
        }
    }

    private RuleSlot? Slot(IdentifierNode node) => Resolve(node, out _, out _);

    private static double? Constant(RuleNode node) => node switch
    {
        NumberNode n => n.Value,
        UnaryNode { Operator: TokenKind.Minus, Operand: NumberNode n } => -n.Value,
        _ => null,
    };

    private double? ResolveQuietly(SlotKind kind, StringNode literal)
    {
        var errors = _errors.Count;
        var value = ResolveNamed(kind == SlotKind.Phase ? RuleType.Phase : RuleType.Band, literal);
        return _errors.Count == errors && !double.IsNaN(value) ? value : null;
    }

    /// <summary>Checks that an identifier such as <c>account.name</c> or <c>metric:logins</c> exists; returns its slot or null with a message.</summary>
    public RuleSlot? ResolvePlaceholder(string name, out string? message)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var node = dot < 0 ? new IdentifierNode(0, name, null, 0) : new IdentifierNode(0, name[..dot], name[(dot + 1)..], 0);
        var slot = Resolve(node, out _, out message);
        return slot;
    }

    /// <summary>Gets the index of a declared consent, or -1.</summary>
    public int ConsentIndex(string name)
    {
        for (var i = 0; i < _schema.Consents.Count; i++)
        {
            if (_schema.Consents[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Formats a "did you mean" suffix for an unknown consent.</summary>
    public string SuggestConsent(string name) => IdSuggestions.DidYouMean(name, _schema.Consents);

    private RuleType Bind(RuleNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberNode number:
                Emit(OpCode.Constant, AddNumber(number.Value), 0, +1);
                return RuleType.Number;
            case BooleanNode boolean:
                Emit(OpCode.Constant, AddNumber(boolean.Value ? 1 : 0), 0, +1);
                return RuleType.Boolean;
            case StringNode s:
                Error(s.Position, "text can only be compared with '==', '!=' or 'in'.");
                return RuleType.Error;
            case IdentifierNode identifier:
                {
                    var slot = Resolve(identifier, out var type, out var message);
                    if (slot is null)
                    {
                        Error(identifier.Position, message!);
                        return RuleType.Error;
                    }

                    if (type == RuleType.Text)
                    {
                        Error(identifier.Position, $"'{identifier.Name}' is text; text can only be compared with '==', '!=' or 'in', or tested with isMissing.");
                        return RuleType.Error;
                    }

                    Emit(OpCode.Load, (int)slot.Value.Kind, slot.Value.Index, +1);
                    return type;
                }

            case UnaryNode unary:
                {
                    var type = Bind(unary.Operand);
                    var wanted = unary.Operator == TokenKind.Bang ? RuleType.Boolean : RuleType.Number;
                    if (type != wanted && type != RuleType.Error)
                    {
                        Error(unary.Position, $"'{RulePrinter.Symbol(unary.Operator)}' needs {Describe(wanted)}, but its operand is {Describe(type)}.");
                        return RuleType.Error;
                    }

                    Emit(unary.Operator == TokenKind.Bang ? OpCode.Not : OpCode.Negate, 0, 0, 0);
                    return type;
                }

            case BinaryNode binary:
                {
                    // Chains such as a || b || c are left-deep trees as deep as they are long: walk the left spine
                    // with a stack of our own, so a 4,096-character chain cannot exhaust the thread's stack.
                    var spine = new Stack<BinaryNode>();
                    RuleNode leftmost = binary;
                    while (leftmost is BinaryNode chained && IsChain(chained.Operator))
                    {
                        spine.Push(chained);
                        leftmost = chained.Left;
                    }

                    var type = leftmost is BinaryNode comparison ? BindBinary(comparison) : Bind(leftmost);
                    while (spine.Count > 0)
                    {
                        type = BindChained(spine.Pop(), type);
                    }

                    return type;
                }
            case InNode inNode:
                return BindIn(inNode);
            case BetweenNode between:
                {
                    var ok = ExpectNumber(between.Operand, "'between'");
                    ok &= ExpectNumber(between.Low, "'between'");
                    ok &= ExpectNumber(between.High, "'between'");
                    Emit(OpCode.Between, 0, 0, -2);
                    return ok ? RuleType.Boolean : RuleType.Error;
                }

            case CallNode call:
                return BindCall(call);
            default:
                Error(node.Position, "unsupported expression.");
                return RuleType.Error;
        }
    }

    private static bool IsChain(TokenKind op) => op is TokenKind.AndAnd or TokenKind.OrOr or TokenKind.Plus or TokenKind.Minus
        or TokenKind.Star or TokenKind.Slash or TokenKind.Percent;

    /// <summary>Binds the right side of a chained operator whose left side is already emitted.</summary>
    private RuleType BindChained(BinaryNode binary, RuleType left)
    {
        var op = binary.Operator;
        var symbol = RulePrinter.Symbol(op);
        if (op is TokenKind.AndAnd or TokenKind.OrOr)
        {
            var jump = _code.Count;
            Emit(op == TokenKind.AndAnd ? OpCode.JumpIfFalseElsePop : OpCode.JumpIfTrueElsePop, 0, 0, -1);
            var right = Bind(binary.Right);
            _code[jump] = _code[jump] with { A = _code.Count };
            var ok = CheckOperand(binary, symbol, "left", left, RuleType.Boolean) & CheckOperand(binary, symbol, "right", right, RuleType.Boolean);
            return ok ? RuleType.Boolean : RuleType.Error;
        }

        var operand = Bind(binary.Right);
        Emit(op switch
        {
            TokenKind.Plus => OpCode.Add,
            TokenKind.Minus => OpCode.Subtract,
            TokenKind.Star => OpCode.Multiply,
            TokenKind.Slash => OpCode.Divide,
            _ => OpCode.Remainder,
        }, 0, 0, -1);
        var valid = CheckOperand(binary, symbol, "left", left, RuleType.Number) & CheckOperand(binary, symbol, "right", operand, RuleType.Number);
        return valid ? RuleType.Number : RuleType.Error;
    }

    private RuleType BindBinary(BinaryNode binary)
    {
        var op = binary.Operator;
        var symbol = RulePrinter.Symbol(op);

        var equality = op is TokenKind.EqualEqual or TokenKind.NotEqual;
        var leftKind = Peek(binary.Left);
        var rightKind = Peek(binary.Right);

        // Text: only attributes and literals, compared by a fused instruction.
        if (leftKind == RuleType.Text || rightKind == RuleType.Text)
        {
            var literalLeft = binary.Left is StringNode;
            var literalRight = binary.Right is StringNode;
            if (literalLeft != literalRight && (leftKind is RuleType.Band or RuleType.Phase || rightKind is RuleType.Band or RuleType.Phase))
            {
                if (!equality)
                {
                    Error(binary.Position, $"bands and phases can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                    return RuleType.Error;
                }

                var subject = literalLeft ? binary.Right : binary.Left;
                var literal = (StringNode)(literalLeft ? binary.Left : binary.Right);
                var subjectType = Bind(subject);
                var index = ResolveNamed(subjectType, literal);
                Emit(OpCode.Constant, AddNumber(index), 0, +1);
                Emit(op == TokenKind.EqualEqual ? OpCode.Equal : OpCode.NotEqual, 0, 0, -1);
                return double.IsNaN(index) ? RuleType.Error : RuleType.Boolean;
            }

            if (leftKind == RuleType.Text && rightKind == RuleType.Text)
            {
                if (!equality)
                {
                    Error(binary.Position, $"text can only be compared with '==', '!=' or 'in', not '{symbol}'.");
                    return RuleType.Error;
                }

                var a = TextOperand(binary.Left);
                var b = TextOperand(binary.Right);
                Emit(op == TokenKind.EqualEqual ? OpCode.TextEqual : OpCode.TextNotEqual, a, b, +1);
                return RuleType.Boolean;
            }

            if (leftKind != RuleType.Error && rightKind != RuleType.Error)
            {
                Error(binary.Position, $"'{symbol}' cannot compare {Describe(leftKind)} with {Describe(rightKind)}.");
            }
            else
            {
                Bind(leftKind == RuleType.Error ? binary.Left : binary.Right);
            }

            return RuleType.Error;
        }

        var leftType = Bind(binary.Left);
        var rightType = Bind(binary.Right);
        Emit(op switch
        {
            TokenKind.EqualEqual => OpCode.Equal,
            TokenKind.NotEqual => OpCode.NotEqual,
            TokenKind.Less => OpCode.Less,
            TokenKind.LessEqual => OpCode.LessEqual,
            TokenKind.Greater => OpCode.Greater,
            _ => OpCode.GreaterEqual,
        }, 0, 0, -1);
        if (leftType == RuleType.Error || rightType == RuleType.Error)
        {
            return RuleType.Error;
        }

        if (leftType != rightType)
        {
            Error(binary.Position, $"'{symbol}' cannot compare {Describe(leftType)} with {Describe(rightType)}.");
            return RuleType.Error;
        }

        if (!equality && leftType != RuleType.Number)
        {
            Error(binary.Position, $"'{symbol}' needs numbers, but both sides are {Describe(leftType)}; use '==' or '!='.");
            return RuleType.Error;
        }

        return RuleType.Boolean;
    }

    private RuleType BindIn(InNode node)
    {
        var kind = Peek(node.Operand);
        if (kind == RuleType.Text)
        {
            var operand = TextOperand(node.Operand);
            var start = _strings.Count;
            var ok = true;
            foreach (var item in node.Items)
            {
                if (item is StringNode s)
                {
                    _strings.Add(s.Value);
                }
                else
                {
                    Error(item.Position, $"this list holds text, so every item must be a text in quotes.");
                    ok = false;
                }
            }

            Emit(OpCode.TextIn, operand, start, +1);
            Emit(OpCode.Constant, _strings.Count - start, 0, 0);
            return ok ? RuleType.Boolean : RuleType.Error;
        }

        var type = Bind(node.Operand);
        var first = _numbers.Count;
        var valid = type != RuleType.Error;
        foreach (var item in node.Items)
        {
            double value;
            switch (type, item)
            {
                case (RuleType.Number, NumberNode number):
                    value = number.Value;
                    break;
                case (RuleType.Boolean, BooleanNode boolean):
                    value = boolean.Value ? 1 : 0;
                    break;
                case (RuleType.Band or RuleType.Phase, StringNode literal):
                    value = ResolveNamed(type, literal);
                    valid &= !double.IsNaN(value);
                    break;
                case (RuleType.Error, _):
                    value = double.NaN;
                    break;
                default:
                    Error(item.Position, $"'in' on {Describe(type)} needs a list of {ItemKind(type)}.");
                    value = double.NaN;
                    valid = false;
                    break;
            }

            _numbers.Add(value);
        }

        Emit(OpCode.InSet, first, _numbers.Count - first, 0);
        return valid ? RuleType.Boolean : RuleType.Error;
    }

    private RuleType BindCall(CallNode call)
    {
        var name = call.Name;
        var count = call.Arguments.Length;
        switch (name)
        {
            case "min" or "max":
                {
                    if (count < 2)
                    {
                        Error(call.Position, $"{name} needs at least two numbers.");
                        return RuleType.Error;
                    }

                    var ok = true;
                    foreach (var argument in call.Arguments)
                    {
                        ok &= ExpectNumber(argument, name);
                    }

                    Emit(name == "min" ? OpCode.Min : OpCode.Max, count, 0, 1 - count);
                    return ok ? RuleType.Number : RuleType.Error;
                }

            case "abs":
                if (count != 1)
                {
                    Error(call.Position, "abs needs exactly one number.");
                    return RuleType.Error;
                }

                var valid = ExpectNumber(call.Arguments[0], "abs");
                Emit(OpCode.Abs, 0, 0, 0);
                return valid ? RuleType.Number : RuleType.Error;
            case "isMissing":
                {
                    if (count != 1)
                    {
                        Error(call.Position, "isMissing needs exactly one identifier or expression.");
                        return RuleType.Error;
                    }

                    var argument = call.Arguments[0];
                    if (Peek(argument) == RuleType.Text && argument is not StringNode)
                    {
                        Emit(OpCode.TextIsMissing, TextOperand(argument), 0, +1);
                        return RuleType.Boolean;
                    }

                    var type = Bind(argument);
                    Emit(OpCode.IsMissing, 0, 0, 0);
                    if (type == RuleType.Boolean)
                    {
                        Error(argument.Position, "isMissing needs a number, text, band or phase; true/false values are never missing.");
                        return RuleType.Error;
                    }

                    return type == RuleType.Error ? RuleType.Error : RuleType.Boolean;
                }

            default:
                foreach (var argument in call.Arguments)
                {
                    Bind(argument);
                }

                Error(call.Position, $"unknown function '{name}'.{IdSuggestions.DidYouMean(name, FunctionNames)} The functions are min, max, abs and isMissing.");
                return RuleType.Error;
        }
    }

    private bool ExpectNumber(RuleNode node, string what)
    {
        var type = Bind(node);
        if (type is RuleType.Number or RuleType.Error)
        {
            return type == RuleType.Number;
        }

        Error(node.Position, $"{what} needs numbers, but this is {Describe(type)}.");
        return false;
    }

    private bool CheckOperand(BinaryNode binary, string symbol, string side, RuleType actual, RuleType wanted)
    {
        if (actual == wanted)
        {
            return true;
        }

        if (actual != RuleType.Error)
        {
            Error(binary.Position, $"'{symbol}' needs {Describe(wanted)} on both sides, but the {side} side is {Describe(actual)}.");
        }

        return false;
    }

    /// <summary>The type of a node for the text and band/phase special cases, without emitting or reporting.</summary>
    private RuleType Peek(RuleNode node) => node switch
    {
        StringNode => RuleType.Text,
        IdentifierNode identifier => Resolve(identifier, out var type, out _) is null ? RuleType.Error : type,
        _ => RuleType.Number,
    };

    private int TextOperand(RuleNode node)
    {
        if (node is StringNode s)
        {
            _strings.Add(s.Value);
            return ~(_strings.Count - 1);
        }

        var slot = Resolve((IdentifierNode)node, out _, out _)!.Value;
        return slot.Index;
    }

    private double ResolveNamed(RuleType type, StringNode literal)
    {
        if (_symbols is null || type is not (RuleType.Band or RuleType.Phase))
        {
            return double.NaN;
        }

        var band = type == RuleType.Band;
        if (band ? _symbols.TryGetBand(literal.Value, out var index) : _symbols.TryGetPhase(literal.Value, out index))
        {
            return index;
        }

        var ids = new List<string>();
        foreach (var (id, _) in band ? _symbols.Bands : _symbols.Phases)
        {
            ids.Add(id);
        }

        var kind = band ? "band" : "phase";
        Error(literal.Position, $"unknown {kind} '{ErrorText.Quote(literal.Value)}'.{IdSuggestions.DidYouMean(literal.Value, ids)} The {kind}s are {string.Join(", ", ids)}.");
        return double.NaN;
    }

    private RuleSlot? Resolve(IdentifierNode node, out RuleType type, out string? message)
    {
        type = RuleType.Error;
        message = null;
        var name = node.Name;
        var unavailable = Availability(node.Member is null ? name : node.Root + ".");
        if (unavailable is not null && (node.Member is null ? Array.IndexOf(PlainNames, name) >= 0 : KnownRoot(node.Root)))
        {
            message = $"'{name}' {unavailable}";
            return null;
        }

        (SlotKind Kind, int Index, RuleType Type)? found = null;
        if (node.Member is null)
        {
            found = name switch
            {
                "score" => (SlotKind.Score, 0, RuleType.Number),
                "band" => (SlotKind.Band, 0, RuleType.Band),
                "phase" => (SlotKind.Phase, 0, RuleType.Phase),
                "coverage" => (SlotKind.Coverage, 0, RuleType.Number),
                "previous_score" => (SlotKind.PreviousScore, 0, RuleType.Number),
                "previous_band" => (SlotKind.PreviousBand, 0, RuleType.Band),
                "delta" => (SlotKind.Delta, 0, RuleType.Number),
                "band_changed" => (SlotKind.BandChanged, 0, RuleType.Boolean),
                "phase_changed" => (SlotKind.PhaseChanged, 0, RuleType.Boolean),
                "days_in_phase" => (SlotKind.DaysInPhase, 0, RuleType.Number),
                "tenure_days" => (SlotKind.TenureDays, 0, RuleType.Number),
                "days_to_renewal" => (SlotKind.DaysToRenewal, 0, RuleType.Number),
                _ => null,
            };
        }
        else
        {
            var member = node.Member;
            switch (node.Root)
            {
                case "metrics" when _symbols is not null && _symbols.TryGetMetric(member, out var metric):
                    found = (SlotKind.Metric, metric, RuleType.Number);
                    break;
                case "groups" when _symbols is not null && _symbols.TryGetGroup(member, out var group):
                    found = (SlotKind.Group, group, RuleType.Number);
                    break;
                case "account" when _schema.TryGetField(member, out var attribute):
                    found = attribute.Type switch
                    {
                        AccountFieldType.Number => (SlotKind.Number, attribute.Index, RuleType.Number),
                        AccountFieldType.Flag => (SlotKind.Flag, attribute.Index, RuleType.Boolean),
                        _ => (SlotKind.Text, attribute.Index, RuleType.Text),
                    };
                    break;
                case "consent" when ConsentIndex(member) is var consent and >= 0:
                    found = (SlotKind.Consent, consent, RuleType.Boolean);
                    break;
            }
        }

        if (found is null)
        {
            message = $"unknown identifier '{ErrorText.Quote(name)}'.{IdSuggestions.DidYouMean(name, _knownNames)}";
            if (node.Member is not null && node.Root is "account" or "consent" && (node.Root == "account" ? _schema.Fields.Count : _schema.Consents.Count) == 0)
            {
                message += $" Declare {node.Root} names in the AccountSchema passed when compiling.";
            }

            return null;
        }

        type = found.Value.Type;
        var slot = new RuleSlot(name, found.Value.Kind, found.Value.Index);
        if (!_reads.Contains(slot))
        {
            _reads.Add(slot);
        }

        return slot;
    }

    private string? Availability(string name)
    {
        var scoreDependent = name is "score" or "band" or "phase" or "coverage" or "previous_score" or "previous_band" or "delta"
            or "band_changed" or "phase_changed" or "groups.";
        return _scope switch
        {
            RuleScope.Phase when scoreDependent =>
                "is not available in phase rules: the phase is resolved before scoring, so phase rules can read metrics.*, account.*, consent.*, tenure_days, days_to_renewal and days_in_phase.",
            RuleScope.Profile when scoreDependent || name is "metrics." or "days_in_phase" =>
                "is not available in profile rules: the profile is chosen before a model is, so profile rules can read account.*, consent.*, tenure_days and days_to_renewal.",
            _ => null,
        };
    }

    private static bool KnownRoot(string root) => root is "metrics" or "groups" or "account" or "consent";

    private static string Describe(RuleType type) => type switch
    {
        RuleType.Number => "a number",
        RuleType.Boolean => "true/false",
        RuleType.Text => "text",
        RuleType.Band => "a band",
        RuleType.Phase => "a phase",
        _ => "invalid",
    };

    private static string ItemKind(RuleType type) => type switch
    {
        RuleType.Number => "numbers",
        RuleType.Boolean => "true/false values",
        RuleType.Band => "band ids in quotes",
        RuleType.Phase => "phase ids in quotes",
        _ => "literals",
    };

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
