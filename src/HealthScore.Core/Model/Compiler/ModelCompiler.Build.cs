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
        var phases = new List<Phase>();
        if (phaseOverrides.Count == 0)
        {
            phases.Add(new Phase(0, ImplicitPhaseId, d.DefaultPhaseLabel, isImplicit: true, Layout(null)));
        }
        else
        {
            for (var i = 0; i < phaseOverrides.Count; i++)
            {
                var overrides = phaseOverrides[i];
                phases.Add(new Phase(i, overrides.Definition.Id, overrides.Definition.Label, isImplicit: false, Layout(overrides)));
            }
        }

        var defaultPhase = d.DefaultPhase is { } named
            ? phases.Find(p => p.Id == named)!
            : phaseOverrides.Count > 0
                // Phases are defined but none is named the default: the model's own weights and thresholds apply.
                ? new Phase(phases.Count, ImplicitPhaseId, d.DefaultPhaseLabel, isImplicit: true, Layout(null))
                : phases[0];

        var topLevel = Array.FindAll(groups, g => g.Parent is null);
        var matrixX = matrix.X is { } x ? Array.Find(groups, g => g.Id == x)! : topLevel[0];
        var matrixY = matrix.Y is { } y ? Array.Find(groups, g => g.Id == y)! : topLevel[Math.Min(1, topLevel.Length - 1)];

        Phase PhaseById(string id) => phases.Find(p => p.Id == id) ?? defaultPhase;
        var phaseRules = OrderedRules.Complete(rules.PhaseRules);
        var phaseTargets = new Phase[phaseRules.Length];
        for (var i = 0; i < phaseTargets.Length; i++)
        {
            phaseTargets[i] = PhaseById(d.PhaseRules[i].Then);
        }

        var bandRules = OrderedRules.Complete(rules.BandRules);
        var bandTargets = new Band[bandRules.Length];
        for (var i = 0; i < bandTargets.Length; i++)
        {
            bandTargets[i] = Array.Find(bands, b => b.Id == d.BandExceptions[i].Then)!;
        }

        return new HealthModel(
            d,
            Serialization.CanonicalForm.Hash(d, _types),
            new ModelParts(
                metrics,
                groups,
                bands,
                insufficient,
                [.. phases],
                defaultPhase,
                new ModelLayout(metricCount, groupCount, parents, aggregations, missingValues),
                new ModelReport(matrixX, matrixY),
                rules.Account,
                new PhaseResolver(phaseRules, phaseTargets, defaultPhase),
                new BandExceptions(bandRules, bandTargets),
                rules.Actions!,
                rules.Adjustments,
                overridePolicy));

        PhaseLayout Layout(PhaseOverrides? overrides) =>
            layoutBuilder.Build(overrides?.Weights, overrides?.Functions, overrides?.Bands);
    }
}
