using HealthScore.Core.Model;
using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Pipeline;

/// <summary>The checks on metric values (categories and maximum ages) and the adjustments to the weighted score.</summary>
public sealed partial class HealthEngine
{
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
}
