using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Trend;

namespace HealthScore.Core.Pipeline;

/// <summary>Health over time: overrides and the computed result beneath them, adjustments, stale values, and changes over any window of the history.</summary>
public sealed partial class AccountHealth
{
    /// <summary>
    /// Gets the result as computed — weights, adjustments, thresholds and band exceptions — before any override of
    /// the score or band. Equal to <see cref="Result"/> unless <see cref="IsOverridden"/>.
    /// </summary>
    public HealthResult ComputedResult { get; private set; }

    /// <summary>Gets whether a person's override replaced the computed score or band (see <see cref="ScoreOverride"/> and <see cref="BandOverride"/>).</summary>
    public bool IsOverridden => _workspace.ScoreOverride >= 0 || _workspace.BandOverride >= 0;

    /// <summary>Gets the applied override of the score, or <see langword="null"/>.</summary>
    public HealthOverride? ScoreOverride => _workspace.ScoreOverride >= 0 ? _workspace.Overrides[_workspace.ScoreOverride].Override : null;

    /// <summary>Gets the applied override of the band, or <see langword="null"/>.</summary>
    public HealthOverride? BandOverride => _workspace.BandOverride >= 0 ? _workspace.Overrides[_workspace.BandOverride].Override : null;

    /// <summary>Gets every override passed with the account (or carried over from the previous snapshot), with what became of it.</summary>
    public ReadOnlySpan<OverrideOutcome> Overrides => _workspace.Overrides.AsSpan(0, _overrideCount);

    /// <summary>Gets the adjustments whose conditions held, in order, with the points each moved the score by.</summary>
    public ReadOnlySpan<AppliedAdjustment> Adjustments => _workspace.Adjustments.AsSpan(0, _adjustmentCount);

    /// <summary>Gets the applied override of a metric's value, or <see langword="null"/>.</summary>
    /// <param name="metric">A metric of the model.</param>
    /// <returns>The override, or <see langword="null"/> when the metric's value is not overridden.</returns>
    public HealthOverride? GetOverride(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        Model.CheckMetric(metric);
        var holder = _workspace.MetricOverride[metric.Index];
        return holder >= 0 ? _workspace.Overrides[holder].Override : null;
    }

    /// <summary>Gets the first day a metric's value counted as stale (older than the metric's maximum age), or <see langword="null"/> when it is current or was missing.</summary>
    /// <param name="metric">A metric of the model.</param>
    /// <returns>The first stale day, or <see langword="null"/>.</returns>
    public DateOnly? GetStaleSince(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        Model.CheckMetric(metric);
        return _workspace.StaleSince[metric.Index];
    }

    /// <summary>Gets the account's past snapshots passed with the input (<see cref="AccountInput.History"/>), or <see langword="null"/>.</summary>
    public HealthHistory? History { get; private set; }

    /// <summary>
    /// Explains what changed over a window of calendar days: this result against the latest snapshot of
    /// <see cref="History"/> dated <paramref name="days"/> or more days before the as-of date, rescored under this
    /// model (metrics the two model versions share). "Why did it change over 90 days", as <see cref="ExplainTrend"/>
    /// is since the previous snapshot.
    /// </summary>
    /// <param name="days">The window, in calendar days (1 or more).</param>
    /// <returns>The explanation, or <see langword="null"/> when the history holds no snapshot that old.</returns>
    public string? ExplainChangeSince(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var asOf = DateOnly.FromDateTime(AsOf.DateTime);
        if (History is not { } history || asOf.DayNumber - days < 0 || history.LatestOnDay(asOf.AddDays(-days)) is not { } baseline)
        {
            return null;
        }

        var engine = _workspace.Engine;
        var count = Model.Metrics.Count;
        var changes = new MetricChange[count];
        var trend = engine.Compare(baseline, engine.PreviousResult(baseline), Phase, Result, Contributions, new HealthEngine.TrendBuffers(new double[count], new bool[count], new MetricContribution[count], changes));
        return DescribeTrend(trend, changes.AsSpan(0, trend.ChangeCount), baseline);
    }

    // The trend's words, with the adjustments whose points changed and an override that began or ended since the baseline.
    private string DescribeTrend(in HealthTrend trend, ReadOnlySpan<MetricChange> changes, HealthSnapshot baseline)
    {
        var moved = new List<(string Label, double Points)>();
        var before = baseline.Adjustments ?? new Dictionary<string, double>();
        var now = new HashSet<string>(StringComparer.Ordinal);
        foreach (var applied in Adjustments)
        {
            now.Add(applied.Adjustment.Id);
            moved.Add((applied.Adjustment.Label, applied.Points - before.GetValueOrDefault(applied.Adjustment.Id)));
        }

        foreach (var (id, points) in before)
        {
            if (!now.Contains(id))
            {
                var label = Model.Adjustments.FirstOrDefault(a => a.Id == id)?.Label ?? id;
                moved.Add((label, -points));
            }
        }

        var wasOverridden = baseline.ComputedBand is not null;
        var holder = _workspace.ScoreOverride >= 0 ? _workspace.ScoreOverride : _workspace.BandOverride;
        var note = IsOverridden && !wasOverridden ? Model.Texts.OverriddenBy + " " + _workspace.Overrides[holder].Override.Author
            : !IsOverridden && wasOverridden ? Model.Texts.OverrideEnded
            : null;
        return Explanation.ExplanationWriter.Describe(Model, trend, changes, HealthModel.DefaultDrivers, note, moved);
    }

    private HealthOverride[] KeptOverrides()
    {
        var kept = new List<HealthOverride>();
        foreach (var outcome in Overrides)
        {
            if (outcome.Status is not (OverrideStatus.Expired or OverrideStatus.TargetRetired))
            {
                kept.Add(outcome.Override);
            }
        }

        return [.. kept];
    }

    private Dictionary<string, double> AdjustmentPoints()
    {
        var points = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var applied in Adjustments)
        {
            points[applied.Adjustment.Id] = applied.Points;
        }

        return points;
    }

    private Dictionary<string, DateOnly> StaleMetrics()
    {
        var stale = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var metric in Model.Metrics)
        {
            if (_workspace.StaleSince[metric.Index] is { } since)
            {
                stale[metric.Id] = since;
            }
        }

        return stale;
    }
}
