using HealthScore.Core.Actions;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// The buffers one thread evaluates accounts in: metric values, contributions, group scores, trend changes, matched
/// actions and their readings, sized once for the engine's model. Reuse one per thread and evaluating allocates
/// nothing. The <see cref="AccountHealth"/> an evaluation returns lives here and is overwritten by the next
/// evaluation in the same workspace. Not thread-safe; made by <see cref="HealthEngine.CreateWorkspace"/>.
/// </summary>
public sealed class HealthWorkspace
{
    internal HealthWorkspace(HealthEngine engine)
    {
        Engine = engine;
        var model = engine.Model;
        var metrics = model.Metrics.Count;
        var actions = model.Actions.Rules.Count;
        Values = new double[metrics];
        StaleSince = new DateOnly?[metrics];
        MetricOverride = new int[metrics];
        Adjustments = new AppliedAdjustment[model.Adjustments.Count];
        Overrides = new OverrideOutcome[4];
        PreviousValues = new double[metrics];
        Shared = new bool[metrics];
        Contributions = new MetricContribution[metrics];
        PreviousContributions = new MetricContribution[metrics];
        GroupScores = new GroupScore[model.Groups.Count];
        RuleGroupScores = model.RuleGroups is { } ruleGroups ? new GroupScore[ruleGroups.Length] : GroupScores;
        ProfileWorkspaces = engine.CreateProfileWorkspaces();
        Changes = new MetricChange[metrics];
        Matched = new MatchedAction[actions];
        Readings = new RuleReading[Math.Max(1, actions * model.Actions.MaxReadingsPerAction)];
        ConsecutiveMatches = new int[actions];
        Fired = new ActionHistoryEntry[Math.Max(4, actions * 2)];
        Open = new OpenAction[Math.Max(1, actions)];
        Facts = new AccountFacts(model.Account);
        OwnFacts = new AccountFacts(model.Account);
        Health = new AccountHealth(this);
    }

    /// <summary>Gets the engine this workspace belongs to.</summary>
    public HealthEngine Engine { get; }

    /// <summary>
    /// Gets facts to fill for the next account without allocating: <see cref="AccountFacts.Clear"/> them, set the
    /// account's fields, and pass them as <see cref="AccountInput.Facts"/>.
    /// </summary>
    public AccountFacts Facts { get; }

    internal AccountFacts OwnFacts { get; }

    internal double[] Values { get; }

    // Per metric, the first day its value counted as stale; null when it is current or missing.
    internal DateOnly?[] StaleSince { get; }

    // Per metric, the position in Overrides of the override applied to its value; -1 when none.
    internal int[] MetricOverride { get; }

    // The positions in Overrides of the applied score and band overrides; -1 when none.
    internal int ScoreOverride { get; set; }

    internal int BandOverride { get; set; }

    internal AppliedAdjustment[] Adjustments { get; }

    internal OverrideOutcome[] Overrides { get; private set; }

    internal double[] PreviousValues { get; }

    internal bool[] Shared { get; }

    internal MetricContribution[] Contributions { get; }

    internal MetricContribution[] PreviousContributions { get; }

    internal GroupScore[] GroupScores { get; }

    internal MetricChange[] Changes { get; }

    // The group scores rules read, by the model's group index: the scorecard's own, or a profile's mapped by group id.
    internal GroupScore[] RuleGroupScores { get; }

    // For a model with profiles, one workspace per profile, for that profile's engine; null otherwise.
    internal HealthWorkspace[]? ProfileWorkspaces { get; }

    internal MatchedAction[] Matched { get; }

    internal RuleReading[] Readings { get; }

    internal int[] ConsecutiveMatches { get; }

    internal ActionHistoryEntry[] Fired { get; private set; }

    internal OpenAction[] Open { get; private set; }

    internal AccountHealth Health { get; }

    /// <summary>Fills <see cref="RuleGroupScores"/> from a profile's group scores (a group the profile lacks has no score) and returns them.</summary>
    internal ReadOnlySpan<GroupScore> MapRuleGroups()
    {
        if (Engine.Model.RuleGroups is not { } map)
        {
            return GroupScores;
        }

        for (var g = 0; g < map.Length; g++)
        {
            RuleGroupScores[g] = map[g] >= 0 ? GroupScores[map[g]] : new GroupScore(g, null, 0, 0, 0);
        }

        return RuleGroupScores;
    }

    /// <summary>Makes sure the fired-history buffer holds <paramref name="count"/> entries; grows (once per new maximum) when it does not.</summary>
    internal void EnsureFired(int count)
    {
        if (count > Fired.Length)
        {
            Fired = new ActionHistoryEntry[Math.Max(count, Fired.Length * 2)];
        }
    }

    internal void EnsureOverrides(int count)
    {
        if (count > Overrides.Length)
        {
            Overrides = new OverrideOutcome[Math.Max(count, Overrides.Length * 2)];
        }
    }

    internal void EnsureOpen(int count)
    {
        if (count > Open.Length)
        {
            Open = new OpenAction[Math.Max(count, Open.Length * 2)];
        }
    }
}
