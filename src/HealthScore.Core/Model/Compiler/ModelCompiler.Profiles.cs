using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// The profiles of a definition: each a scorecard of groups over the model's one metric catalogue (metrics named by
/// id, with the profile's weights), with optional bands and phase overrides of its own, and the rules that choose one.
/// </summary>
internal sealed partial class ModelCompiler
{
    private readonly List<ProfilePlan> _profiles = [];
    private Rule?[] _profileRules = [];

    private void ValidateProfiles(Dictionary<string, int> bandIds, List<PhaseOverrides> phases, AccountSchema account)
    {
        var d = _definition;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var profiles = d.Profiles;
        if (profiles is null)
        {
            Error("profiles", "must be a list of profiles, not null; leave it out for a model with one scorecard.");
            profiles = [];
        }

        var catalogue = new Dictionary<string, MetricNode>(StringComparer.Ordinal);
        foreach (var metric in _metrics)
        {
            if (metric.Definition.Id is { Length: > 0 } metricId && _idPaths.GetValueOrDefault(metricId) == metric.Path)
            {
                catalogue.Add(metricId, metric);
            }
        }

        for (var i = 0; i < profiles.Count; i++)
        {
            var path = Index(string.Empty, "profiles", i);
            if (profiles[i] is not { } profile)
            {
                Error(path, "must be a profile, not null.");
                continue;
            }

            if (ValidateId(profile.Id, path, unique: false) is { } id && !ids.TryAdd(id, i))
            {
                Error(path + ".id", Format($"'{ErrorText.Quote(id)}' is already used at profiles[{ids[id]}]: profile ids must be unique."));
            }

            ValidateLabel(profile.Label, path);
            var plan = new ProfilePlan(profile, path);
            ValidateProfileGroups(plan, catalogue);
            ValidateProfileBands(plan, bandIds);
            ValidateProfilePhases(plan, phases, bandIds);
            _profiles.Add(plan);
        }

        if (d.DefaultProfile is { } defaultProfile && !ids.ContainsKey(defaultProfile))
        {
            Error("defaultProfile", Format($"'{ErrorText.Quote(defaultProfile)}' is not a profile of this model.{Suggest(defaultProfile, ids.Keys)}"));
        }

        var errors = new List<RuleError>();
        _profileRules = BindList("profileRules", d.ProfileRules, list => OrderedRules.Bind(list, null, account, RuleScope.Profile, "profile", ids.Keys, errors), errors) ?? [];
    }

    private void ValidateProfileGroups(ProfilePlan plan, Dictionary<string, MetricNode> catalogue)
    {
        var groups = plan.Definition.Groups;
        if (groups is null)
        {
            Error(plan.Path + ".groups", "must be a list of groups, not null.");
        }
        else if (groups.Count == 0)
        {
            Error(plan.Path + ".groups", "needs at least one group with at least one of the model's metrics.");
        }
        else
        {
            for (var i = 0; i < groups.Count; i++)
            {
                CollectProfileGroup(plan, groups[i], Index(plan.Path, "groups", i), 0, null, catalogue);
            }
        }
    }

    private void CollectProfileGroup(ProfilePlan plan, ProfileGroupDefinition? group, string path, int depth, ProfileGroupNode? parent, Dictionary<string, MetricNode> catalogue)
    {
        if (group is null)
        {
            Error(path, "must be a group, not null.");
            return;
        }

        if (depth >= HealthModelLimits.MaxGroupDepth)
        {
            Error(path, Format($"groups are nested more than {HealthModelLimits.MaxGroupDepth} deep; flatten the profile."));
            return;
        }

        if (ValidateId(group.Id, path, unique: false) is { } id)
        {
            if (catalogue.ContainsKey(id))
            {
                Error(path + ".id", Format($"'{ErrorText.Quote(id)}' is a metric of this model: a profile's group ids must differ from metric ids."));
            }
            else if (!plan.GroupPaths.TryAdd(id, path))
            {
                Error(path + ".id", Format($"'{ErrorText.Quote(id)}' is already used at {plan.GroupPaths[id]}: group ids must be unique in a profile."));
            }
        }

        ValidateLabel(group.Label, path);
        ValidateWeight(group.Weight, path + ".weight");
        if (!Enum.IsDefined(group.Aggregation))
        {
            Error(path + ".aggregation", "must be weightedMean, minimum or maximum.");
        }

        var node = new ProfileGroupNode(group, depth, parent);
        var metrics = group.Metrics ?? [];
        var children = group.Groups ?? [];
        if (group.Metrics is null || group.Groups is null)
        {
            Error(path + (group.Metrics is null ? ".metrics" : ".groups"), "must be a list, not null; leave it out when the group has none.");
        }
        else if (metrics.Count == 0 && children.Count == 0)
        {
            Error(path, "has no metrics and no groups: add at least one, or remove the group.");
        }

        for (var i = 0; i < metrics.Count; i++)
        {
            var metricPath = Index(path, "metrics", i);
            if (metrics[i] is not { } reference)
            {
                Error(metricPath, "must be a metric reference ({ \"id\": …, \"weight\": … }), not null.");
                continue;
            }

            var weightValid = ValidateWeight(reference.Weight, metricPath + ".weight");
            if (!catalogue.TryGetValue(reference.Id ?? string.Empty, out var metric))
            {
                Error(metricPath + ".id", Format($"'{ErrorText.Quote(reference.Id)}' is not a metric of this model.{Suggest(reference.Id ?? string.Empty, catalogue.Keys)} A profile names the metrics defined in the model's groups."));
            }
            else if (plan.MetricPaths.TryGetValue(metric.Definition.Id, out var first))
            {
                Error(metricPath + ".id", Format($"'{ErrorText.Quote(metric.Definition.Id)}' is already used at {first}: a metric counts once in a profile."));
            }
            else
            {
                plan.MetricPaths.Add(metric.Definition.Id, metricPath);
                plan.Metrics.Add(metric.Definition.Id, (metric, node, weightValid ? reference.Weight : 1));
            }
        }

        for (var i = 0; i < children.Count; i++)
        {
            CollectProfileGroup(plan, children[i], Index(path, "groups", i), depth + 1, node, catalogue);
        }

        node.PostIndex = plan.Groups.Count;
        plan.Groups.Add(node);
    }

    private void ValidateProfileBands(ProfilePlan plan, Dictionary<string, int> bandIds)
    {
        var bands = plan.Definition.Bands;
        if (bands is null)
        {
            Error(plan.Path + ".bands", "must be a list of bands, not null; leave it out to use the model's bands.");
            return;
        }

        if (bands.Count == 0)
        {
            return;
        }

        var before = _errors.Count;
        if (bands.Count != _bands.Count)
        {
            Error(plan.Path + ".bands", Format($"lists {bands.Count} bands; the model has {_bands.Count} ({ErrorText.Quote(string.Join(", ", bandIds.Keys))}): a profile moves, relabels and recolours the model's bands, so that rules, overrides and band exceptions name the same bands in every profile."));
        }

        for (var i = 0; i < bands.Count; i++)
        {
            var path = Index(plan.Path, "bands", i);
            if (bands[i] is not { } band)
            {
                Error(path, "must be a band, not null.");
            }
            else if (ValidateBand(band, path) is { } id && i < _bands.Count && id != _bands[i].Id)
            {
                Error(path + ".id", Format($"is '{ErrorText.Quote(id)}' but the model's bands[{i}] is '{ErrorText.Quote(_bands[i].Id)}': list the model's bands in the same order."));
            }
        }

        if (_errors.Count == before)
        {
            ValidateBandOrder(i => bands[i].LowerBound, bands.Count, i => Index(plan.Path, "bands", i) + ".lowerBound");
            plan.Bands = bands;
        }
    }

    private void ValidateProfilePhases(ProfilePlan plan, List<PhaseOverrides> modelPhases, Dictionary<string, int> bandIds)
    {
        var phases = plan.Definition.Phases;
        if (phases is null)
        {
            Error(plan.Path + ".phases", "must be a list of phases, not null; leave it out to keep the model's phases.");
            return;
        }

        var metrics = new Dictionary<string, MetricNode>(StringComparer.Ordinal);
        foreach (var (id, used) in plan.Metrics)
        {
            metrics.Add(id, used.Metric);
        }

        var groups = new HashSet<string>(plan.GroupPaths.Keys, StringComparer.Ordinal);
        for (var i = 0; i < phases.Count; i++)
        {
            var path = Index(plan.Path, "phases", i);
            if (phases[i] is not { } phase)
            {
                Error(path, "must be a phase, not null.");
                continue;
            }

            var overrides = new PhaseOverrides(phase, path);
            if (ValidateId(phase.Id, path, unique: false) is { } id)
            {
                if (!_phaseIds.ContainsKey(id))
                {
                    Error(path + ".id", Format($"'{ErrorText.Quote(id)}' is not a phase of this model.{Suggest(id, _phaseIds.Keys)} A profile overrides the model's phases; it does not add its own."));
                }
                else if (!plan.Phases.TryAdd(id, overrides))
                {
                    Error(path + ".id", Format($"'{ErrorText.Quote(id)}' is already used at {plan.Phases[id].Path}: a profile lists a phase once."));
                }
            }

            ValidateText(phase.Label, path + ".label", HealthModelLimits.MaxLabelLength, required: false);
            ValidatePhaseWeights(phase, path, overrides, metrics, groups);
            ValidatePhaseScoring(phase, path, overrides, metrics);
            ValidatePhaseBands(phase, path, overrides, bandIds, plan.Bands);
        }

        // A phase the profile does not list keeps the model's band moves, which must still order the profile's bands.
        if (plan.Bands is { } own && _bandsValid)
        {
            foreach (var phase in modelPhases)
            {
                if (phase.Bands.Count > 0 && !plan.Phases.ContainsKey(phase.Definition.Id))
                {
                    ValidateBandOrder(
                        b => phase.Bands.TryGetValue(own[b].Id, out var bound) ? bound : own[b].LowerBound,
                        own.Count,
                        b => Format($"{plan.Path}.bands[{b}].lowerBound (with {phase.Path}.bands)"));
                }
            }
        }
    }

    /// <summary>Compiles every profile into a scorecard over the model's metric catalogue, and attaches them and the profile rules to the model's parts.</summary>
    private ModelParts WithProfiles(ModelParts parts, string hash, List<PhaseOverrides> phaseOverrides, (string? X, string? Y) matrix)
    {
        if (_profiles.Count == 0)
        {
            return parts;
        }

        var profiles = new Profile[_profiles.Count];
        for (var i = 0; i < profiles.Length; i++)
        {
            var plan = _profiles[i];
            profiles[i] = new Profile(i, plan.Definition.Id, plan.Definition.Label, new HealthModel(_definition, hash, Scorecard(parts, plan, phaseOverrides, matrix)));
        }

        var rules = OrderedRules.Complete(_profileRules);
        var targets = new Profile[rules.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            targets[i] = Array.Find(profiles, p => p.Id == _definition.ProfileRules[i].Then)!;
        }

        var defaultProfile = _definition.DefaultProfile is { } named ? Array.Find(profiles, p => p.Id == named)! : profiles[0];
        return parts with { Profiles = profiles, ProfileRules = new ProfileResolver(rules, targets, defaultProfile) };
    }

    private ModelParts Scorecard(ModelParts model, ProfilePlan plan, List<PhaseOverrides> modelPhases, (string? X, string? Y) matrix)
    {
        var metricCount = _metrics.Count;
        var groupCount = plan.Groups.Count;
        var root = metricCount + groupCount;
        var parents = new int[root + 1];
        var aggregations = new Aggregation[root + 1];
        var missingValues = new double[metricCount];
        var notScored = new bool[metricCount];
        var metrics = new List<(string Id, double Weight, ScoringFunction Function)>(metricCount);

        // A metric the profile does not use hangs from the root with no weight and never has a value, so it counts nowhere.
        for (var i = 0; i < metricCount; i++)
        {
            var node = _metrics[i];
            var used = plan.Metrics.TryGetValue(node.Definition.Id, out var placed);
            notScored[i] = !used;
            parents[i] = used ? metricCount + placed.Group.PostIndex : root;
            missingValues[i] = used ? node.MissingValue : double.NaN;
            metrics.Add((node.Definition.Id, used ? placed.Weight : 0, used ? node.Function! : new UnscoredFunction(node.Direction)));
        }

        var groups = new Group[groupCount];
        for (var g = groupCount - 1; g >= 0; g--)
        {
            var node = plan.Groups[g];
            var definition = node.Definition;
            groups[g] = new Group(g, definition.Id, definition.Label, definition.Aggregation, node.Depth, node.Parent is null ? null : groups[node.Parent.PostIndex]);
            parents[metricCount + g] = node.Parent is null ? root : metricCount + node.Parent.PostIndex;
            aggregations[metricCount + g] = definition.Aggregation;
        }

        parents[root] = -1;
        aggregations[root] = _definition.Aggregation;

        var bandDefinitions = plan.Bands ?? _bands;
        var bands = new Band[bandDefinitions.Count];
        for (var b = 0; b < bands.Length; b++)
        {
            bands[b] = plan.Bands is null ? model.Bands[b] : new Band(b, bandDefinitions[b].Id, bandDefinitions[b].Label, bandDefinitions[b].Color, bandDefinitions[b].LowerBound);
        }

        var layoutBuilder = new PhaseLayoutBuilder(
            metrics,
            plan.Groups.ConvertAll(g => (g.Definition.Id, g.Definition.Weight, g.PostIndex)),
            parents,
            bandDefinitions.ConvertAll(b => (b.Id, b.LowerBound)),
            _definition.Thresholds);

        // Each of the model's phases, with the profile's own overrides where it lists the phase, else the model's as far as they reach the profile.
        var overrides = modelPhases.ConvertAll(phase => plan.Phases.GetValueOrDefault(phase.Definition.Id) ?? plan.Reaching(phase));
        var (phases, defaultPhase) = BuildPhases(
            overrides,
            i => string.IsNullOrEmpty(overrides[i].Definition.Label) ? modelPhases[i].Definition.Label : overrides[i].Definition.Label,
            o => layoutBuilder.Build(o?.Weights, o?.Functions, o?.Bands));

        var ruleGroups = new int[model.Groups.Length];
        for (var g = 0; g < ruleGroups.Length; g++)
        {
            ruleGroups[g] = Array.FindIndex(groups, group => group.Id == model.Groups[g].Id);
        }

        return model with
        {
            Groups = groups,
            Bands = bands,
            Phases = phases,
            DefaultPhase = defaultPhase,
            Layout = new ModelLayout(metricCount, groupCount, parents, aggregations, missingValues, notScored),
            Report = Report(groups, matrix),
            PhaseRules = PhaseRules([.. model.PhaseRules.Rules], phases, defaultPhase),
            BandExceptions = BandRules([.. model.BandExceptions.Rules], bands),
            RuleGroups = ruleGroups,
        };
    }

    private sealed class ProfileGroupNode(ProfileGroupDefinition definition, int depth, ProfileGroupNode? parent)
    {
        public ProfileGroupDefinition Definition { get; } = definition;

        public int Depth { get; } = depth;

        public ProfileGroupNode? Parent { get; } = parent;

        public int PostIndex { get; set; }
    }

    private sealed class ProfilePlan(ProfileDefinition definition, string path)
    {
        public ProfileDefinition Definition { get; } = definition;

        public string Path { get; } = path;

        /// <summary>The profile's groups in post-order, as the scorer numbers them.</summary>
        public List<ProfileGroupNode> Groups { get; } = [];

        public Dictionary<string, string> GroupPaths { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (MetricNode Metric, ProfileGroupNode Group, double Weight)> Metrics { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> MetricPaths { get; } = new(StringComparer.Ordinal);

        /// <summary>The profile's own bands, or null for the model's.</summary>
        public List<BandDefinition>? Bands { get; set; }

        /// <summary>The phases the profile lists, by id, with their overrides.</summary>
        public Dictionary<string, PhaseOverrides> Phases { get; } = new(StringComparer.Ordinal);

        /// <summary>A model phase's overrides as far as they reach this profile: weights and functions of the metrics and groups it has, and every band move.</summary>
        public PhaseOverrides Reaching(PhaseOverrides phase)
        {
            var reaching = new PhaseOverrides(phase.Definition, phase.Path);
            foreach (var (id, weight) in phase.Weights)
            {
                if (Metrics.ContainsKey(id) || GroupPaths.ContainsKey(id))
                {
                    reaching.Weights[id] = weight;
                }
            }

            foreach (var (id, function) in phase.Functions)
            {
                if (Metrics.ContainsKey(id))
                {
                    reaching.Functions[id] = function;
                }
            }

            foreach (var (id, bound) in phase.Bands)
            {
                reaching.Bands[id] = bound;
            }

            return reaching;
        }
    }
}
