namespace HealthScore.Core.Model;

/// <summary>The groups and metrics of a definition: ids, labels, weights, scoring functions and missing-data policies.</summary>
internal sealed partial class ModelCompiler
{
    private void ValidateGroups()
    {
        var groups = _definition.Groups;
        if (groups is null)
        {
            Error("groups", "must be a list of groups, not null.");
        }
        else if (groups.Count == 0)
        {
            Error("groups", "needs at least one group with at least one metric.");
        }
        else
        {
            for (var i = 0; i < groups.Count; i++)
            {
                CollectGroup(groups[i], Index(string.Empty, "groups", i), 0, null);
            }
        }
    }

    private void CollectGroup(GroupDefinition? group, string path, int depth, GroupNode? parent)
    {
        if (group is null)
        {
            Error(path, "must be a group, not null.");
            return;
        }

        if (depth >= HealthModelLimits.MaxGroupDepth)
        {
            Error(path, Format($"groups are nested more than {HealthModelLimits.MaxGroupDepth} deep; flatten the model."));
            return;
        }

        ValidateId(group.Id, path, unique: true);
        ValidateLabel(group.Label, path);
        ValidateWeight(group.Weight, path + ".weight");
        if (!Enum.IsDefined(group.Aggregation))
        {
            Error(path + ".aggregation", "must be weightedMean, minimum or maximum.");
        }

        var node = new GroupNode(group, path, depth, parent);
        if (group.Metrics is null)
        {
            Error(path + ".metrics", "must be a list of metrics, not null; leave it out when the group holds only groups.");
        }

        if (group.Groups is null)
        {
            Error(path + ".groups", "must be a list of groups, not null; leave it out when the group holds only metrics.");
        }

        var metrics = group.Metrics ?? [];
        var children = group.Groups ?? [];
        if (metrics.Count == 0 && children.Count == 0 && group.Metrics is not null && group.Groups is not null)
        {
            Error(path, "has no metrics and no groups: add at least one, or remove the group.");
        }

        for (var i = 0; i < metrics.Count; i++)
        {
            CollectMetric(metrics[i], Index(path, "metrics", i), node);
        }

        for (var i = 0; i < children.Count; i++)
        {
            CollectGroup(children[i], Index(path, "groups", i), depth + 1, node);
        }

        node.PostIndex = _groups.Count;
        _groups.Add(node);
    }

    private void CollectMetric(MetricDefinition? metric, string path, GroupNode group)
    {
        if (metric is null)
        {
            Error(path, "must be a metric, not null.");
            return;
        }

        ValidateId(metric.Id, path, unique: true);
        ValidateLabel(metric.Label, path);
        ValidateWeight(metric.Weight, path + ".weight");
        ValidateText(metric.Unit, path + ".unit", HealthModelLimits.MaxLabelLength, required: false);
        if (metric.Direction is { } declared && !Enum.IsDefined(declared))
        {
            Error(path + ".direction", "must be higherIsBetter or lowerIsBetter.");
        }

        Scoring.ScoringFunction? function = null;
        if (metric.Scoring is null)
        {
            Error(path + ".scoring", "is required: say how a raw value maps to 0 (worst) … 1 (best), e.g. { \"type\": \"linear\", \"worst\": 0, \"best\": 10 }.");
        }
        else
        {
            function = CompileFunction(metric.Scoring, path + ".scoring");
            if (function is Scoring.CategoryFunction && metric.Direction is not null)
            {
                Error(path + ".direction", "is not used by a categorical metric: each category has its own score; remove it.");
            }
            else if (function is not null && metric.Direction is { } direction && Enum.IsDefined(direction) && function.Direction != direction)
            {
                Error(path + ".direction", Format($"is {Name(direction)} but the scoring function runs {Name(function.Direction)}; swap the function's worst and best, or fix the direction."));
            }
        }

        if (metric.MaxAgeDays is { } maxAge && (maxAge < 0 || maxAge > HealthModelLimits.MaxAgeDays))
        {
            Error(path + ".maxAgeDays", Format($"must be a whole number of days from 0 to {HealthModelLimits.MaxAgeDays}, e.g. 30 for a value that must be renewed monthly."));
        }

        var missingValue = double.NaN;
        switch (metric.Missing)
        {
            case MissingDataPolicy.Exclude:
            case MissingDataPolicy.Neutral:
                if (metric.MissingValue is not null)
                {
                    Error(path + ".missingValue", "is only used with the fixed missing-data policy; remove it or set missing to fixed.");
                }

                missingValue = metric.Missing == MissingDataPolicy.Neutral ? 0.5 : double.NaN;
                break;
            case MissingDataPolicy.Fixed:
                if (metric.MissingValue is not { } value || !double.IsFinite(value) || value < 0 || value > 1)
                {
                    Error(path + ".missingValue", "must be a normalised value between 0 (worst) and 1 (best) when missing is fixed, e.g. 0 to penalise missing data.");
                }
                else
                {
                    missingValue = value;
                }

                break;
            default:
                Error(path + ".missing", "must be exclude, neutral or fixed.");
                break;
        }

        _metrics.Add(new MetricNode(metric, path, group, function, function?.Direction ?? metric.Direction ?? MetricDirection.HigherIsBetter, missingValue));
    }
}
