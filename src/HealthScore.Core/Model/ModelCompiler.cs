using System.Globalization;
using System.Text.RegularExpressions;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>Validates a definition completely and flattens it into a <see cref="HealthModel"/>.</summary>
internal sealed partial class ModelCompiler
{
    private const int MaxDecimals = 6;
    private const int MaxDepth = 16;

    private readonly HealthModelDefinition _definition;
    private readonly List<ModelError> _errors = [];
    private readonly List<MetricNode> _metrics = [];
    private readonly List<GroupNode> _groups = [];
    private readonly Dictionary<string, string> _idPaths = new(StringComparer.Ordinal);
    private int _bandErrors;

    private ModelCompiler(HealthModelDefinition definition)
    {
        _definition = definition;
    }

    public static HealthModel Compile(HealthModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new ModelCompiler(definition).Run();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ColorPattern();

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Index(string path, string list, int index) => Format($"{(path.Length == 0 ? string.Empty : path + ".")}{list}[{index}]");

    private HealthModel Run()
    {
        var d = _definition;
        ValidateScale(d.Scale);
        if (!double.IsFinite(d.MinimumCoverage) || d.MinimumCoverage < 0 || d.MinimumCoverage > 1)
        {
            Error("minimumCoverage", "must be a number between 0 and 1 (a share of the total weight), for example 0.5.");
        }

        if (!Enum.IsDefined(d.Aggregation))
        {
            Error("aggregation", "must be weightedMean, minimum or maximum.");
        }

        if (d.Groups is null || d.Groups.Count == 0)
        {
            Error("groups", "needs at least one group with at least one metric.");
        }
        else
        {
            for (var i = 0; i < d.Groups.Count; i++)
            {
                CollectGroup(d.Groups[i], Index(string.Empty, "groups", i), 0, null);
            }
        }

        var bandIds = ValidateBands();
        ValidateTrendAndTexts();
        var phases = ValidatePhases(bandIds);
        ValidateReport();

        if (_errors.Count > 0)
        {
            throw new HealthModelException(_errors.ToArray());
        }

        return Build(phases);
    }

    private void Error(string path, string message) => _errors.Add(new ModelError(path, message));

    private void ValidateScale(ScaleDefinition? scale)
    {
        if (scale is null)
        {
            Error("scale", "is required, for example { \"min\": 0, \"max\": 100 }.");
            return;
        }

        var finite = true;
        if (!double.IsFinite(scale.Min))
        {
            Error("scale.min", "must be a finite number.");
            finite = false;
        }

        if (!double.IsFinite(scale.Max))
        {
            Error("scale.max", "must be a finite number.");
            finite = false;
        }

        if (finite && scale.Max <= scale.Min)
        {
            Error("scale.max", Format($"must be greater than scale.min ({scale.Min})."));
        }

        if (scale.Decimals < 0 || scale.Decimals > MaxDecimals)
        {
            Error("scale.decimals", Format($"must be a whole number from 0 to {MaxDecimals}."));
        }
    }

    private void ValidateId(string? id, string path, bool unique)
    {
        if (string.IsNullOrEmpty(id))
        {
            Error(path + ".id", "is required: letters, digits and underscores, starting with a letter or underscore.");
            return;
        }

        if (!IdPattern().IsMatch(id))
        {
            Error(path + ".id", Format($"'{id}' is not a valid id: use letters, digits and underscores, starting with a letter or underscore (ids are used in rules, e.g. metrics.{id.Replace('-', '_').Replace(' ', '_')})."));
            return;
        }

        if (unique)
        {
            if (_idPaths.TryGetValue(id, out var firstPath))
            {
                Error(path + ".id", Format($"'{id}' is already used at {firstPath}: metric and group ids must be unique."));
            }
            else
            {
                _idPaths.Add(id, path);
            }
        }
    }

    private void ValidateLabel(string? label, string path)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            Error(path + ".label", "is required: it is the name a person reads.");
        }
    }

    private void ValidateWeight(double weight, string path)
    {
        if (!double.IsFinite(weight) || weight <= 0)
        {
            Error(path, Format($"must be a positive number; got {weight}. Weights are relative: any positive numbers, converted to shares."));
        }
    }

    private void CollectGroup(GroupDefinition? group, string path, int depth, GroupNode? parent)
    {
        if (group is null)
        {
            Error(path, "must be a group, not null.");
            return;
        }

        if (depth >= MaxDepth)
        {
            Error(path, Format($"groups are nested more than {MaxDepth} deep; flatten the model."));
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
        var metrics = group.Metrics ?? [];
        var children = group.Groups ?? [];
        if (metrics.Count == 0 && children.Count == 0)
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
        if (metric.Direction is { } declared && !Enum.IsDefined(declared))
        {
            Error(path + ".direction", "must be higherIsBetter or lowerIsBetter.");
        }

        ScoringFunction? function = null;
        if (metric.Scoring is null)
        {
            Error(path + ".scoring", "is required: say how a raw value maps to 0 (worst) … 1 (best), e.g. { \"type\": \"linear\", \"worst\": 0, \"best\": 10 }.");
        }
        else
        {
            function = CompileFunction(metric.Scoring, path + ".scoring");
            if (function is not null && metric.Direction is { } direction && Enum.IsDefined(direction) && function.Direction != direction)
            {
                Error(path + ".direction", Format($"is {Name(direction)} but the scoring function runs {Name(function.Direction)}; swap the function's worst and best, or fix the direction."));
            }
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

    private ScoringFunction? CompileFunction(ScoringFunctionDefinition definition, string path)
    {
        var before = _errors.Count;
        definition.Validate(path, _errors);
        return _errors.Count == before ? definition.Compile() : null;
    }

    private static string Name(MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? "higherIsBetter" : "lowerIsBetter";

    private Dictionary<string, int> ValidateBands()
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var errorsBefore = _errors.Count;
        var bands = _definition.Bands;
        if (bands is null || bands.Count == 0)
        {
            Error("bands", "needs at least one band, e.g. { \"id\": \"healthy\", \"label\": \"Healthy\", \"color\": \"#2E7D32\", \"lowerBound\": 0 }.");
            return ids;
        }

        for (var i = 0; i < bands.Count; i++)
        {
            var path = Index(string.Empty, "bands", i);
            var band = bands[i];
            if (band is null)
            {
                Error(path, "must be a band, not null.");
                continue;
            }

            ValidateBand(band, path);
            if (!string.IsNullOrEmpty(band.Id) && !ids.TryAdd(band.Id, i))
            {
                Error(path + ".id", Format($"'{band.Id}' is already used at bands[{ids[band.Id]}]: band ids must be unique."));
            }
        }

        var insufficient = _definition.InsufficientData;
        if (insufficient is null)
        {
            Error("insufficientData", "is required: the band shown when coverage is below the minimum.");
        }
        else
        {
            ValidateBand(insufficient, "insufficientData");
            if (!string.IsNullOrEmpty(insufficient.Id) && ids.ContainsKey(insufficient.Id))
            {
                Error("insufficientData.id", Format($"'{insufficient.Id}' is also a band id; the insufficient-data band needs an id of its own."));
            }
        }

        if (bands.All(b => b is not null))
        {
            ValidateBandOrder(i => bands[i].LowerBound, bands.Count, i => Index(string.Empty, "bands", i) + ".lowerBound");
        }

        _bandErrors = _errors.Count - errorsBefore;
        return ids;
    }

    private void ValidateBand(BandDefinition band, string path)
    {
        ValidateId(band.Id, path, unique: false);
        ValidateLabel(band.Label, path);
        if (band.Color is null || !ColorPattern().IsMatch(band.Color))
        {
            Error(path + ".color", Format($"'{band.Color}' is not a colour: use #RRGGBB, e.g. #2E7D32."));
        }

        if (!double.IsFinite(band.LowerBound))
        {
            Error(path + ".lowerBound", "must be a finite number.");
        }
    }

    private void ValidateBandOrder(Func<int, double> lowerBound, int count, Func<int, string> path)
    {
        var scale = _definition.Scale;
        if (scale is null || count == 0)
        {
            return;
        }

        if (double.IsFinite(lowerBound(0)) && lowerBound(0) != scale.Min)
        {
            Error(path(0), Format($"is {lowerBound(0)}, but the lowest band must start at the scale's minimum ({scale.Min}) so every score has a band."));
        }

        for (var i = 0; i < count; i++)
        {
            var bound = lowerBound(i);
            if (!double.IsFinite(bound))
            {
                continue;
            }

            if (bound > scale.Max)
            {
                Error(path(i), Format($"is {bound}, above the scale's maximum ({scale.Max}): no score could reach the band."));
            }

            if (i > 0 && double.IsFinite(lowerBound(i - 1)) && bound <= lowerBound(i - 1))
            {
                Error(path(i), Format($"is {bound}, not above the previous band's lower bound ({lowerBound(i - 1)}): list bands from lowest to highest without overlap."));
            }
        }
    }

    private void ValidateReport()
    {
        var report = _definition.Report;
        if (report is null)
        {
            Error("report", "is required; omit it from a document to get the defaults.");
            return;
        }

        var groupIds = _groups.Select(g => g.Definition.Id ?? string.Empty).ToArray();
        foreach (var (id, name) in new[] { (report.MatrixX, "matrixX"), (report.MatrixY, "matrixY") })
        {
            if (id is not null && !groupIds.Contains(id, StringComparer.Ordinal))
            {
                Error("report." + name, Format($"'{id}' is not a group of this model.{IdSuggestions.DidYouMean(id, groupIds)}"));
            }
        }

        if (report.Accounts is null)
        {
            Error("report.accounts", "must be a string.");
        }

        if (report.AsOf is null)
        {
            Error("report.asOf", "must be a string.");
        }

        if (report.Account is null)
        {
            Error("report.account", "must be a string.");
        }

        if (report.Phase is null)
        {
            Error("report.phase", "must be a string.");
        }

        if (report.Band is null)
        {
            Error("report.band", "must be a string.");
        }

        if (report.Coverage is null)
        {
            Error("report.coverage", "must be a string.");
        }

        if (report.Trend is null)
        {
            Error("report.trend", "must be a string.");
        }

        if (report.TopDriver is null)
        {
            Error("report.topDriver", "must be a string.");
        }

        if (report.Action is null)
        {
            Error("report.action", "must be a string.");
        }

        if (report.FirstAction is null)
        {
            Error("report.firstAction", "must be a string.");
        }

        if (report.Priority is null)
        {
            Error("report.priority", "must be a string.");
        }

        if (report.Owner is null)
        {
            Error("report.owner", "must be a string.");
        }

        if (report.Message is null)
        {
            Error("report.message", "must be a string.");
        }

        if (report.Drivers is null)
        {
            Error("report.drivers", "must be a string.");
        }

        if (report.BandsByPhase is null)
        {
            Error("report.bandsByPhase", "must be a string.");
        }

        if (report.ScoreHistogram is null)
        {
            Error("report.scoreHistogram", "must be a string.");
        }

        if (report.RiskiestAccounts is null)
        {
            Error("report.riskiestAccounts", "must be a string.");
        }

        if (report.Prioritisation is null)
        {
            Error("report.prioritisation", "must be a string.");
        }

        if (report.ActionQueue is null)
        {
            Error("report.actionQueue", "must be a string.");
        }
    }

    private void ValidateTrendAndTexts()
    {
        if (_definition.Trend is null)
        {
            Error("trend", "is required; omit it from a document to get the defaults.");
        }
        else if (!double.IsFinite(_definition.Trend.DeadBand) || _definition.Trend.DeadBand < 0)
        {
            Error("trend.deadBand", "must be a finite number of points, 0 or more.");
        }

        var texts = _definition.Texts;
        if (texts is null)
        {
            Error("texts", "is required; omit it from a document to get the defaults.");
            return;
        }

        void Require(string? value, string name)
        {
            if (value is null)
            {
                Error("texts." + name, "must be a string.");
            }
        }

        Require(texts.Score, "score");
        Require(texts.Coverage, "coverage");
        Require(texts.HurtsMost, "hurtsMost");
        Require(texts.HelpsMost, "helpsMost");
        Require(texts.Missing, "missing");
        Require(texts.Excluded, "excluded");
        Require(texts.Assumed, "assumed");
        Require(texts.Target, "target");
        Require(texts.Points, "points");
        Require(texts.Change, "change");
        Require(texts.MovedBy, "movedBy");
        Require(texts.Arrow, "arrow");
        if (_definition.DefaultPhaseLabel is null)
        {
            Error("defaultPhaseLabel", "must be a string.");
        }
    }

    private List<PhaseOverrides> ValidatePhases(Dictionary<string, int> bandIds)
    {
        var result = new List<PhaseOverrides>();
        var phases = _definition.Phases ?? [];
        var phaseIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var metricsById = new Dictionary<string, MetricNode>(StringComparer.Ordinal);
        foreach (var metric in _metrics)
        {
            if (!string.IsNullOrEmpty(metric.Definition.Id))
            {
                metricsById.TryAdd(metric.Definition.Id, metric);
            }
        }

        var groupIds = new HashSet<string>(_groups.Select(g => g.Definition.Id ?? string.Empty), StringComparer.Ordinal);

        for (var i = 0; i < phases.Count; i++)
        {
            var path = Index(string.Empty, "phases", i);
            var phase = phases[i];
            if (phase is null)
            {
                Error(path, "must be a phase, not null.");
                continue;
            }

            ValidateId(phase.Id, path, unique: false);
            ValidateLabel(phase.Label, path);
            if (!string.IsNullOrEmpty(phase.Id) && !phaseIds.TryAdd(phase.Id, i))
            {
                Error(path + ".id", Format($"'{phase.Id}' is already used at phases[{phaseIds[phase.Id]}]: phase ids must be unique."));
            }

            var overrides = new PhaseOverrides(phase);
            foreach (var (id, weight) in phase.Weights ?? [])
            {
                var itemPath = path + ".weights." + id;
                if (!metricsById.ContainsKey(id) && !groupIds.Contains(id))
                {
                    Error(itemPath, Format($"'{id}' is not a metric or group of this model.{IdSuggestions.DidYouMean(id, metricsById.Keys.Concat(groupIds))}"));
                    continue;
                }

                ValidateWeight(weight, itemPath);
            }

            foreach (var (id, scoring) in phase.Scoring ?? [])
            {
                var itemPath = path + ".scoring." + id;
                if (!metricsById.TryGetValue(id, out var metric))
                {
                    Error(itemPath, Format($"'{id}' is not a metric of this model.{IdSuggestions.DidYouMean(id, metricsById.Keys)}"));
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

                if (metric.Function is not null && function.Direction != metric.Direction)
                {
                    Error(itemPath, Format($"runs {Name(function.Direction)} but metric '{id}' is {Name(metric.Direction)}: a phase may change a function's parameters, not the metric's direction."));
                    continue;
                }

                overrides.Functions[id] = function;
            }

            var bandOverrides = phase.Bands ?? [];
            foreach (var (id, bound) in bandOverrides)
            {
                if (!bandIds.ContainsKey(id))
                {
                    Error(path + ".bands." + id, Format($"'{id}' is not a band of this model.{IdSuggestions.DidYouMean(id, bandIds.Keys)}"));
                }
                else if (!double.IsFinite(bound))
                {
                    Error(path + ".bands." + id, "must be a finite number.");
                }
            }

            var bands = _definition.Bands;

            // A phase's thresholds are checked only over valid model bands, so one mistake is reported once.
            if (bandOverrides.Count > 0 && _bandErrors == 0 && bands is not null && bands.Count > 0 && bands.All(b => b is not null))
            {
                double Bound(int b) => bandOverrides.TryGetValue(bands[b].Id ?? string.Empty, out var value) ? value : bands[b].LowerBound;
                string BoundPath(int b) => bandOverrides.ContainsKey(bands[b].Id ?? string.Empty)
                    ? path + ".bands." + bands[b].Id
                    : Format($"{path}.bands (with bands[{b}].lowerBound)");
                ValidateBandOrder(Bound, bands.Count, BoundPath);
            }

            result.Add(overrides);
        }

        if (_definition.DefaultPhase is { } defaultPhase && !phaseIds.ContainsKey(defaultPhase))
        {
            Error("defaultPhase", Format($"'{defaultPhase}' is not a phase of this model.{IdSuggestions.DidYouMean(defaultPhase, phaseIds.Keys)}"));
        }

        return result;
    }

    private HealthModel Build(List<PhaseOverrides> phaseOverrides)
    {
        var d = _definition;
        var metricCount = _metrics.Count;
        var groupCount = _groups.Count;
        var nodeCount = metricCount + groupCount + 1;
        var root = nodeCount - 1;

        var groups = new Group[groupCount];
        foreach (var node in _groups)
        {
            groups[node.PostIndex] = new Group(node.PostIndex, node.Definition.Id, node.Definition.Label, node.Definition.Aggregation, node.Depth);
        }

        foreach (var node in _groups)
        {
            groups[node.PostIndex].Parent = node.Parent is null ? null : groups[node.Parent.PostIndex];
        }

        var parents = new int[nodeCount];
        var aggregations = new Aggregation[nodeCount];
        var metrics = new Metric[metricCount];
        var missingValues = new double[metricCount];
        for (var i = 0; i < metricCount; i++)
        {
            var node = _metrics[i];
            parents[i] = metricCount + node.Group.PostIndex;
            missingValues[i] = node.MissingValue;
            metrics[i] = new Metric(i, node.Definition.Id, node.Definition.Label, groups[node.Group.PostIndex], node.Direction, node.Definition.Missing, node.MissingValue, node.Definition.Unit);
        }

        foreach (var node in _groups)
        {
            var index = metricCount + node.PostIndex;
            parents[index] = node.Parent is null ? root : metricCount + node.Parent.PostIndex;
            aggregations[index] = node.Definition.Aggregation;
        }

        parents[root] = -1;
        aggregations[root] = d.Aggregation;

        var bands = new Band[d.Bands.Count];
        for (var i = 0; i < bands.Length; i++)
        {
            bands[i] = new Band(i, d.Bands[i].Id, d.Bands[i].Label, d.Bands[i].Color, d.Bands[i].LowerBound);
        }

        var insufficient = new Band(-1, d.InsufficientData.Id, d.InsufficientData.Label, d.InsufficientData.Color, double.NaN);

        var phases = new List<Phase>();
        if (phaseOverrides.Count == 0)
        {
            phases.Add(new Phase(0, "default", d.DefaultPhaseLabel, isImplicit: true, Layout(null)));
        }
        else
        {
            for (var i = 0; i < phaseOverrides.Count; i++)
            {
                var overrides = phaseOverrides[i];
                phases.Add(new Phase(i, overrides.Definition.Id, overrides.Definition.Label, isImplicit: false, Layout(overrides)));
            }
        }

        var defaultPhase = d.DefaultPhase is null ? phases[0] : phases.First(p => p.Id == d.DefaultPhase);
        if (d.DefaultPhase is null && phaseOverrides.Count > 0)
        {
            // Phases are defined but none is named the default: the model's own weights and thresholds apply.
            defaultPhase = new Phase(phases.Count, "default", d.DefaultPhaseLabel, isImplicit: true, Layout(null));
        }

        var layout = new ModelLayout(metricCount, groupCount, parents, aggregations, missingValues);
        var model = new HealthModel(d, ModelHasher.Hash(d), metrics, groups, bands, insufficient, [.. phases], defaultPhase, layout);
        var topLevel = Array.FindAll(groups, g => g.Parent is null);
        var matrixX = d.Report.MatrixX is { } x ? groups.First(g => g.Id == x) : topLevel[0];
        var matrixY = d.Report.MatrixY is { } y ? groups.First(g => g.Id == y) : topLevel[Math.Min(1, topLevel.Length - 1)];
        model.Report = new ModelReport(d.Report, matrixX, matrixY);
        CompileRules(model);
        return model;

        PhaseLayout Layout(PhaseOverrides? overrides)
        {
            var weights = new double[nodeCount];
            var functions = new ScoringFunction[metricCount];
            for (var i = 0; i < metricCount; i++)
            {
                var definition = _metrics[i].Definition;
                weights[i] = overrides is not null && overrides.Definition.Weights.TryGetValue(definition.Id, out var w) ? w : definition.Weight;
                functions[i] = overrides is not null && overrides.Functions.TryGetValue(definition.Id, out var f) ? f : _metrics[i].Function!;
            }

            foreach (var node in _groups)
            {
                var definition = node.Definition;
                weights[metricCount + node.PostIndex] = overrides is not null && overrides.Definition.Weights.TryGetValue(definition.Id, out var w) ? w : definition.Weight;
            }

            weights[root] = 1;

            // Nominal shares, top-down: a node's share of its parent's share is its weight over its siblings' weights.
            var siblingSums = new double[nodeCount];
            for (var k = 0; k < root; k++)
            {
                siblingSums[parents[k]] += weights[k];
            }

            var shares = new double[nodeCount];
            shares[root] = 1;
            for (var k = root - 1; k >= 0; k--)
            {
                shares[k] = shares[parents[k]] * weights[k] / siblingSums[parents[k]];
            }

            var bounds = new double[d.Bands.Count];
            for (var b = 0; b < bounds.Length; b++)
            {
                bounds[b] = overrides is not null && overrides.Definition.Bands.TryGetValue(d.Bands[b].Id, out var bound) ? bound : d.Bands[b].LowerBound;
            }

            return new PhaseLayout(weights, functions, shares[..metricCount], bounds);
        }
    }

    private void CompileRules(HealthModel model)
    {
        var d = _definition;
        var account = new Rules.AccountSchema();
        var accountDefinition = d.Account ?? new AccountDefinition();
        AddFields(accountDefinition.Numbers, "numbers", name => account.AddNumber(name));
        AddFields(accountDefinition.Flags, "flags", name => account.AddFlag(name));
        AddFields(accountDefinition.Texts, "texts", name => account.AddText(name));
        AddFields(accountDefinition.Consents, "consents", name => account.AddConsent(name));
        if (_errors.Count > 0)
        {
            throw new HealthModelException(_errors.ToArray());
        }

        var phaseRules = Attempt("phaseRules", d.PhaseRules, rules => Rules.PhaseResolver.Compile(model, rules, d.DefaultPhase, account));
        var bandExceptions = Attempt("bandExceptions", d.BandExceptions, rules => Rules.BandExceptions.Compile(model, rules, account));
        var actions = d.Actions ?? [];
        Actions.ActionEngine? engine = null;
        try
        {
            engine = Actions.ActionEngine.Compile(model, actions, account, d.ActionKinds ?? []);
        }
        catch (Rules.RuleCompilationException exception)
        {
            Locate("actions", exception, i => actions[i]?.Id, actions.Count);
        }

        if (_errors.Count > 0)
        {
            throw new HealthModelException(_errors.ToArray());
        }

        model.AttachRules(account, phaseRules!, bandExceptions!, engine!);

        void AddFields(List<string>? names, string list, Action<string> add)
        {
            names ??= [];
            for (var i = 0; i < names.Count; i++)
            {
                try
                {
                    add(names[i]);
                }
                catch (ArgumentException exception)
                {
                    var message = exception.ParamName is { } parameter ? exception.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : exception.Message;
                    Error(Format($"account.{list}[{i}]"), message);
                }
            }
        }

        T? Attempt<T>(string list, List<Rules.RuleDefinition>? definitions, Func<List<Rules.RuleDefinition>, T> compile)
            where T : class
        {
            definitions ??= [];
            try
            {
                return compile(definitions);
            }
            catch (Rules.RuleCompilationException exception)
            {
                Locate(list, exception, i => definitions[i]?.Id, definitions.Count);
                return null;
            }
        }
    }

    // A rule error names its rule by id (or "#index"); the model error names its place in the definition.
    private void Locate(string list, Rules.RuleCompilationException exception, Func<int, string?> idAt, int count)
    {
        foreach (var error in exception.Errors)
        {
            var index = -1;
            for (var i = 0; i < count; i++)
            {
                var id = idAt(i);
                if (id == error.RuleId || (string.IsNullOrEmpty(id) && error.RuleId == Format($"#{i}")))
                {
                    index = i;
                    break;
                }
            }

            var path = index < 0 ? list : Index(string.Empty, list, index) + (error.Line > 0 ? ".when" : string.Empty);
            var message = error.Line > 0
                ? Format($"rule '{error.RuleId}' (line {error.Line}, column {error.Column}): {error.Message}")
                : Format($"rule '{error.RuleId}': {error.Message}");
            Error(path, message);
        }
    }

    private sealed class GroupNode(GroupDefinition definition, string path, int depth, GroupNode? parent)
    {
        public GroupDefinition Definition { get; } = definition;

        public string Path { get; } = path;

        public int Depth { get; } = depth;

        public GroupNode? Parent { get; } = parent;

        public int PostIndex { get; set; }
    }

    private sealed record MetricNode(MetricDefinition Definition, string Path, GroupNode Group, ScoringFunction? Function, MetricDirection Direction, double MissingValue);

    private sealed class PhaseOverrides(PhaseDefinition definition)
    {
        public PhaseDefinition Definition { get; } = definition;

        public Dictionary<string, ScoringFunction> Functions { get; } = new(StringComparer.Ordinal);
    }
}
