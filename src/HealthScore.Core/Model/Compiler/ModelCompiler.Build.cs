using HealthScore.Core.Rules;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>Flattens a definition that passed every check into the arrays the scorer reads, and constructs the model once.</summary>
internal sealed partial class ModelCompiler
{
    private const string ImplicitPhaseId = "default";

    private HealthModel Build(List<PhaseOverrides> phaseOverrides, (string? X, string? Y) matrix, BoundRules rules, OverridePolicy overridePolicy)
    {
        var d = _definition;
        var metricCount = _metrics.Count;
        var groupCount = _groups.Count;
        var nodeCount = metricCount + groupCount + 1;
        var root = nodeCount - 1;

        // Post-order puts a group after its members, so building from the end constructs each parent before its children.
        var nodes = new GroupNode[groupCount];
        foreach (var node in _groups)
        {
            nodes[node.PostIndex] = node;
        }

        var groups = new Group[groupCount];
        for (var i = groupCount - 1; i >= 0; i--)
        {
            var node = nodes[i];
            var parent = node.Parent is null ? null : groups[node.Parent.PostIndex];
            groups[i] = new Group(i, node.Definition.Id, node.Definition.Label, node.Definition.Aggregation, node.Depth, parent);
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
            metrics[i] = new Metric(i, node.Definition.Id, node.Definition.Label, groups[node.Group.PostIndex], node.Direction, node.Definition.Missing, node.MissingValue, node.Definition.Unit, node.Function as Scoring.CategoryFunction, node.Definition.MaxAgeDays);
        }

        foreach (var node in _groups)
        {
            var index = metricCount + node.PostIndex;
            parents[index] = node.Parent is null ? root : metricCount + node.Parent.PostIndex;
            aggregations[index] = node.Definition.Aggregation;
        }

        parents[root] = -1;
        aggregations[root] = d.Aggregation;

        var bands = new Band[_bands.Count];
        for (var i = 0; i < bands.Length; i++)
        {
            bands[i] = new Band(i, _bands[i].Id, _bands[i].Label, _bands[i].Color, _bands[i].LowerBound);
        }

        var insufficient = new Band(-1, d.InsufficientData.Id, d.InsufficientData.Label, d.InsufficientData.Color, double.NaN);

        var layoutBuilder = new PhaseLayoutBuilder(_metrics.ConvertAll(m => (m.Definition.Id, m.Definition.Weight, m.Function!)), _groups.ConvertAll(g => (g.Definition.Id, g.Definition.Weight, g.PostIndex)), parents, _bands.ConvertAll(b => (b.Id, b.LowerBound)), d.Thresholds);
        var (phases, defaultPhase) = BuildPhases(phaseOverrides, i => phaseOverrides[i].Definition.Label, Layout);
        var hash = Serialization.CanonicalForm.Hash(d, _types);
        var parts = new ModelParts(
            metrics,
            groups,
            bands,
            insufficient,
            phases,
            defaultPhase,
            new ModelLayout(metricCount, groupCount, parents, aggregations, missingValues),
            Report(groups, matrix),
            rules.Account,
            PhaseRules(OrderedRules.Complete(rules.PhaseRules), phases, defaultPhase),
            BandRules(OrderedRules.Complete(rules.BandRules), bands),
            rules.Actions!,
            rules.Adjustments,
            overridePolicy);
        return new HealthModel(d, hash, WithProfiles(parts, hash, phaseOverrides, matrix));

        PhaseLayout Layout(PhaseOverrides? overrides) =>
            layoutBuilder.Build(overrides?.Weights, overrides?.Functions, overrides?.Bands);
    }

    /// <summary>The phases of one scorecard, each laid out by <paramref name="layout"/> (null for the model's own settings), and its default phase.</summary>
    private (Phase[] Phases, Phase Default) BuildPhases(List<PhaseOverrides> phaseOverrides, Func<int, string> label, Func<PhaseOverrides?, PhaseLayout> layout)
    {
        var d = _definition;
        var phases = new List<Phase>();
        if (phaseOverrides.Count == 0)
        {
            phases.Add(new Phase(0, ImplicitPhaseId, d.DefaultPhaseLabel, isImplicit: true, layout(null)));
        }
        else
        {
            for (var i = 0; i < phaseOverrides.Count; i++)
            {
                phases.Add(new Phase(i, phaseOverrides[i].Definition.Id, label(i), isImplicit: false, layout(phaseOverrides[i])));
            }
        }

        var defaultPhase = d.DefaultPhase is { } named
            ? phases.Find(p => p.Id == named)!
            : phaseOverrides.Count > 0
                // Phases are defined but none is named the default: the model's own weights and thresholds apply.
                ? new Phase(phases.Count, ImplicitPhaseId, d.DefaultPhaseLabel, isImplicit: true, layout(null))
                : phases[0];
        return ([.. phases], defaultPhase);
    }

    /// <summary>The prioritisation matrix over a scorecard's groups: the named groups, else its first two top-level groups.</summary>
    private static ModelReport Report(Group[] groups, (string? X, string? Y) matrix)
    {
        var topLevel = Array.FindAll(groups, g => g.Parent is null);
        var matrixX = (matrix.X is { } x ? Array.Find(groups, g => g.Id == x) : null) ?? topLevel[0];
        var matrixY = (matrix.Y is { } y ? Array.Find(groups, g => g.Id == y) : null) ?? topLevel[Math.Min(1, topLevel.Length - 1)];
        return new ModelReport(matrixX, matrixY);
    }

    private PhaseResolver PhaseRules(Rule[] rules, Phase[] phases, Phase defaultPhase)
    {
        var targets = new Phase[rules.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = Array.Find(phases, p => p.Id == _definition.PhaseRules[i].Then) ?? defaultPhase;
        }

        return new PhaseResolver(rules, targets, defaultPhase);
    }

    private BandExceptions BandRules(Rule[] rules, Band[] bands)
    {
        var targets = new Band[rules.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = Array.Find(bands, b => b.Id == _definition.BandExceptions[i].Then)!;
        }

        return new BandExceptions(rules, targets);
    }
}
