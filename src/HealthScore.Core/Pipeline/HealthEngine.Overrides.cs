using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Pipeline;

/// <summary>Overrides: which apply on the as-of date, the metric values they replace, and the score and band they set.</summary>
public sealed partial class HealthEngine
{
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
}
