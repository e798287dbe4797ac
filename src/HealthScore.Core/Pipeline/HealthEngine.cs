using System.Collections.Concurrent;
using HealthScore.Core.Actions;
using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// The health pipeline: evaluates an account end to end, in one documented order. The account's metric values (given,
/// or computed from its records by the providers) and facts as of a date, with its previous snapshot →
/// phase (the host's, or the model's phase rules) → score with contributions and group scores → band (the phase's
/// thresholds, then the band exceptions) → trend against the previous snapshot → actions with their statuses,
/// reasons and readings. Immutable and thread-safe; evaluation is synchronous and, in a reused
/// <see cref="HealthWorkspace"/>, allocates nothing (except when the previous snapshot names a band or phase the
/// model no longer has, or holds more firings than the workspace has seen before).
/// </summary>
/// <example>
/// <code>
/// var engine = new HealthEngine(model);
/// var health = engine.Evaluate(new AccountInput { AccountId = "acme", AsOf = asOf, MetricValues = values, Facts = facts, Previous = last });
/// Console.WriteLine(health.Explain());
/// store.Save("acme", health.ToSnapshot());
/// </code>
/// </example>
public sealed partial class HealthEngine
{
    // The metrics whose values the engine checks: categorical ones (a category's position) and expiring ones.
    private readonly Metric[] _checkedMetrics;

    /// <summary>Creates the engine for a model, without providers: accounts bring their metric values.</summary>
    /// <param name="model">The compiled model.</param>
    public HealthEngine(HealthModel model)
        : this(model, null)
    {
    }

    /// <summary>Creates the engine for a model and the providers that compute its metric values from records.</summary>
    /// <param name="model">The compiled model.</param>
    /// <param name="providers">The providers, made for <paramref name="model"/> by <see cref="MetricProviderSet.Create"/>; <see langword="null"/> when accounts bring their metric values.</param>
    /// <exception cref="ArgumentException"><paramref name="providers"/> was made for another model.</exception>
    public HealthEngine(HealthModel model, MetricProviderSet? providers)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (providers is not null && !ReferenceEquals(providers.Model, model))
        {
            throw new ArgumentException($"The providers were made for model '{providers.Model.Id}' ({providers.Model.Hash}), not this one ({model.Hash}); create them with MetricProviderSet.Create(model, …).", nameof(providers));
        }

        Model = model;
        Providers = providers;
        var checkedMetrics = new List<Metric>();
        foreach (var metric in model.Metrics)
        {
            if (metric.IsCategorical || metric.MaxAgeDays is not null)
            {
                checkedMetrics.Add(metric);
            }
        }

        _checkedMetrics = [.. checkedMetrics];
        _profileEngines = ProfileEngines(model);
    }

    /// <summary>Gets the model accounts are evaluated with.</summary>
    public HealthModel Model { get; }

    /// <summary>Gets the providers that turn records into metric values, or <see langword="null"/>.</summary>
    public MetricProviderSet? Providers { get; }

    /// <summary>Creates a workspace for one thread; reuse it for every account that thread evaluates.</summary>
    /// <returns>A new workspace sized for <see cref="Model"/>.</returns>
    public HealthWorkspace CreateWorkspace() => new(this);

    /// <summary>Evaluates one account in a new workspace: the simple form, which allocates.</summary>
    /// <param name="input">The account.</param>
    /// <returns>The account's health, its own to keep.</returns>
    /// <exception cref="ArgumentException">The input does not fit the model (see <see cref="Evaluate(in AccountInput, HealthWorkspace)"/>).</exception>
    /// <exception cref="AccountDataException">The facts read from the input's <see cref="Account"/> do not parse.</exception>
    public AccountHealth Evaluate(in AccountInput input) => Evaluate(input, CreateWorkspace());

    /// <summary>Evaluates one account in a reused workspace; allocates nothing (see the class remarks for the two exceptions).</summary>
    /// <param name="input">The account.</param>
    /// <param name="workspace">A workspace of this engine, used by one thread at a time.</param>
    /// <returns>The account's health, which lives in <paramref name="workspace"/> until its next evaluation.</returns>
    /// <exception cref="ArgumentException">
    /// The workspace belongs to another engine; the metric values do not have one entry per metric; the phase or facts
    /// belong to another model; records were given to an engine without providers; or the previous snapshot is of
    /// another account or dated after <see cref="AccountInput.AsOf"/>.
    /// </exception>
    /// <exception cref="AccountDataException">The facts read from the input's <see cref="Account"/> do not parse.</exception>
    public AccountHealth Evaluate(in AccountInput input, HealthWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!ReferenceEquals(workspace.Engine, this))
        {
            throw new ArgumentException("The workspace belongs to another engine; create one with this engine's CreateWorkspace().", nameof(workspace));
        }

        if (_profileEngines is not null)
        {
            return EvaluateInProfile(input, workspace);
        }

        var model = Model;
        var asOf = input.AsOf;
        var previous = input.Previous ?? input.History?.LatestOn(input.AsOf);
        CheckPrevious(input, previous);
        FillValues(input, workspace.Values);
        CheckValues(input, workspace);
        var overrideCount = ResolveOverrides(input, workspace);
        var facts = Facts(input, workspace);

        var health = workspace.Health;
        var previousResult = previous is null ? (HealthResult?)null : PreviousResult(previous);
        double? daysInPreviousPhase = previous is null ? null : Math.Max(0, (asOf - (previous.PhaseSince ?? previous.AsOf)).TotalDays);
        var context = FactsContext(facts, asOf) with { MetricValues = workspace.Values, Previous = previousResult, DaysInPhase = daysInPreviousPhase, History = input.History, Overridden = workspace.ScoreOverride >= 0 || workspace.BandOverride >= 0 };

        // Phase: the host's, else the first phase rule that matches, else the default.
        Phase phase;
        var source = PhaseSource.Given;
        Rule? phaseRule = null;
        if (input.Phase is { } given)
        {
            if (!ReferenceEquals(given, model.DefaultPhase) && ((uint)given.Index >= (uint)model.Phases.Count || !ReferenceEquals(model.Phases[given.Index], given)))
            {
                throw new ArgumentException($"Phase '{given.Id}' belongs to another model; take phases from this engine's model (GetPhase).", nameof(input));
            }

            phase = given;
        }
        else
        {
            phase = model.PhaseRules.Resolve(context, out var ruleIndex);
            source = ruleIndex >= 0 ? PhaseSource.Rule : PhaseSource.Default;
            phaseRule = ruleIndex >= 0 ? model.PhaseRules.Rules[ruleIndex] : null;
        }

        var phaseSince = previous is not null && previous.Phase == phase.Id ? previous.PhaseSince ?? previous.AsOf : asOf;
        var daysInPhase = Math.Max(0, (asOf - phaseSince).TotalDays);
        health.Set(input, facts, phase, source, phaseRule, phaseSince, daysInPhase);

        // Score, then the band exceptions over the scored result.
        var scored = model.Score(workspace.Values, phase, workspace.Contributions, workspace.GroupScores);
        context = context with { DaysInPhase = daysInPhase };
        var adjusted = Adjust(context, phase, scored, workspace, out var adjustmentCount);
        context = context with { Result = adjusted, GroupScores = workspace.MapRuleGroups() };
        Rule? exception = null;
        var result = adjusted;
        if (model.BandExceptions.TryForce(context, out var forced, out var exceptionIndex))
        {
            result = adjusted.WithBand(forced);
            exception = result.IsBandForced ? model.BandExceptions.Rules[exceptionIndex] : null;
        }

        // A person's override is the last word: over the thresholds, the adjustments and the band exceptions.
        var computed = result;
        result = ApplyOverrides(result, phase, workspace);
        health.SetResult(result, exception, computed, adjustmentCount, overrideCount);
        context = context with { Result = result };

        // Trend against the previous snapshot.
        var firedCount = 0;
        if (previous is not null && previousResult is { } before)
        {
            health.SetTrend(Compare(previous, before, phase, result, workspace.Contributions, new TrendBuffers(workspace.PreviousValues, workspace.Shared, workspace.PreviousContributions, workspace.Changes)));
            firedCount = LoadHistory(previous, workspace);
        }
        else
        {
            health.SetTrend(null);
            workspace.ConsecutiveMatches.AsSpan().Clear();
        }

        health.SetPrevious(previousResult, firedCount);

        // Actions, with the history the previous snapshot and the host's open actions give.
        var open = LoadOpen(input.OpenActions, workspace);
        var history = new ActionHistory
        {
            AsOf = asOf,
            Fired = workspace.Fired.AsSpan(0, firedCount),
            Open = workspace.Open.AsSpan(0, open),
            ConsecutiveMatches = workspace.ConsecutiveMatches,
        };
        health.SetActions(model.Actions.Evaluate(context, history, workspace.Matched, workspace.Readings));
        return health;
    }

    /// <summary>
    /// Evaluates a portfolio on all cores (or as many as <paramref name="options"/> allow), one workspace per worker,
    /// with progress after each chunk and cancellation before each account (a cancelled run stops within one
    /// account per worker); allocates nothing per account. The results equal evaluating the accounts one by one.
    /// </summary>
    /// <typeparam name="TAccount">The host's account type.</typeparam>
    /// <param name="accounts">The accounts.</param>
    /// <param name="read">Makes an account's input; may fill the workspace's <see cref="HealthWorkspace.Facts"/>. Called on worker threads.</param>
    /// <param name="receive">Takes an account's health (valid only during the call; keep <see cref="AccountHealth.ToSnapshot"/> or what you need). Called on worker threads, concurrently.</param>
    /// <param name="options">Cores, chunk size, progress and cancellation; <see langword="null"/> for the defaults.</param>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    /// <exception cref="AggregateException">An evaluation, <paramref name="read"/> or <paramref name="receive"/> threw; the inner exceptions say what (for example an <see cref="AccountDataException"/>).</exception>
    public void EvaluateAll<TAccount>(IReadOnlyList<TAccount> accounts, Func<TAccount, HealthWorkspace, AccountInput> read, Action<TAccount, AccountHealth> receive, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(receive);
        var workspaces = new ConcurrentBag<HealthWorkspace>();
        var cancellation = options?.CancellationToken ?? CancellationToken.None;
        ParallelChunks.For(accounts.Count, options, (start, count) =>
        {
            var workspace = workspaces.TryTake(out var free) ? free : CreateWorkspace();
            try
            {
                for (var i = start; i < start + count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var account = accounts[i];
                    receive(account, Evaluate(read(account, workspace), workspace));
                }
            }
            finally
            {
                workspaces.Add(workspace);
            }
        });
    }

    private static void CheckPrevious(in AccountInput input, HealthSnapshot? previous)
    {
        if (previous is null)
        {
            return;
        }

        if (previous.AccountId is not null && input.AccountId is not null && previous.AccountId != input.AccountId)
        {
            throw new ArgumentException($"The previous snapshot is of account '{previous.AccountId}', not '{input.AccountId}'.", nameof(input));
        }

        if (string.IsNullOrEmpty(previous.Phase) || string.IsNullOrEmpty(previous.Band) || previous.ModelHash is null)
        {
            throw new ArgumentException("The previous snapshot has no phase, band or model hash; pass a snapshot made by AccountHealth.ToSnapshot or read by HealthSnapshotJson.Read.", nameof(input));
        }

        if (previous.AsOf > input.AsOf)
        {
            throw new ArgumentException($"The previous snapshot is dated {previous.AsOf:O}, after the as-of date {input.AsOf:O}; pass the latest snapshot before the date evaluated.", nameof(input));
        }
    }

    private void FillValues(in AccountInput input, Span<double> values)
    {
        values.Fill(double.NaN);
        if (input.Records is { } records)
        {
            if (Providers is null)
            {
                throw new ArgumentException("The input has records, but this engine has no providers to compute metric values from them; create the engine with a MetricProviderSet, or pass MetricValues.", nameof(input));
            }

            Providers.Fill(records, input.AsOf, values);
        }

        var given = input.MetricValues.Span;
        if (given.IsEmpty)
        {
            return;
        }

        if (given.Length != values.Length)
        {
            throw new ArgumentException($"MetricValues has {given.Length} entries; the model has {values.Length} metrics (one value per metric, by Metric.Index; NaN for missing).", nameof(input));
        }

        for (var i = 0; i < given.Length; i++)
        {
            if (!double.IsNaN(given[i]))
            {
                values[i] = given[i];
            }
        }
    }

    private AccountFacts Facts(in AccountInput input, HealthWorkspace workspace)
    {
        if (input.Facts is { } facts)
        {
            if (!ReferenceEquals(facts.Schema, Model.Account))
            {
                throw new ArgumentException("The facts follow another model's account schema; create them with new AccountFacts(model.Account) or use the workspace's Facts.", nameof(input));
            }

            return facts;
        }

        var own = workspace.OwnFacts;
        own.Clear();
        if (input.Records is { Account: { } account })
        {
            own.Read(account, ignoreUnknownFields: true);
        }

        return own;
    }

    internal HealthResult PreviousResult(HealthSnapshot previous)
    {
        var model = Model;
        var band = previous.Band == model.InsufficientData.Id ? model.InsufficientData
            : model.TryGetBand(previous.Band, out var known) ? known
            : Band.Retired(previous.Band);
        var phase = model.TryGetPhase(previous.Phase, out var knownPhase) ? knownPhase : Phase.Retired(previous.Phase, model.DefaultPhase);
        var coverage = double.IsFinite(previous.Coverage) ? Math.Clamp(previous.Coverage, 0, 1) : 0;
        return new HealthResult(Finite(previous.Score), Finite(previous.UnroundedScore), band, phase, coverage, previous.ModelHash ?? string.Empty, previous.BandForced);
    }

    /// <summary>The trend from a stored snapshot to a current result: the stored metric values rescored under this model.</summary>
    internal HealthTrend Compare(HealthSnapshot previous, in HealthResult before, Phase phase, in HealthResult current, ReadOnlySpan<MetricContribution> contributions, in TrendBuffers buffers)
    {
        var model = Model;
        var values = buffers.Values;
        var shared = buffers.Shared;
        var stored = previous.Metrics;
        var metrics = model.Metrics;
        if (!ReadInModelOrder(stored, metrics, values, shared))
        {
            for (var i = 0; i < metrics.Count; i++)
            {
                var metric = metrics[i];
                double? value = null;
                shared[metric.Index] = stored is not null && stored.TryGetValue(metric.Id, out value);
                values[metric.Index] = value is { } v && double.IsFinite(v) ? v : double.NaN;
            }
        }

        // The previous contributions under this model, in the previous phase where this model still has it.
        var previousPhase = before.Phase.IsRetired ? phase : before.Phase;
        model.Score(values, previousPhase, buffers.PreviousContributions, []);
        var modelChanged = previous.ModelHash != model.Hash;
        return TrendComputation.Compare(model, before, buffers.PreviousContributions, current, contributions, shared, modelChanged, buffers.Changes);
    }

    /// <summary>
    /// Reads a snapshot's metric values without hashing their ids when its dictionary lists exactly the model's metrics
    /// in the model's order, as <see cref="AccountHealth.ToSnapshot"/> writes them: entry <c>i</c> is then the value of
    /// metric <c>i</c>. Returns <see langword="false"/> (with the buffers partly written) at the first entry that does
    /// not line up, for the caller to look every metric up by id instead.
    /// </summary>
    private static bool ReadInModelOrder(IReadOnlyDictionary<string, double?>? stored, IReadOnlyList<Metric> metrics, Span<double> values, Span<bool> shared)
    {
        if (stored is not Dictionary<string, double?> dictionary || dictionary.Count != metrics.Count)
        {
            return false;
        }

        var i = 0;
        foreach (var (id, value) in dictionary)
        {
            // Ids are unique in a dictionary: with the counts equal, every metric is matched exactly once.
            var metric = metrics[i++];
            if (!string.Equals(id, metric.Id, StringComparison.Ordinal))
            {
                return false;
            }

            shared[metric.Index] = true;
            values[metric.Index] = value is { } v && double.IsFinite(v) ? v : double.NaN;
        }

        return true;
    }

    private int LoadHistory(HealthSnapshot previous, HealthWorkspace workspace)
    {
        var actions = Model.Actions;
        var consecutive = workspace.ConsecutiveMatches.AsSpan();
        consecutive.Clear();
        if (previous.Actions is { } matched)
        {
            for (var i = 0; i < matched.Count; i++)
            {
                if (matched[i] is { } entry && entry.Id is not null && actions.TryGetAction(entry.Id, out var rule))
                {
                    consecutive[rule.Index] = Math.Clamp(entry.ConsecutiveMatches, 0, int.MaxValue - 1);
                }
            }
        }

        if (previous.Fired is not { Count: > 0 } fired)
        {
            return 0;
        }

        workspace.EnsureFired(fired.Count);
        var count = 0;
        for (var i = 0; i < fired.Count; i++)
        {
            if (fired[i] is { } firing && firing.Id is not null && actions.TryGetAction(firing.Id, out var rule))
            {
                workspace.Fired[count++] = new ActionHistoryEntry(rule.Index, firing.At);
            }
        }

        return count;
    }

    private int LoadOpen(IReadOnlyList<string>? open, HealthWorkspace workspace)
    {
        if (open is not { Count: > 0 })
        {
            return 0;
        }

        workspace.EnsureOpen(open.Count);
        var count = 0;
        for (var i = 0; i < open.Count; i++)
        {
            if (open[i] is { } id && Model.Actions.TryGetAction(id, out var rule))
            {
                workspace.Open[count++] = new OpenAction(rule.Index);
            }
        }

        return count;
    }

    /// <summary>Scratch space for comparing a snapshot with a result, one entry per metric.</summary>
    internal readonly ref struct TrendBuffers(Span<double> values, Span<bool> shared, Span<MetricContribution> previousContributions, Span<MetricChange> changes)
    {
        public Span<double> Values { get; } = values;

        public Span<bool> Shared { get; } = shared;

        public Span<MetricContribution> PreviousContributions { get; } = previousContributions;

        public Span<MetricChange> Changes { get; } = changes;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
