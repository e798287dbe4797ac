namespace HealthScore.Core.Model;

/// <summary>The phases of a definition (their weight, scoring-function and band overrides) and the shares weights give.</summary>
internal sealed partial class ModelCompiler
{
    private readonly Dictionary<string, int> _phaseIds = new(StringComparer.Ordinal);

    private List<PhaseOverrides> ValidatePhases(Dictionary<string, int> bandIds)
    {
        var result = new List<PhaseOverrides>();
        var phases = _definition.Phases;
        if (phases is null)
        {
            Error("phases", "must be a list of phases, not null; leave it out for a model without phases.");
            phases = [];
        }

        var phaseIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var metricsById = new Dictionary<string, MetricNode>(StringComparer.Ordinal);
        foreach (var metric in _metrics)
        {
            if (!string.IsNullOrEmpty(metric.Definition.Id))
            {
                metricsById.TryAdd(metric.Definition.Id, metric);
            }
        }

        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in _groups)
        {
            groupIds.Add(group.Definition.Id ?? string.Empty);
        }

        for (var i = 0; i < phases.Count; i++)
        {
            var path = Index(string.Empty, "phases", i);
            var phase = phases[i];
            if (phase is null)
            {
                Error(path, "must be a phase, not null.");
                continue;
            }

            if (ValidateId(phase.Id, path, unique: false) is { } id)
            {
                if (!phaseIds.TryAdd(id, i))
                {
                    Error(path + ".id", Format($"'{id}' is already used at phases[{phaseIds[id]}]: phase ids must be unique."));
                }
                else
                {
                    _phaseIds.Add(id, i);
                }
            }

            ValidateLabel(phase.Label, path);
            var overrides = new PhaseOverrides(phase, path);
            ValidatePhaseWeights(phase, path, overrides, metricsById, groupIds);
            ValidatePhaseScoring(phase, path, overrides, metricsById);
            ValidatePhaseBands(phase, path, overrides, bandIds);
            result.Add(overrides);
        }

        if (_definition.DefaultPhase is { } defaultPhase && !phaseIds.ContainsKey(defaultPhase))
        {
            var suggestion = defaultPhase.Length <= HealthModelLimits.MaxIdLength ? IdSuggestions.DidYouMean(defaultPhase, phaseIds.Keys) : string.Empty;
            Error("defaultPhase", Format($"'{ErrorText.Quote(defaultPhase)}' is not a phase of this model.{suggestion}"));
        }

        ValidateText(_definition.DefaultPhaseLabel, "defaultPhaseLabel", HealthModelLimits.MaxLabelLength, required: true);
        return result;
    }

    private void ValidatePhaseWeights(PhaseDefinition phase, string path, PhaseOverrides overrides, Dictionary<string, MetricNode> metricsById, HashSet<string> groupIds)
    {
        if (phase.Weights is null)
        {
            Error(path + ".weights", "must be an object of weights by metric or group id, not null; leave it out when the phase keeps the model's weights.");
            return;
        }

        foreach (var (id, weight) in phase.Weights)
        {
            var itemPath = path + ".weights." + id;
            if (!metricsById.ContainsKey(id) && !groupIds.Contains(id))
            {
                Error(itemPath, Format($"'{ErrorText.Quote(id)}' is not a metric or group of this model.{Suggest(id, metricsById.Keys.Concat(groupIds))}"));
                continue;
            }

            if (ValidateWeight(weight, itemPath))
            {
                overrides.Weights[id] = weight;
            }
        }
    }

    private void ValidatePhaseScoring(PhaseDefinition phase, string path, PhaseOverrides overrides, Dictionary<string, MetricNode> metricsById)
    {
        if (phase.Scoring is null)
        {
            Error(path + ".scoring", "must be an object of scoring functions by metric id, not null; leave it out when the phase keeps the model's functions.");
            return;
        }

        foreach (var (id, scoring) in phase.Scoring)
        {
            var itemPath = path + ".scoring." + id;
            if (!metricsById.TryGetValue(id, out var metric))
            {
                Error(itemPath, Format($"'{ErrorText.Quote(id)}' is not a metric of this model.{Suggest(id, metricsById.Keys)}"));
                continue;
            }

            if (scoring is null)
            {
                Error(itemPath, "must be a scoring function, not null.");
                continue;
            }

            var function = CompileFunction(scoring, itemPath);
            if (function is null)
            {
                continue;
            }

            if ((metric.Function as Scoring.CategoryFunction)?.Ids is { } ids
                && (function is not Scoring.CategoryFunction phaseFunction || !ids.AsSpan().SequenceEqual(phaseFunction.Ids)))
            {
                Error(itemPath, Format($"must list the categories of metric '{id}' ({string.Join(", ", ids)}) in the same order: a phase may change a category's score, not the categories."));
                continue;
            }

            if (metric.Function is not (null or Scoring.CategoryFunction) && function is Scoring.CategoryFunction)
            {
                Error(itemPath, Format($"is categorical but metric '{id}' is not: a phase may change a function's parameters, not make a metric categorical."));
                continue;
            }

            if (metric.Function is not null && function.Direction != metric.Direction)
            {
                Error(itemPath, Format($"runs {Name(function.Direction)} but metric '{id}' is {Name(metric.Direction)}: a phase may change a function's parameters, not the metric's direction."));
                continue;
            }

            overrides.Functions[id] = function;
        }
    }

    private void ValidatePhaseBands(PhaseDefinition phase, string path, PhaseOverrides overrides, Dictionary<string, int> bandIds, List<BandDefinition>? baseBands = null)
    {
        if (phase.Bands is null)
        {
            Error(path + ".bands", "must be an object of lower bounds by band id, not null; leave it out when the phase keeps the model's bands.");
            return;
        }

        var valid = true;
        foreach (var (id, bound) in phase.Bands)
        {
            if (!bandIds.ContainsKey(id))
            {
                Error(path + ".bands." + id, Format($"'{ErrorText.Quote(id)}' is not a band of this model.{Suggest(id, bandIds.Keys)}"));
                valid = false;
            }
            else if (!double.IsFinite(bound))
            {
                Error(path + ".bands." + id, "must be a finite number.");
                valid = false;
            }
            else
            {
                overrides.Bands[id] = bound;
            }
        }

        // A phase's thresholds are checked only over valid model bands, so one mistake is reported once.
        var bands = baseBands ?? _bands;
        if (valid && overrides.Bands.Count > 0 && _bandsValid && bands.Count > 0)
        {
            double Bound(int b) => overrides.Bands.TryGetValue(bands[b].Id, out var value) ? value : bands[b].LowerBound;
            string BoundPath(int b) => overrides.Bands.ContainsKey(bands[b].Id)
                ? path + ".bands." + bands[b].Id
                : Format($"{path}.bands (with bands[{b}].lowerBound)");
            ValidateBandOrder(Bound, bands.Count, BoundPath);
        }
    }

    /// <summary>
    /// Checks that no weight is so small beside its siblings that its share vanishes in the sums, in the model and in
    /// every phase, so contributions always add up to the score.
    /// </summary>
    private void ValidateShares(List<PhaseOverrides> phases)
    {
        CheckShares(null);
        foreach (var phase in phases)
        {
            if (phase.Weights.Count > 0)
            {
                CheckShares(phase);
            }
        }
    }

    private void CheckShares(PhaseOverrides? phase)
    {
        // Siblings: the top-level groups, and each group's members.
        var siblings = new Dictionary<GroupNode, List<(string? Id, double Weight, string Path)>>();
        var top = new List<(string? Id, double Weight, string Path)>();
        foreach (var group in _groups)
        {
            var list = group.Parent is null ? top : Members(group.Parent);
            list.Add((group.Definition.Id, group.Definition.Weight, group.Path + ".weight"));
        }

        foreach (var metric in _metrics)
        {
            Members(metric.Group).Add((metric.Definition.Id, metric.Definition.Weight, metric.Path + ".weight"));
        }

        Check(top);
        foreach (var list in siblings.Values)
        {
            Check(list);
        }

        List<(string? Id, double Weight, string Path)> Members(GroupNode group)
        {
            if (!siblings.TryGetValue(group, out var list))
            {
                list = [];
                siblings.Add(group, list);
            }

            return list;
        }

        void Check(List<(string? Id, double Weight, string Path)> list)
        {
            var sum = 0.0;
            var weights = new double[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                var (id, weight, _) = list[i];
                weights[i] = phase is not null && id is not null && phase.Weights.TryGetValue(id, out var overridden) ? overridden : weight;
                // A weight out of range was reported on its own; its siblings' shares mean nothing until it is fixed.
                if (!(weights[i] >= HealthModelLimits.MinimumWeight && weights[i] <= HealthModelLimits.MaximumWeight))
                {
                    return;
                }

                sum += weights[i];
            }

            for (var i = 0; i < list.Count; i++)
            {
                var share = weights[i] / sum;
                if (share < HealthModelLimits.MinimumWeightShare)
                {
                    var (id, _, modelPath) = list[i];
                    var path = phase is not null && id is not null && phase.Weights.ContainsKey(id) ? phase.Path + ".weights." + id : modelPath;
                    var where = phase is not null ? Format($" in phase '{ErrorText.Quote(phase.Definition.Id)}'") : string.Empty;
                    Error(path, Format($"is {weights[i]:G6}, a share of {share:G3} of its siblings' total weight ({sum:G6}){where}: so small a share vanishes in the sums. Give it at least {HealthModelLimits.MinimumWeightShare:G} of the total, or remove it."));
                }
            }
        }
    }

    private static string Suggest(string unknown, IEnumerable<string> candidates) =>
        unknown.Length <= HealthModelLimits.MaxIdLength ? IdSuggestions.DidYouMean(unknown, candidates) : string.Empty;
}
