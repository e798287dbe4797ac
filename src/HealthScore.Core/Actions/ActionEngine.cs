using System.Buffers;
using System.Collections.ObjectModel;
using System.Globalization;
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
public sealed partial class ActionEngine
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

    // Per action in priority order, side by side: the action, its program when the table does not hold it, its
    // group, where its readings are, and what can hold it back.
    private readonly Candidate[] _candidates;

    // Per reading of each action, in the candidates' order: its identifier, its slot, and where the atom table leaves
    // its value (a number reading is built from it), or -1 for one read from the context (text, band and phase ids).
    private readonly ReadStep[] _reads;

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
        var reads = new List<RuleSlot>();
        var readStarts = new int[actions.Length + 1];
        for (var a = 0; a < actions.Length; a++)
        {
            readStarts[a] = reads.Count;
            foreach (var slot in programs[a].Reads)
            {
                if (!readSlots.Contains(slot))
                {
                    readSlots.Add(slot);
                }

                reads.Add(slot);
            }
        }

        readStarts[actions.Length] = reads.Count;

        // Every distinct elementary test is evaluated once per account; each condition is then one or more masks
        // over the results (a condition the table cannot take apart runs its own program). The table also loads
        // every number the readings show, so a reading is built from the value already loaded.
        var numberReads = readSlots.FindAll(static slot => IsNumberReading(slot.Kind));
        _atoms = AtomTable.BuildTerms(programs, numberReads, out var terms);
        var masks = new List<ulong>();
        var wants = new List<ulong>();
        var owners = new List<int>();
        _candidates = new Candidate[actions.Length];
        for (var a = 0; a < actions.Length; a++)
        {
            var action = _byPriority[a];
            _candidates[a] = new Candidate(action, terms[a] is null ? programs[a] : null, action.GroupIndex, readStarts[a], readStarts[a + 1]);
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
        _reads = new ReadStep[reads.Count];
        for (var r = 0; r < reads.Count; r++)
        {
            var slot = reads[r];
            _reads[r] = new ReadStep(slot, IsNumberReading(slot.Kind) ? _atoms.ValueOf(slot.Kind, slot.Index) : -1);
        }

        Rules = new ReadOnlyCollection<ActionRule>(actions);
        MaxReadingsPerAction = maxReads;
    }

    /// <summary>Gets the actions, in declaration order (their <see cref="ActionRule.Index"/>).</summary>
    public IReadOnlyList<ActionRule> Rules { get; }

    /// <summary>Gets the most identifiers any one condition reads: with <c>Rules.Count × MaxReadingsPerAction</c> readings the buffer never runs out.</summary>
    public int MaxReadingsPerAction { get; }

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
            return Start(context, history, destination, readings, []);
        }

        var rented = ArrayPool<bool>.Shared.Rent(_groupCount);
        var groupsMatched = rented.AsSpan(0, _groupCount);
        groupsMatched.Clear();
        try
        {
            return Start(context, history, destination, readings, groupsMatched);
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
}
