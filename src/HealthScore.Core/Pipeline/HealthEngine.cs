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
    /// with progress and cancellation between chunks; allocates nothing per account. The results equal evaluating
    /// the accounts one by one.
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
        ParallelChunks.For(accounts.Count, options, (start, count) =>
        {
            var workspace = workspaces.TryTake(out var free) ? free : CreateWorkspace();
            try
            {
                for (var i = start; i < start + count; i++)
                {
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

    // Categorical values must name a category; expiring values older than their metric's maximum age count as missing.
    private void CheckValues(in AccountInput input, HealthWorkspace workspace)
    {
        var stale = workspace.StaleSince;
        stale.AsSpan().Clear();
        var observed = input.ObservedAt.Span;
        if (!observed.IsEmpty && observed.Length != stale.Length)
        {
            throw new ArgumentException($"ObservedAt has {observed.Length} entries; the model has {stale.Length} metrics (one date per metric, by Metric.Index; default for a current value).", nameof(input));
        }

        var values = workspace.Values;
        var asOf = DateOnly.FromDateTime(input.AsOf.DateTime);
        foreach (var metric in _checkedMetrics)
        {
            var i = metric.Index;
            var value = values[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            if (metric.IsCategorical && !metric.TryGetCategory(value, out _))
            {
                throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The value of categorical metric '{metric.Id}' is {value}, which is not one of its categories ({CategoryList(metric)}); pass metric.CategoryValue(\"{metric.Categories[0].Id}\") or NaN for missing."), nameof(input));
            }

            if (metric.MaxAgeDays is not { } maxAge || observed.IsEmpty || observed[i] == default)
            {
                continue;
            }

            var seen = DateOnly.FromDateTime(observed[i].DateTime);
            if (seen > asOf)
            {
                throw new ArgumentException($"The value of metric '{metric.Id}' was observed on {seen:yyyy-MM-dd}, after the as-of date {asOf:yyyy-MM-dd}; a value cannot be known before it is observed.", nameof(input));
            }

            if (asOf.DayNumber - seen.DayNumber > maxAge)
            {
                values[i] = double.NaN;
                stale[i] = seen.AddDays(maxAge + 1);
            }
        }
    }

    private HealthResult Adjust(in RuleContext context, Phase phase, in HealthResult scored, HealthWorkspace workspace, out int count)
    {
        count = 0;
        var adjustments = Model.Adjustments;
        if (adjustments.Count == 0 || scored.UnroundedScore is not { } running)
        {
            return scored;
        }

        var model = Model;
        var applied = workspace.Adjustments;
        for (var i = 0; i < adjustments.Count; i++)
        {
            var adjustment = adjustments[i];
            if (adjustment.AppliesIn(phase) && adjustment.Rule.Program.Evaluate(context))
            {
                var next = Math.Clamp(running + adjustment.Points, model.ScaleMin, model.ScaleMax);
                applied[count++] = new AppliedAdjustment(adjustment, next - running);
                running = next;
            }
        }

        if (count == 0)
        {
            return scored;
        }

        var score = Math.Round(running, model.Decimals, MidpointRounding.AwayFromZero);
        return new HealthResult(score, running, AccountScoring.BandFor(model, score, phase), phase, scored.Coverage, model.Hash);
    }

    // Checks every override, decides which apply on the as-of date, and puts metric overrides into the values.
    private int ResolveOverrides(in AccountInput input, HealthWorkspace workspace)
    {
        var holders = workspace.MetricOverride;
        holders.AsSpan().Fill(-1);
        workspace.ScoreOverride = -1;
        workspace.BandOverride = -1;
        var overrides = input.Overrides ?? input.Previous?.Overrides;
        if (overrides is not { Count: > 0 })
        {
            return 0;
        }

        var model = Model;
        var policy = model.Overrides;
        var asOf = DateOnly.FromDateTime(input.AsOf.DateTime);
        workspace.EnsureOverrides(overrides.Count);
        var outcomes = workspace.Overrides;
        for (var i = 0; i < overrides.Count; i++)
        {
            var candidate = overrides[i] ?? throw new ArgumentException(Invariant($"Overrides[{i}] is null; pass only overrides."), nameof(input));
            var metric = CheckOverride(candidate, i, out var problem);
            if (problem is not null && input.Overrides is null)
            {
                // Carried over from a snapshot of another version of the model, which had what this one lacks.
                outcomes[i] = new OverrideOutcome(candidate, OverrideStatus.TargetRetired, null);
                continue;
            }

            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(input));
            }

            var setDay = DateOnly.FromDateTime(candidate.SetAt.DateTime);
            DateOnly? last = candidate.ValidUntil is { } until ? DateOnly.FromDateTime(until.DateTime) : null;
            if (policy.MaxValidityDays is { } days && setDay.DayNumber + days - 1 <= DateOnly.MaxValue.DayNumber)
            {
                var limit = setDay.AddDays(days - 1);
                last = last is { } own && own < limit ? own : limit;
            }

            var status = !policy.Allowed ? OverrideStatus.NotAllowed
                : policy.RequireComment && string.IsNullOrWhiteSpace(candidate.Comment) ? OverrideStatus.CommentRequired
                : setDay > asOf ? OverrideStatus.NotYetValid
                : last is { } end && end < asOf ? OverrideStatus.Expired
                : OverrideStatus.Applied;
            outcomes[i] = new OverrideOutcome(candidate, status, last);
            if (status != OverrideStatus.Applied)
            {
                continue;
            }

            // Of two valid overrides of the same thing, the one set later wins (on a tie, the later in the list).
            var holder = candidate.Target switch
            {
                OverrideTarget.Score => workspace.ScoreOverride,
                OverrideTarget.Band => workspace.BandOverride,
                _ => holders[metric!.Index],
            };
            if (holder >= 0 && outcomes[holder].Override.SetAt > candidate.SetAt)
            {
                outcomes[i] = new OverrideOutcome(candidate, OverrideStatus.Superseded, last);
                continue;
            }

            if (holder >= 0)
            {
                outcomes[holder] = new OverrideOutcome(outcomes[holder].Override, OverrideStatus.Superseded, outcomes[holder].LastValidDay);
            }

            switch (candidate.Target)
            {
                case OverrideTarget.Score:
                    workspace.ScoreOverride = i;
                    break;
                case OverrideTarget.Band:
                    workspace.BandOverride = i;
                    break;
                default:
                    holders[metric!.Index] = i;
                    break;
            }
        }

        for (var m = 0; m < holders.Length; m++)
        {
            if (holders[m] >= 0)
            {
                workspace.Values[m] = outcomes[holders[m]].Override.Value!.Value;
                workspace.StaleSince[m] = null;
            }
        }

        return overrides.Count;
    }

    private Metric? CheckOverride(HealthOverride candidate, int i, out string? problem)
    {
        var model = Model;
        problem = null;
        if (string.IsNullOrWhiteSpace(candidate.Author))
        {
            problem = Invariant($"Overrides[{i}] has no author; say who set it, so results can name them.");
            return null;
        }

        if (candidate.ValidUntil is { } until && until < candidate.SetAt)
        {
            problem = Invariant($"Overrides[{i}] ends ({until:O}) before it was set ({candidate.SetAt:O}).");
            return null;
        }

        switch (candidate.Target)
        {
            case OverrideTarget.Score:
                if (candidate.Value is not { } score || !double.IsFinite(score) || score < model.ScaleMin || score > model.ScaleMax)
                {
                    problem = Invariant($"Overrides[{i}] overrides the score but its value ({candidate.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}) is not a score from {model.ScaleMin} to {model.ScaleMax}.");
                    return null;
                }

                return null;
            case OverrideTarget.Band:
                if (candidate.Band is null || !model.TryGetBand(candidate.Band, out _))
                {
                    problem = Invariant($"Overrides[{i}] overrides the band but '{candidate.Band}' is not a band of this model; the bands are {string.Join(", ", model.Bands)}.{(candidate.Band is null ? string.Empty : IdSuggestions.DidYouMean(candidate.Band, model.Bands.Select(b => b.Id)))}");
                    return null;
                }

                return null;
            case OverrideTarget.Metric:
                if (candidate.Metric is null || !model.TryGetMetric(candidate.Metric, out var metric))
                {
                    problem = Invariant($"Overrides[{i}] overrides metric '{candidate.Metric}', which is not a metric of this model.{(candidate.Metric is null ? string.Empty : IdSuggestions.DidYouMean(candidate.Metric, model.Metrics.Select(m => m.Id)))}");
                    return null;
                }

                if (candidate.Value is not { } value || !double.IsFinite(value) || (metric.IsCategorical && !metric.TryGetCategory(value, out _)))
                {
                    problem = Invariant($"Overrides[{i}] overrides metric '{metric.Id}' but its value ({candidate.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}) is not {(metric.IsCategorical ? "one of its categories (" + CategoryList(metric) + ")" : "a finite number")}.");
                    return null;
                }

                return metric;
            default:
                problem = Invariant($"Overrides[{i}] has target {(int)candidate.Target}, which is not score, band or metric.");
                return null;
        }
    }

    private HealthResult ApplyOverrides(in HealthResult result, Phase phase, HealthWorkspace workspace)
    {
        var model = Model;
        var overridden = result;
        if (workspace.ScoreOverride >= 0)
        {
            var value = workspace.Overrides[workspace.ScoreOverride].Override.Value!.Value;
            var score = Math.Round(value, model.Decimals, MidpointRounding.AwayFromZero);
            overridden = new HealthResult(score, value, AccountScoring.BandFor(model, score, phase), phase, result.Coverage, model.Hash);
        }

        if (workspace.BandOverride >= 0)
        {
            overridden = overridden.WithBand(model.GetBand(workspace.Overrides[workspace.BandOverride].Override.Band!));
        }

        return overridden;
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string CategoryList(Metric metric)
    {
        var text = new System.Text.StringBuilder();
        foreach (var category in metric.Categories)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(category.Index).Append(' ').Append(category.Id);
        }

        return text.ToString();
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
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            double? value = null;
            shared[metric.Index] = stored is not null && stored.TryGetValue(metric.Id, out value);
            values[metric.Index] = value is { } v && double.IsFinite(v) ? v : double.NaN;
        }

        // The previous contributions under this model, in the previous phase where this model still has it.
        var previousPhase = before.Phase.IsRetired ? phase : before.Phase;
        model.Score(values, previousPhase, buffers.PreviousContributions, []);
        var modelChanged = previous.ModelHash != model.Hash;
        return TrendComputation.Compare(model, before, buffers.PreviousContributions, current, contributions, shared, modelChanged, buffers.Changes);
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
