using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>
/// The names rules are bound against: metric, group, band and phase ids with the indexes the compiled model gives
/// them. The model compiler builds it from the definition before the model exists, so rules are checked in the same
/// pass as everything else and the model is constructed once, complete.
/// </summary>
internal sealed class ModelSymbols
{
    private readonly Dictionary<int, string[]> _categories = [];
    private readonly Dictionary<string, int> _metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly List<(string Id, int Index)> _bands = [];
    private readonly List<(string Id, int Index)> _phases = [];

    /// <summary>Gets the metric ids in index order.</summary>
    public IEnumerable<string> MetricIds => _metrics.Keys;

    /// <summary>Gets the group ids.</summary>
    public IEnumerable<string> GroupIds => _groups.Keys;

    /// <summary>Gets the bands rules may name, the insufficient-data band last.</summary>
    public IReadOnlyList<(string Id, int Index)> Bands => _bands;

    /// <summary>Gets the phases rules may name, the default phase included.</summary>
    public IReadOnlyList<(string Id, int Index)> Phases => _phases;

    /// <summary>Gets the word for a missing value in rendered messages.</summary>
    public string MissingText { get; private set; } = "missing";

    public static ModelSymbols From(HealthModel model)
    {
        var symbols = new ModelSymbols { MissingText = model.Texts.Missing };
        foreach (var metric in model.Metrics)
        {
            symbols.AddMetric(metric.Id, metric.Index);
            if (metric.IsCategorical)
            {
                symbols.AddCategories(metric.Index, [.. metric.Categories.Select(c => c.Id)]);
            }
        }

        foreach (var group in model.Groups)
        {
            symbols.AddGroup(group.Id, group.Index);
        }

        foreach (var band in model.Bands)
        {
            symbols.AddBand(band.Id, band.Index);
        }

        symbols.AddBand(model.InsufficientData.Id, model.InsufficientData.Index);
        foreach (var phase in model.Phases)
        {
            symbols.AddPhase(phase.Id, phase.Index);
        }

        symbols.AddPhase(model.DefaultPhase.Id, model.DefaultPhase.Index);
        return symbols;
    }

    public static ModelSymbols Create(string missingText) => new() { MissingText = missingText };

    public void AddMetric(string id, int index) => _metrics.TryAdd(id, index);

    /// <summary>Declares a categorical metric's category ids, so rules may compare it with them (<c>metrics.sentiment == "red"</c>).</summary>
    public void AddCategories(int metricIndex, string[] ids) => _categories.TryAdd(metricIndex, ids);

    public bool TryGetCategories(int metricIndex, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string[]? ids) => _categories.TryGetValue(metricIndex, out ids);

    public void AddGroup(string id, int index) => _groups.TryAdd(id, index);

    public void AddBand(string id, int index)
    {
        if (!Contains(_bands, id))
        {
            _bands.Add((id, index));
        }
    }

    public void AddPhase(string id, int index)
    {
        if (!Contains(_phases, id))
        {
            _phases.Add((id, index));
        }
    }

    public bool TryGetMetric(string id, out int index) => _metrics.TryGetValue(id, out index);

    public bool TryGetGroup(string id, out int index) => _groups.TryGetValue(id, out index);

    public bool TryGetBand(string id, out int index) => TryFind(_bands, id, out index);

    public bool TryGetPhase(string id, out int index) => TryFind(_phases, id, out index);

    private static bool Contains(List<(string Id, int Index)> items, string id) => TryFind(items, id, out _);

    private static bool TryFind(List<(string Id, int Index)> items, string id, out int index)
    {
        foreach (var item in items)
        {
            if (item.Id == id)
            {
                index = item.Index;
                return true;
            }
        }

        index = -1;
        return false;
    }
}
