using System.Globalization;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tuning;

/// <summary>
/// Turns a fit into a proposed model: a copy of the definition in which each fitted metric's weight is its share of
/// the fit and its scoring function is its fitted shape, each kept group's weight is its share, group weights are the
/// sums of their members', and phase weight overrides scale with the weights they override. What the fit cannot
/// decide is left as it was, with a note that says why, so the proposal is always a model that compiles and runs.
/// </summary>
internal static class ModelProposal
{
    /// <summary>A copy of the definition with the fitted weights and functions.</summary>
    public static HealthModelDefinition Propose(HealthModelDefinition definition, HealthModel model, TuningFit fit, TuningOptions options, List<string>? notes)
    {
        var proposal = HealthModelDocument.Parse(HealthModelDocument.Write(definition));
        var total = fit.Total;
        if (total <= 0)
        {
            notes?.Add("No metric separates churners from stayers in its configured direction; weights and scoring functions are left as they were.");
            return proposal;
        }

        var oldWeights = WeightsById(proposal.Groups);
        foreach (var metric in model.Metrics)
        {
            if (KeptGroup.Of(metric) is not null)
            {
                continue;
            }

            var f = fit.Metrics[metric.Index];
            var target = FindMetric(proposal.Groups, metric.Id);
            var share = f.Weight / total;
            target.Weight = Percent(share, options);
            if (f.Weight > 0)
            {
                Apply(target, metric, f, notes);
            }
            else if (f.Spec.Shape == MetricShape.None)
            {
                notes?.Add($"Metric '{metric.Id}' has no spread of values in the data to fit (fewer than two distinct finite values, or a range too wide to represent); it keeps its scoring function and the minimum weight.");
            }
            else
            {
                notes?.Add(options.KeepDirections
                    ? $"Metric '{metric.Id}' gets no weight from the data in its configured direction; it keeps its scoring function and the minimum weight. Check its direction (without --keep-directions the tuner tries the other) or remove it."
                    : $"Metric '{metric.Id}' gets no weight from the data in either direction alongside the others; it keeps its scoring function and the minimum weight. Remove it, or replace it with a measure that means what was intended.");
            }
        }

        var keptIds = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < fit.KeptGroups.Length; k++)
        {
            var group = fit.KeptGroups[k];
            keptIds.Add(group.Id);
            FindGroup(proposal.Groups, group.Id).Weight = Percent(fit.KeptGroupWeights[k] / total, options);
            notes?.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Group '{group.Id}' takes the {group.Aggregation.ToString().ToLowerInvariant()} of its members; it is weighted as a whole ({fit.KeptGroupWeights[k] / total:P1} of the score) and its members keep their scoring functions and weights."));
        }

        foreach (var group in proposal.Groups)
        {
            SetGroupWeights(group, keptIds);
        }

        var newWeights = WeightsById(proposal.Groups);
        foreach (var phase in proposal.Phases)
        {
            foreach (var id in phase.Weights.Keys.ToList())
            {
                if (oldWeights.TryGetValue(id, out var old) && newWeights.TryGetValue(id, out var updated) && old > 0)
                {
                    phase.Weights[id] = Math.Round(phase.Weights[id] * updated / old, 4, MidpointRounding.AwayFromZero);
                    notes?.Add($"Phase '{phase.Id}' overrides the weight of '{id}'; the override is scaled by the same factor as the base weight.");
                }
            }

            foreach (var id in phase.Scoring.Keys)
            {
                notes?.Add($"Phase '{phase.Id}' replaces the scoring function of '{id}'; that replacement is kept as it was.");
            }
        }

        return proposal;
    }

    /// <summary>What the proposal changes for each metric of the model, in metric order.</summary>
    public static List<MetricTuning> Changes(HealthModelDefinition definition, HealthModel model, TuningFit fit, HealthModelDefinition proposal)
    {
        var metrics = new List<MetricTuning>(model.Metrics.Count);
        var sharesBefore = Shares(definition);
        var sharesAfter = Shares(proposal);
        foreach (var metric in model.Metrics)
        {
            metrics.Add(new MetricTuning(
                metric.Id,
                metric.Label,
                sharesBefore[metric.Id],
                sharesAfter[metric.Id],
                fit.Total > 0 && fit.Metrics[metric.Index].Weight == 0 && KeptGroup.Of(metric) is null,
                KeptGroup.Of(metric)?.Id,
                FindMetric(definition.Groups, metric.Id).Scoring,
                FindMetric(proposal.Groups, metric.Id).Scoring)
            {
                Reversed = fit.Evidence[metric.Index].Reversed && fit.Metrics[metric.Index].Weight > 0,
                SinglePeaked = FindMetric(proposal.Groups, metric.Id).Scoring is PeakedScoring,
                BlankScore = FindMetric(proposal.Groups, metric.Id).Missing == MissingDataPolicy.Fixed ? FindMetric(proposal.Groups, metric.Id).MissingValue : null,
                OwnAuc = fit.Evidence[metric.Index].OwnAuc,
            });
        }

        return metrics;
    }

    private static double Percent(double share, TuningOptions options) =>
        Math.Round(100 * Math.Max(share, options.MinimumWeightShare), 2, MidpointRounding.AwayFromZero);

    /// <summary>Sets each group's weight to the sum of its members' (a kept group's weight is already its fitted share).</summary>
    private static double SetGroupWeights(GroupDefinition group, HashSet<string> kept)
    {
        if (kept.Contains(group.Id))
        {
            return group.Weight;
        }

        var sum = group.Metrics.Sum(static m => m.Weight);
        foreach (var child in group.Groups)
        {
            sum += SetGroupWeights(child, kept);
        }

        group.Weight = Math.Round(sum, 2, MidpointRounding.AwayFromZero);
        return group.Weight;
    }

    /// <summary>Writes a fitted shape into the metric: its function (or category scores), direction and the score of a blank.</summary>
    private static void Apply(MetricDefinition target, Metric metric, MetricFit fit, List<string>? notes)
    {
        if (fit.Spec.Shape == MetricShape.Categories && target.Scoring is CategoryScoring categories)
        {
            var h = fit.Contributions();
            for (var c = 0; c < categories.Categories.Count && c < h.Length; c++)
            {
                categories.Categories[c].Score = Round((h[c] - fit.Low) / fit.Weight);
            }
        }
        else if (fit.Spec.Shape is MetricShape.Monotone or MetricShape.Peaked)
        {
            target.Scoring = Function(fit);
            if (target.Direction is not null)
            {
                // A declared direction must agree with the function; a reversal turns it round, a single peak has none of its own.
                target.Direction = target.Scoring.Compile().Direction;
            }
        }

        if (fit.BlankScore is { } blank)
        {
            var before = target.Missing;
            target.Missing = MissingDataPolicy.Fixed;
            target.MissingValue = Round(blank);
            notes?.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Metric '{metric.Id}': a blank now scores {target.MissingValue:0.00} (missing: fixed), as the accounts without a value churned; it was {EnumText(before)}."));
        }
    }

    private static string EnumText(MissingDataPolicy policy) => policy switch
    {
        MissingDataPolicy.Neutral => "neutral",
        MissingDataPolicy.Fixed => "fixed",
        _ => "exclude",
    };

    private static double Round(double score) => Math.Round(Math.Clamp(score, 0, 1), 4, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The fitted shape through its knots, each knot's score its contribution between the lowest and the highest; a
    /// knot inside a flat run (or at a flat end, which clamping reproduces) is left out. Monotone scores give a
    /// piecewise-linear function, a rise then a fall a single-peaked one.
    /// </summary>
    private static ScoringFunctionDefinition Function(MetricFit fit)
    {
        var knots = fit.Spec.Knots;
        var h = fit.Contributions();
        var low = fit.Low;
        var weight = fit.Weight;
        var high = h.Max();
        var points = new List<ScoringPoint>(knots.Length);
        for (var k = 0; k < knots.Length; k++)
        {
            var flatBefore = k == 0 || h[k - 1] == h[k];
            var flatAfter = k == knots.Length - 1 || h[k + 1] == h[k];
            if (flatBefore && flatAfter)
            {
                continue;
            }

            var score = h[k] == high ? 1.0 : h[k] == low ? 0.0 : Round((h[k] - low) / weight);
            points.Add(new ScoringPoint(knots[k], score));
        }

        var rising = false;
        var falling = false;
        for (var k = 1; k < points.Count; k++)
        {
            rising |= points[k].Score > points[k - 1].Score;
            falling |= points[k].Score < points[k - 1].Score;
        }

        return rising && falling ? new PeakedScoring(points) : new PiecewiseLinearScoring(points);
    }

    private static MetricDefinition FindMetric(List<GroupDefinition> groups, string id)
    {
        foreach (var group in AllGroups(groups))
        {
            foreach (var metric in group.Metrics)
            {
                if (metric.Id == id)
                {
                    return metric;
                }
            }
        }

        throw new InvalidOperationException($"Metric '{id}' is not in the definition.");
    }

    private static GroupDefinition FindGroup(List<GroupDefinition> groups, string id) =>
        AllGroups(groups).First(g => g.Id == id);

    private static Dictionary<string, double> WeightsById(List<GroupDefinition> groups)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in AllGroups(groups))
        {
            weights[group.Id] = group.Weight;
            foreach (var metric in group.Metrics)
            {
                weights[metric.Id] = metric.Weight;
            }
        }

        return weights;
    }

    /// <summary>Each metric's share of the whole score (default phase): the product of its and its groups' shares among siblings.</summary>
    private static Dictionary<string, double> Shares(HealthModelDefinition definition)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = definition.Groups.Sum(static g => g.Weight);
        foreach (var group in definition.Groups)
        {
            Visit(group, group.Weight / total);
        }

        return shares;

        void Visit(GroupDefinition group, double share)
        {
            var sum = group.Metrics.Sum(static m => m.Weight) + group.Groups.Sum(static g => g.Weight);
            foreach (var metric in group.Metrics)
            {
                shares[metric.Id] = share * metric.Weight / sum;
            }

            foreach (var child in group.Groups)
            {
                Visit(child, share * child.Weight / sum);
            }
        }
    }

    /// <summary>Every group of the definition, each before its subgroups.</summary>
    private static IEnumerable<GroupDefinition> AllGroups(List<GroupDefinition> groups)
    {
        foreach (var group in groups)
        {
            yield return group;
            foreach (var child in AllGroups(group.Groups))
            {
                yield return child;
            }
        }
    }
}
