using System.Buffers;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Actions;

/// <summary>
/// Compiled action rules: evaluates every action's condition for one account and writes the actions that matched
/// into the caller's buffer in priority order, each fired or held back with its reason (consent, cooldown,
/// de-duplication, consecutive matches) and with the values its condition read. Keeps no state between
/// evaluations: the host passes the account's <see cref="ActionHistory"/>. Immutable and thread-safe; evaluating
/// allocates nothing.
/// </summary>
/// <example>
/// <code>
/// var engine = ActionEngine.Compile(model, [new ActionDefinition { Id = "call", Title = "Call", When = "score &lt; 40" }]);
/// Span&lt;MatchedAction&gt; fired = stackalloc MatchedAction[8]; // or an array reused across accounts
/// var outcome = engine.Evaluate(context, new ActionHistory { AsOf = asOf }, fired, readings);
/// </code>
/// </example>
public sealed class ActionEngine
{
    // Up to this many rule groups are tracked in a bit mask; more rent a buffer.
    private const int MaskGroups = 64;
    private const double MaxCooldownDays = 36_500;

    private readonly ActionRule[] _actions;
    private readonly ActionRule[] _byPriority;
    private readonly int _groupCount;
    private readonly string _missing;
    private readonly Dictionary<string, ActionRule> _byId;
    // Terms are tested in blocks of this many, one bit each, and padded to a whole number of vectors.
    private const int TermBlock = 64;
    private const int TermPadding = 8;

    private readonly AtomTable _atoms;

    // Every action's terms in priority order, padded to whole vectors: a term holds when (atoms & mask) == want.
    private readonly ulong[] _termMasks;
    private readonly ulong[] _termWants;
    private readonly int[] _termActions;

    // Per action in priority order: its group, its program when the table does not hold it, whether nothing can
    // hold it back, and where its readings' indexes into _readSlots are.
    private readonly int[] _priorityGroups;
    private readonly RuleProgram?[] _programs;
    private readonly bool[] _alwaysFires;
    private readonly int[] _readStarts;
    private readonly int[] _readIndexes;
    private readonly RuleSlot[] _readSlots;

    // Per reading of each action, beside _readIndexes: where the atom table leaves its value (a number reading is built from it), or
    // -1 for one read from the context (text, band and phase ids, slots the table does not load).
    private readonly int[] _readValues;
    private readonly string[] _readIdentifiers;

    private ActionEngine(ActionRule[] actions, int groupCount, string missing)
    {
        _actions = actions;
        _groupCount = groupCount;
        _missing = missing;
        _byPriority = (ActionRule[])actions.Clone();
        Array.Sort(_byPriority, static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority) : a.Index.CompareTo(b.Index));
        _byId = new Dictionary<string, ActionRule>(StringComparer.Ordinal);
        var maxReads = 0;
        foreach (var action in actions)
        {
            _byId[action.Id] = action;
            maxReads = Math.Max(maxReads, action.Condition.Program.Reads.Length);
        }

        var programs = new RuleProgram[actions.Length];
        for (var i = 0; i < actions.Length; i++)
        {
            programs[i] = _byPriority[i].Condition.Program;
        }

        var readSlots = new List<RuleSlot>();
        var readIndexes = new List<int>();
        _readStarts = new int[actions.Length + 1];
        for (var a = 0; a < actions.Length; a++)
        {
            _readStarts[a] = readIndexes.Count;
            foreach (var slot in programs[a].Reads)
            {
                var index = readSlots.IndexOf(slot);
                if (index < 0)
                {
                    index = readSlots.Count;
                    readSlots.Add(slot);
                }

                readIndexes.Add(index);
            }
        }

        _readStarts[actions.Length] = readIndexes.Count;

        // Every distinct elementary test is evaluated once per account; each condition is then one or more masks
        // over the results (a condition the table cannot take apart runs its own program). The table also loads
        // every number the readings show, so a reading is built from the value already loaded.
        var numberReads = readSlots.FindAll(static slot => IsNumberReading(slot.Kind));
        _atoms = AtomTable.BuildTerms(programs, numberReads, out var terms);
        var masks = new List<ulong>();
        var wants = new List<ulong>();
        var owners = new List<int>();
        _priorityGroups = new int[actions.Length];
        _programs = new RuleProgram?[actions.Length];
        _alwaysFires = new bool[actions.Length];
        for (var a = 0; a < actions.Length; a++)
        {
            var action = _byPriority[a];
            _priorityGroups[a] = action.GroupIndex;
            _alwaysFires[a] = action.AfterConsecutiveMatches <= 1 && action.ConsentIndex < 0 && !action.Deduplicate && action.CooldownTimes <= 0;
            if (terms[a] is { } actionTerms)
            {
                foreach (var mask in actionTerms)
                {
                    masks.Add(mask);
                    wants.Add(mask);
                    owners.Add(a);
                }
            }
            else
            {
                // Always a candidate; the program decides.
                _programs[a] = programs[a];
                masks.Add(0);
                wants.Add(0);
                owners.Add(a);
            }
        }

        while (masks.Count % TermPadding != 0)
        {
            // Padding that never holds.
            masks.Add(0);
            wants.Add(1);
            owners.Add(-1);
        }

        _termMasks = [.. masks];
        _termWants = [.. wants];
        _termActions = [.. owners];
        _readIndexes = [.. readIndexes];
        _readSlots = [.. readSlots];
        _readValues = new int[readIndexes.Count];
        _readIdentifiers = new string[readIndexes.Count];
        for (var r = 0; r < readIndexes.Count; r++)
        {
            var slot = readSlots[readIndexes[r]];
            _readValues[r] = IsNumberReading(slot.Kind) ? _atoms.ValueOf(slot.Kind, slot.Index) : -1;
            _readIdentifiers[r] = slot.Identifier;
        }

        Rules = new ReadOnlyCollection<ActionRule>(actions);
        MaxReadingsPerAction = maxReads;
    }

    /// <summary>Gets the actions, in declaration order (their <see cref="ActionRule.Index"/>).</summary>
    public IReadOnlyList<ActionRule> Rules { get; }

    /// <summary>Gets the most identifiers any one condition reads: with <c>Rules.Count × MaxReadingsPerAction</c> readings the buffer never runs out.</summary>
    public int MaxReadingsPerAction { get; }

    /// <summary>Validates and compiles action rules against a model, reporting every problem at once.</summary>
    /// <param name="model">The model the conditions are checked against.</param>
    /// <param name="actions">The action definitions.</param>
    /// <param name="schema">The account fields and consents conditions and templates may read, or <see langword="null"/> for none.</param>
    /// <param name="customKinds">Kinds the model defines besides <see cref="ActionKinds.All"/>, or <see langword="null"/>.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="HealthModelException">A definition is invalid; every problem is listed with the action's id (and line and column for conditions).</exception>
    internal static ActionEngine Compile(HealthModel model, IReadOnlyList<ActionDefinition> actions, AccountSchema? schema = null, IReadOnlyCollection<string>? customKinds = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(actions);
        var errors = new List<RuleError>();
        var engine = Bind(ModelSymbols.From(model), actions, schema, customKinds, errors);
        RuleError.ThrowIfAny(errors, "actions");
        return engine!;
    }

    /// <summary>Binds action rules against a model's symbols; returns null when a problem was added to <paramref name="errors"/>.</summary>
    internal static ActionEngine? Bind(ModelSymbols symbols, IReadOnlyList<ActionDefinition?> actions, AccountSchema? schema, IReadOnlyCollection<string>? customKinds, List<RuleError> errors)
    {
        var before = errors.Count;
        var compiler = new RuleCompiler(symbols, schema, RuleScope.Full);
        var kinds = new List<string>(ActionKinds.All);
        if (customKinds is not null)
        {
            kinds.AddRange(customKinds);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var compiled = new ActionRule[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            var definition = actions[i];
            if (definition is null)
            {
                errors.Add(new RuleError(i, null, ModelErrorKind.Value, 0, 0, "must be an action, not null."));
                continue;
            }

            var item = i;
            void Fail(string? property, string message) => errors.Add(new RuleError(item, property, ModelErrorKind.Value, 0, 0, message));
            var id = definition.Id;
            if (string.IsNullOrEmpty(id))
            {
                Fail("id", "is required: name the action, so history and cooldowns can follow it.");
                id = "#" + i.ToString(CultureInfo.InvariantCulture);
            }
            else if (id.Length > HealthModelLimits.MaxIdLength)
            {
                Fail("id", HealthModelLimits.TooLong("an id", id.Length, HealthModelLimits.MaxIdLength));
            }
            else if (!seen.TryAdd(id, i))
            {
                Fail("id", string.Create(CultureInfo.InvariantCulture, $"'{ErrorText.Quote(id)}' is already used by action {seen[id]}: action ids must be unique."));
            }

            if (string.IsNullOrWhiteSpace(definition.Title))
            {
                Fail("title", "is required: the text a person reads.");
            }
            else if (definition.Title.Length > HealthModelLimits.MaxLabelLength)
            {
                Fail("title", HealthModelLimits.TooLong("a title", definition.Title.Length, HealthModelLimits.MaxLabelLength));
            }

            if (definition.OwnerRole is { Length: > HealthModelLimits.MaxLabelLength } ownerRole)
            {
                Fail("ownerRole", HealthModelLimits.TooLong("an owner role", ownerRole.Length, HealthModelLimits.MaxLabelLength));
            }

            if (!kinds.Contains(definition.Kind))
            {
                var kind = definition.Kind ?? string.Empty;
                var suggestion = kind.Length <= HealthModelLimits.MaxIdLength ? IdSuggestions.DidYouMean(kind, kinds) : string.Empty;
                Fail("kind", $"'{ErrorText.Quote(kind)}' is not a kind of action.{suggestion} The kinds are {string.Join(", ", kinds)}; declare others in actionKinds.");
            }

            var consentIndex = -1;
            if (definition.Consent is not null)
            {
                consentIndex = compiler.ConsentIndex(definition.Consent);
                if (consentIndex < 0)
                {
                    Fail("consent", $"'{ErrorText.Quote(definition.Consent)}' is not a declared consent.{compiler.SuggestConsent(definition.Consent)} Declare consents in account.consents.");
                }
            }

            if (definition.CooldownTimes < 0)
            {
                Fail("cooldownTimes", "must be 0 (no cooldown) or a positive number of times.");
            }
            else if (definition.CooldownTimes > 0 && !(definition.CooldownDays > 0 && definition.CooldownDays <= MaxCooldownDays))
            {
                Fail("cooldownDays", "must be a positive number of days up to 36,500 when cooldownTimes is set.");
            }

            if (definition.AfterConsecutiveMatches < 1)
            {
                Fail("afterConsecutiveMatches", "must be at least 1.");
            }

            var groupIndex = -1;
            if (definition.Group is { } group)
            {
                if (group.Length > HealthModelLimits.MaxIdLength)
                {
                    Fail("group", HealthModelLimits.TooLong("a group name", group.Length, HealthModelLimits.MaxIdLength));
                }
                else if (!groups.TryGetValue(group, out groupIndex))
                {
                    groupIndex = groups.Count;
                    groups.Add(group, groupIndex);
                }
            }

            var itemBefore = errors.Count;
            var template = definition.Message is null ? null : MessageTemplate.Parse(i, definition.Message, compiler, errors);
            var program = compiler.Compile(i, definition.When, errors);
            if (program is not null && errors.Count == itemBefore)
            {
                compiled[i] = new ActionRule(i, definition, new Rule(id, definition.When!, program), consentIndex, groupIndex, template);
            }
        }

        return errors.Count == before ? new ActionEngine(compiled, groups.Count, symbols.MissingText) : null;
    }

    /// <summary>Gets an action by id; use its <see cref="ActionRule.Index"/> in history, open actions and consecutive-match counts.</summary>
    /// <param name="id">The action's id.</param>
    /// <returns>The action.</returns>
    /// <exception cref="KeyNotFoundException">No action has that id; the message suggests the closest.</exception>
    public ActionRule GetAction(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var action)
            ? action
            : throw new KeyNotFoundException($"No action '{id}'.{IdSuggestions.DidYouMean(id, _byId.Keys)}");
    }

    internal bool TryGetAction(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ActionRule? action) => _byId.TryGetValue(id, out action);

    /// <summary>
    /// Evaluates every action rule for one account. Matched actions are written to <paramref name="destination"/> in
    /// priority order, fired or held back with the reason, never silently dropped; the values each condition read go
    /// to <paramref name="readings"/>. Allocates nothing and never throws on the account's data.
    /// </summary>
    /// <param name="context">What the conditions may read about the account.</param>
    /// <param name="history">The account's action history, open actions and consecutive-match counts.</param>
    /// <param name="destination">Receives the matched actions; <see cref="ActionEvaluation.IsTruncated"/> says if it was too small.</param>
    /// <param name="readings">Receives each matched action's readings; may be empty.</param>
    /// <returns>How much was written.</returns>
    public ActionEvaluation Evaluate(in RuleContext context, in ActionHistory history, Span<MatchedAction> destination, Span<RuleReading> readings)
    {
        if (_groupCount <= MaskGroups)
        {
            return Run(context, history, destination, readings, []);
        }

        var rented = ArrayPool<bool>.Shared.Rent(_groupCount);
        var groupsMatched = rented.AsSpan(0, _groupCount);
        groupsMatched.Clear();
        try
        {
            return Run(context, history, destination, readings, groupsMatched);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(rented);
        }
    }

    /// <summary>Renders an action's message template for one account. Allocates; call it only when a person will read the text.</summary>
    /// <param name="action">The matched action.</param>
    /// <param name="context">The same context the action was evaluated with.</param>
    /// <param name="provider">How numbers are formatted; <see langword="null"/> for the invariant culture.</param>
    /// <returns>The message, or the action's title when it has no template. Missing values render as the model's "missing" text.</returns>
    public string Render(in MatchedAction action, in RuleContext context, IFormatProvider? provider = null)
    {
        var rule = action.Action ?? throw new ArgumentException("The action is empty.", nameof(action));
        return rule.Template is { } template ? template.Render(context, _missing, provider ?? CultureInfo.InvariantCulture) : rule.Title;
    }

    [SkipLocalsInit]
    private ActionEvaluation Run(in RuleContext context, in ActionHistory history, Span<MatchedAction> destination, Span<RuleReading> readings, Span<bool> groupsMatched)
    {
        var count = 0;
        var matched = 0;
        var fired = 0;
        var readingCount = 0;
        var actions = _byPriority;
        var groups = _priorityGroups;
        var programs = _programs;
        var alwaysFires = _alwaysFires;
        var termActions = _termActions;
        var readStarts = _readStarts;
        var readIndexes = _readIndexes;
        var readSlots = _readSlots;
        var readValues = _readValues;
        var readIdentifiers = _readIdentifiers;

        // The values the table loads and computes, which the number readings are built from.
        Span<double> values = stackalloc double[_atoms.ValueCount];
        var atoms = _atoms.Count > 0 || values.Length > 0 ? _atoms.Evaluate(context, values) : 0;
        var groupBits = 0UL;
        var useBits = groupsMatched.IsEmpty;
        var last = -1;
        for (var block = 0; block < termActions.Length; block += TermBlock)
        {
            for (var hits = Hits(atoms, block); hits != 0; hits &= hits - 1)
            {
                // Terms are in priority order, an action's terms next to each other: the first that holds decides.
                var a = termActions[block + BitOperations.TrailingZeroCount(hits)];
                if (a == last || (uint)a >= (uint)actions.Length || (uint)a >= (uint)groups.Length || (uint)a >= (uint)programs.Length)
                {
                    continue;
                }

                last = a;
                var group = groups[a];
                if (group >= 0 && (useBits ? (groupBits & (1UL << group)) != 0 : groupsMatched[group]))
                {
                    continue;
                }

                if (programs[a] is { } program && !program.Evaluate(context))
                {
                    continue;
                }

                var action = actions[a];
                if (group >= 0)
                {
                    if (useBits)
                    {
                        groupBits |= 1UL << group;
                    }
                    else
                    {
                        groupsMatched[group] = true;
                    }
                }

                var status = alwaysFires[a] ? ActionStatus.Fired : Decide(action, context, history);
                matched++;
                if (status == ActionStatus.Fired)
                {
                    fired++;
                }

                if (count >= destination.Length)
                {
                    continue;
                }

                var start = readingCount;
                for (var r = readStarts[a]; r < readStarts[a + 1] && readingCount < readings.Length; r++)
                {
                    var value = readValues[r];
                    if ((uint)value < (uint)values.Length)
                    {
                        readings[readingCount++] = new RuleReading(readIdentifiers[r], values[value], null);
                    }
                    else
                    {
                        readings[readingCount++] = RuleProgram.Read(context, readSlots[readIndexes[r]]);
                    }
                }

                destination[count++] = new MatchedAction(action, status, start, readingCount - start);
            }
        }

        return new ActionEvaluation(count, fired, readingCount, matched);
    }

    /// <summary>Gets whether a slot's reading is its number (the value the table loads), not a text.</summary>
    private static bool IsNumberReading(SlotKind kind) => kind is not (SlotKind.Band or SlotKind.Phase or SlotKind.PreviousBand or SlotKind.Text);

    /// <summary>Gets one bit per term of a block: whether it holds for these atoms.</summary>
    private ulong Hits(ulong atoms, int block)
    {
        ref var masks = ref MemoryMarshal.GetArrayDataReference(_termMasks);
        ref var wants = ref MemoryMarshal.GetArrayDataReference(_termWants);
        var hits = 0UL;
        var length = Math.Min(TermBlock, _termMasks.Length - block);
        if (Vector256.IsHardwareAccelerated)
        {
            var bits = Vector256.Create(atoms);
            for (var t = 0; t < length; t += Vector256<ulong>.Count)
            {
                var offset = (nuint)(block + t);
                var held = Vector256.Equals(Vector256.LoadUnsafe(ref masks, offset) & bits, Vector256.LoadUnsafe(ref wants, offset));
                hits |= (ulong)held.ExtractMostSignificantBits() << t;
            }

            return hits;
        }

        for (var t = 0; t < length; t++)
        {
            var offset = block + t;
            hits |= ((Unsafe.Add(ref masks, offset) & atoms) == Unsafe.Add(ref wants, offset) ? 1UL : 0UL) << t;
        }

        return hits;
    }

    private static ActionStatus Decide(ActionRule action, in RuleContext context, in ActionHistory history)
    {
        var index = action.Index;
        if (action.AfterConsecutiveMatches > 1)
        {
            var previous = (uint)index < (uint)history.ConsecutiveMatches.Length ? history.ConsecutiveMatches[index] : 0;
            if (previous + 1 < action.AfterConsecutiveMatches)
            {
                return ActionStatus.WaitingForConsecutiveMatches;
            }
        }

        if (action.ConsentIndex >= 0 && !((uint)action.ConsentIndex < (uint)context.Consents.Length && context.Consents[action.ConsentIndex]))
        {
            return ActionStatus.SuppressedByConsent;
        }

        if (action.Deduplicate)
        {
            foreach (var open in history.Open)
            {
                if (open.ActionIndex == index)
                {
                    return ActionStatus.SuppressedAsDuplicate;
                }
            }
        }

        if (action.CooldownTimes > 0)
        {
            var window = TimeSpan.FromDays(action.CooldownDays);
            var windowStart = history.AsOf.UtcTicks - DateTimeOffset.MinValue.UtcTicks > window.Ticks ? history.AsOf - window : DateTimeOffset.MinValue;
            var times = 0;
            foreach (var entry in history.Fired)
            {
                if (entry.ActionIndex == index && entry.FiredAt > windowStart && entry.FiredAt <= history.AsOf)
                {
                    times++;
                }
            }

            if (times >= action.CooldownTimes)
            {
                return ActionStatus.SuppressedByCooldown;
            }
        }

        return ActionStatus.Fired;
    }
}
