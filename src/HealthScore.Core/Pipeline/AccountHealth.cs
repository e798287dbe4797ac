using System.Globalization;
using HealthScore.Core.Actions;
using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// The health of one account from one evaluation: phase and where it came from, score, band (and the exception that
/// forced it), coverage, contributions and group scores, the trend against the previous snapshot, and the matched
/// actions with their statuses and readings. Lives in the <see cref="HealthWorkspace"/> it was evaluated in and is
/// overwritten by the next evaluation there: read what you need, or keep <see cref="ToSnapshot"/>.
/// </summary>
public sealed partial class AccountHealth
{
    private readonly HealthWorkspace _workspace;
    private HealthResult? _previousResult;
    private AccountFacts _facts;
    private int _matchedCount;
    private int _firedHistoryCount;
    private int _adjustmentCount;
    private int _overrideCount;

    internal AccountHealth(HealthWorkspace workspace)
    {
        _workspace = workspace;
        _facts = workspace.OwnFacts;
        Model = workspace.Engine.Model;
        Phase = Model.DefaultPhase;
    }

    /// <summary>Gets the model that evaluated the account: the engine's, or for a model with profiles the <see cref="Profile"/>'s scorecard.</summary>
    public HealthModel Model { get; }

    /// <summary>Gets the account's id, as the input gave it.</summary>
    public string? AccountId { get; private set; }

    /// <summary>Gets the date the account was evaluated as of.</summary>
    public DateTimeOffset AsOf { get; private set; }

    /// <summary>
    /// Gets the phase the account was judged in. In a model with profiles it is the phase of the account's
    /// <see cref="Profile"/> (of its <see cref="Model.Profile.Scorecard"/>, with the profile's weights and thresholds):
    /// the same <see cref="Model.Phase.Id"/> and <see cref="Model.Phase.Index"/> as the model's phase, so compare
    /// phases across profiles by id. <see cref="HealthResult.Band"/> is likewise the profile's band.
    /// </summary>
    public Phase Phase { get; private set; }

    /// <summary>Gets where <see cref="Phase"/> came from: a phase rule, the host, or the model's default.</summary>
    public PhaseSource PhaseSource { get; private set; }

    /// <summary>Gets the phase rule that chose <see cref="Phase"/>, or <see langword="null"/>.</summary>
    public Rule? PhaseRule { get; private set; }

    /// <summary>Gets since when the account has been in <see cref="Phase"/>: carried from the previous snapshot while the phase stays, else the as-of date.</summary>
    public DateTimeOffset PhaseSince { get; private set; }

    /// <summary>Gets the score, band, phase and coverage.</summary>
    public HealthResult Result { get; private set; }

    /// <summary>
    /// Gets the churn rate observed, over the model's calibration horizon (<see cref="HealthModel.CalibrationHorizonDays"/>),
    /// for accounts with this score in this phase; <see langword="null"/> when the model is not calibrated or there is no
    /// score. Read from the model's calibration by a binary search: no allocation.
    /// </summary>
    public double? ExpectedChurnRate => Result.UnroundedScore is { } score ? Model.EstimateChurn(score, Phase)?.Rate : null;

    /// <summary>Gets the band exception that forced <see cref="HealthResult.Band"/>, or <see langword="null"/> when the band was judged from the score.</summary>
    public Rule? BandException { get; private set; }

    /// <summary>Gets the raw metric values the account was scored on, indexed by <see cref="Metric.Index"/>; NaN means missing.</summary>
    public ReadOnlySpan<double> MetricValues => _workspace.Values;

    /// <summary>Gets what each metric contributed, indexed by <see cref="Metric.Index"/>.</summary>
    public ReadOnlySpan<MetricContribution> Contributions => _workspace.Contributions;

    /// <summary>Gets each group's score, indexed by <see cref="Group.Index"/>.</summary>
    public ReadOnlySpan<GroupScore> GroupScores => _workspace.GroupScores;

    /// <summary>Gets the previous snapshot the trend was taken against, or <see langword="null"/>.</summary>
    public HealthSnapshot? Previous { get; private set; }

    /// <summary>Gets how health moved since <see cref="Previous"/>, or <see langword="null"/> when there is no previous snapshot.</summary>
    public HealthTrend? Trend { get; private set; }

    /// <summary>Gets the metrics that moved the score since <see cref="Previous"/>, largest move first.</summary>
    public ReadOnlySpan<MetricChange> Changes => Trend is { } trend ? _workspace.Changes.AsSpan(0, trend.ChangeCount) : [];

    /// <summary>Gets every action whose condition held, in priority order: fired, or held back with the reason.</summary>
    public ReadOnlySpan<MatchedAction> Actions => _workspace.Matched.AsSpan(0, _matchedCount);

    /// <summary>Gets how many of <see cref="Actions"/> fired.</summary>
    public int FiredCount { get; private set; }

    /// <summary>Gets the values an action's condition read (<c>metrics.escalations = 1</c>): why it matched.</summary>
    /// <param name="action">One of <see cref="Actions"/>.</param>
    /// <returns>The readings.</returns>
    public ReadOnlySpan<RuleReading> GetReadings(in MatchedAction action) =>
        _workspace.Readings.AsSpan(action.ReadingStart, action.ReadingCount);

    /// <summary>Explains the score in the model's words (allocates).</summary>
    /// <returns>One line: score, band, phase, the profile (in a model with profiles), coverage and the metrics that hurt and help most.</returns>
    public string Explain()
    {
        var holders = _workspace.MetricOverride;
        HealthOverride?[]? metricOverrides = null;
        for (var i = 0; i < holders.Length; i++)
        {
            if (holders[i] >= 0)
            {
                metricOverrides ??= new HealthOverride?[holders.Length];
                metricOverrides[i] = _workspace.Overrides[holders[i]].Override;
            }
        }

        var holder = _workspace.ScoreOverride >= 0 ? _workspace.ScoreOverride : _workspace.BandOverride;
        var details = new Explanation.ExplanationDetails
        {
            Override = holder >= 0 ? _workspace.Overrides[holder].Override : null,
            OverrideLastDay = holder >= 0 ? _workspace.Overrides[holder].LastValidDay : null,
            Computed = holder >= 0 ? ComputedResult : null,
            StaleSince = _workspace.StaleSince,
            MetricOverrides = metricOverrides,
            Adjustments = Adjustments,
            Profile = Profile?.Label,
        };
        return Explanation.ExplanationWriter.Describe(Model, Result, Contributions, HealthModel.DefaultDrivers, details);
    }

    /// <summary>Explains the trend in the model's words (allocates), or <see langword="null"/> when there is no previous snapshot.</summary>
    /// <returns>One line: the change, band and phase moves, and the metrics that moved the score.</returns>
    public string? ExplainTrend() => Trend is { } trend && Previous is { } previous ? DescribeTrend(trend, Changes, previous) : null;

    /// <summary>Renders a matched action's message for a person to read (allocates).</summary>
    /// <param name="action">One of <see cref="Actions"/>.</param>
    /// <param name="provider">How numbers are formatted; <see langword="null"/> for the invariant culture.</param>
    /// <returns>The message, or the action's title when it has none.</returns>
    public string Render(in MatchedAction action, IFormatProvider? provider = null) =>
        Model.Actions.Render(action, Context(), provider ?? CultureInfo.InvariantCulture);

    /// <summary>
    /// Records this evaluation as a <see cref="HealthSnapshot"/> to store and pass back next time (allocates). Its
    /// firings keep each action's latest one and those inside the action's cooldown window; firings of actions the
    /// model no longer has are dropped.
    /// </summary>
    /// <returns>The snapshot.</returns>
    public HealthSnapshot ToSnapshot()
    {
        var model = Model;
        var metrics = new Dictionary<string, double?>(model.Metrics.Count, StringComparer.Ordinal);
        var values = _workspace.Values;
        foreach (var metric in model.Metrics)
        {
            var value = values[metric.Index];
            metrics[metric.Id] = double.IsFinite(value) ? value : null;
        }

        var matched = Actions;
        var actions = new SnapshotAction[matched.Length];
        for (var i = 0; i < matched.Length; i++)
        {
            var rule = matched[i].Action;
            actions[i] = new SnapshotAction
            {
                Id = rule.Id,
                Status = matched[i].Status,
                ConsecutiveMatches = Math.Min(_workspace.ConsecutiveMatches[rule.Index], int.MaxValue - 1) + 1,
            };
        }

        return new HealthSnapshot
        {
            AccountId = AccountId,
            AsOf = AsOf,
            ModelId = model.Id,
            ModelVersion = model.Version,
            ModelHash = model.Hash,
            Profile = Profile?.Id,
            Phase = Phase.Id,
            PhaseSince = PhaseSince,
            Score = Result.Score,
            UnroundedScore = Result.UnroundedScore,
            Band = Result.Band.Id,
            BandForced = Result.IsBandForced,
            BandForcedBy = BandException?.Id,
            Coverage = Result.Coverage,
            ExpectedChurnRate = ExpectedChurnRate,
            Metrics = metrics,
            Actions = actions,
            Fired = Firings(),
            Overrides = KeptOverrides(),
            ComputedScore = IsOverridden ? ComputedResult.Score : null,
            ComputedBand = IsOverridden ? ComputedResult.Band.Id : null,
            Adjustments = AdjustmentPoints(),
            Stale = StaleMetrics(),
        };
    }

    internal void Set(in AccountInput input, AccountFacts facts, Phase phase, PhaseSource source, Rule? phaseRule, DateTimeOffset phaseSince, double daysInPhase)
    {
        AccountId = input.AccountId;
        AsOf = input.AsOf;
        Previous = input.Previous ?? input.History?.LatestOn(input.AsOf);
        History = input.History;
        _facts = facts;
        Phase = phase;
        PhaseSource = source;
        PhaseRule = phaseRule;
        PhaseSince = phaseSince;
        DaysInPhase = daysInPhase;
        TenureDays = facts.TenureAsOf(input.AsOf);
        DaysToRenewal = facts.DaysToRenewalAsOf(input.AsOf);
    }

    internal void SetPrevious(HealthResult? previous, int firedHistoryCount)
    {
        _previousResult = previous;
        _firedHistoryCount = firedHistoryCount;
    }

    internal void SetResult(in HealthResult result, Rule? bandException, in HealthResult computed, int adjustmentCount, int overrideCount)
    {
        Result = result;
        BandException = bandException;
        ComputedResult = computed;
        _adjustmentCount = adjustmentCount;
        _overrideCount = overrideCount;
    }

    internal void SetTrend(HealthTrend? trend) => Trend = trend;

    internal void SetActions(in ActionEvaluation evaluation)
    {
        _matchedCount = evaluation.Count;
        FiredCount = evaluation.FiredCount;
    }

    /// <summary>Gets <c>days_in_phase</c> as the rules read it after the phase was chosen.</summary>
    internal double DaysInPhase { get; private set; }

    internal double? TenureDays { get; private set; }

    internal double? DaysToRenewal { get; private set; }

    /// <summary>The context band exceptions, actions and message templates read, rebuilt from this evaluation.</summary>
    internal RuleContext Context() => new()
    {
        Result = Result,
        Previous = _previousResult,
        MetricValues = _workspace.Values,
        GroupScores = _workspace.RuleGroupScores,
        DaysInPhase = DaysInPhase,
        TenureDays = TenureDays,
        DaysToRenewal = DaysToRenewal,
        Numbers = _facts.Numbers,
        Texts = _facts.Texts,
        Consents = _facts.Consents,
        History = History,
        AsOfDate = DateOnly.FromDateTime(AsOf.DateTime),
        Overridden = IsOverridden,
    };

    private ActionFiring[] Firings()
    {
        var model = Model;
        var history = _workspace.Fired.AsSpan(0, _firedHistoryCount);
        var latest = new Dictionary<int, DateTimeOffset>();
        foreach (var entry in history)
        {
            if (!latest.TryGetValue(entry.ActionIndex, out var at) || entry.FiredAt > at)
            {
                latest[entry.ActionIndex] = entry.FiredAt;
            }
        }

        var kept = new List<ActionFiring>(history.Length + FiredCount);
        foreach (var entry in history)
        {
            var rule = model.Actions.Rules[entry.ActionIndex];
            var inWindow = rule.CooldownTimes > 0 && (AsOf - entry.FiredAt).TotalDays < rule.CooldownDays;
            var isLatest = latest.TryGetValue(entry.ActionIndex, out var at) && at == entry.FiredAt && !FiredNow(entry.ActionIndex);
            if (isLatest)
            {
                latest.Remove(entry.ActionIndex);
            }

            if (inWindow || isLatest)
            {
                kept.Add(new ActionFiring { Id = rule.Id, At = entry.FiredAt });
            }
        }

        foreach (var action in Actions)
        {
            if (action.IsFired)
            {
                kept.Add(new ActionFiring { Id = action.RuleId, At = AsOf });
            }
        }

        return [.. kept.OrderBy(static f => f.At)];
    }

    private bool FiredNow(int actionIndex)
    {
        foreach (var action in Actions)
        {
            if (action.IsFired && action.Action.Index == actionIndex)
            {
                return true;
            }
        }

        return false;
    }
}
