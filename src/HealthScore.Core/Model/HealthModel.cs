using System.Collections.Frozen;

namespace HealthScore.Core.Model;

/// <summary>
/// A compiled health model: immutable, thread-safe, and flattened into arrays so that scoring an account
/// allocates nothing. Create one with <see cref="Compile(HealthModelDefinition, Serialization.ScoringFunctionTypes?)"/> or
/// <see cref="HealthModelBuilder.Build()"/>; every result it produces carries its <see cref="Hash"/>.
/// </summary>
public sealed partial class HealthModel
{
    private readonly FrozenDictionary<string, Metric> _metricsById;
    private readonly FrozenDictionary<string, Group> _groupsById;
    private readonly FrozenDictionary<string, Phase> _phasesById;
    private readonly FrozenDictionary<string, Band> _bandsById;
    private readonly ModelLayout _layout;
    private readonly Band[] _bands;
    private readonly Phase[] _phases;
    private readonly MissingDataPolicy[] _missingPolicies;

    internal HealthModel(HealthModelDefinition definition, string hash, ModelParts parts)
    {
        Id = definition.Id;
        Label = definition.Label;
        Version = definition.Version;
        Hash = hash;
        ScaleMin = definition.Scale.Min;
        ScaleMax = definition.Scale.Max;
        Decimals = definition.Scale.Decimals;
        MinimumCoverage = definition.MinimumCoverage;
        DeadBand = definition.Trend.DeadBand;
        Texts = new ModelTexts(definition.Texts);
        Report = parts.Report;
        Metrics = Array.AsReadOnly(parts.Metrics);
        Groups = Array.AsReadOnly(parts.Groups);
        Bands = Array.AsReadOnly(parts.Bands);
        InsufficientData = parts.InsufficientData;
        Phases = Array.AsReadOnly(parts.Phases);
        DefaultPhase = parts.DefaultPhase;
        Account = parts.Account;
        PhaseRules = parts.PhaseRules;
        BandExceptions = parts.BandExceptions;
        Actions = parts.Actions;
        Adjustments = Array.AsReadOnly(parts.Adjustments);
        Overrides = parts.Overrides;
        Profiles = Array.AsReadOnly(parts.Profiles ?? []);
        ProfileRules = parts.ProfileRules;
        RuleGroups = parts.RuleGroups;
        _layout = parts.Layout;
        _bands = parts.Bands;
        _phases = parts.Phases;
        _missingPolicies = Array.ConvertAll(parts.Metrics, m => m.Missing);
        foreach (var phase in parts.Phases)
        {
            phase.Layout.Prepare(parts.Layout, _missingPolicies);
        }

        parts.DefaultPhase.Layout.Prepare(parts.Layout, _missingPolicies);
        _metricsById = parts.Metrics.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        _groupsById = parts.Groups.ToFrozenDictionary(g => g.Id, StringComparer.Ordinal);
        _phasesById = parts.Phases.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        _bandsById = parts.Bands.ToFrozenDictionary(b => b.Id, StringComparer.Ordinal);
        Rollup = definition.Rollup is { } rollup ? new Rollups.Rollup(this, rollup) : null;
        (_calibration, _phaseCalibrations) = ChurnTable.Compile(definition.Calibration, parts.Phases);
        CalibrationHorizonDays = definition.Calibration?.HorizonDays;
    }

    /// <summary>Gets the model's id.</summary>
    public string Id { get; }

    /// <summary>Gets the model's name.</summary>
    public string Label { get; }

    /// <summary>Gets the author's version string.</summary>
    public string Version { get; }

    /// <summary>Gets the content hash (SHA-256, hex) of the definition: equal definitions give equal hashes, and any change that can alter a result changes it.</summary>
    public string Hash { get; }

    /// <summary>Gets the lowest score on the scale.</summary>
    public double ScaleMin { get; }

    /// <summary>Gets the highest score on the scale.</summary>
    public double ScaleMax { get; }

    /// <summary>Gets the number of decimals scores are rounded to.</summary>
    public int Decimals { get; }

    /// <summary>Gets the minimum coverage below which a result is "insufficient data".</summary>
    public double MinimumCoverage { get; }

    /// <summary>Gets the dead band, in points, within which a change counts as flat.</summary>
    public double DeadBand { get; }

    /// <summary>Gets the fixed words used in explanations.</summary>
    public ModelTexts Texts { get; }

    /// <summary>Gets how reports on the model are laid out and worded.</summary>
    public ModelReport Report { get; }

    /// <summary>Gets the metrics, in the order of their values in the span passed to the scorer.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Gets the groups, nested groups before the group that holds them; the order of group-score spans.</summary>
    public IReadOnlyList<Group> Groups { get; }

    /// <summary>Gets the bands, lowest first.</summary>
    public IReadOnlyList<Band> Bands { get; }

    /// <summary>Gets the band reported when coverage is below the minimum.</summary>
    public Band InsufficientData { get; }

    /// <summary>Gets the phases the model defines (one implicit phase when it defines none).</summary>
    public IReadOnlyList<Phase> Phases { get; }

    /// <summary>Gets the phase used when the caller does not name one.</summary>
    public Phase DefaultPhase { get; }

    /// <summary>Gets the account facts the model's rules read: pass values indexed by it in <see cref="Rules.RuleContext"/>.</summary>
    public Rules.AccountSchema Account { get; }

    /// <summary>Gets the model's phase rules (first match wins, with the default phase); it resolves an account's phase before scoring.</summary>
    public Rules.PhaseResolver PhaseRules { get; }

    /// <summary>Gets the model's band exceptions, which force a band whatever the score.</summary>
    public Rules.BandExceptions BandExceptions { get; }

    /// <summary>Gets the adjustments: conditional points the pipeline adds to the weighted score, in order.</summary>
    public IReadOnlyList<Adjustment> Adjustments { get; }

    /// <summary>Gets what the model allows of overrides.</summary>
    public OverridePolicy Overrides { get; }

    /// <summary>Gets the model's action engine (it may hold no actions).</summary>
    public Actions.ActionEngine Actions { get; }

    /// <summary>Gets how child accounts' health rolls up into their parent's, or <see langword="null"/> when the model defines no roll-up.</summary>
    public Rollups.Rollup? Rollup { get; }

    internal ModelLayout Layout => _layout;

    internal Band[] BandArray => _bands;

    internal Phase[] PhaseArray => _phases;

    internal MissingDataPolicy[] MissingPolicies => _missingPolicies;

    /// <summary>Validates <paramref name="definition"/> completely and compiles it.</summary>
    /// <param name="definition">The definition; it is read, not kept, so changing it later does not change the model.</param>
    /// <returns>The compiled model.</returns>
    /// <param name="types">The scoring function types the definition may use; <see langword="null"/> for the built-in ones.</param>
    /// <exception cref="HealthModelException">The definition is invalid; <see cref="HealthModelException.Errors"/> lists every problem with its location.</exception>
    public static HealthModel Compile(HealthModelDefinition definition, Serialization.ScoringFunctionTypes? types = null) =>
        ModelCompiler.Compile(definition, types ?? Serialization.ScoringFunctionTypes.Default);

    /// <summary>Gets a metric by id.</summary>
    /// <param name="id">The metric's id.</param>
    /// <returns>The metric.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such metric; the message suggests the closest id.</exception>
    public Metric GetMetric(string id) => Find(_metricsById, id, "metric");

    /// <summary>Tries to get a metric by id.</summary>
    /// <param name="id">The metric's id.</param>
    /// <param name="metric">The metric, when found.</param>
    /// <returns><see langword="true"/> when the model has the metric.</returns>
    public bool TryGetMetric(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Metric? metric) => _metricsById.TryGetValue(id, out metric);

    /// <summary>Gets a group by id.</summary>
    /// <param name="id">The group's id.</param>
    /// <returns>The group.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such group; the message suggests the closest id.</exception>
    public Group GetGroup(string id) => Find(_groupsById, id, "group");

    /// <summary>Gets a phase by id.</summary>
    /// <param name="id">The phase's id.</param>
    /// <returns>The phase.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such phase; the message suggests the closest id.</exception>
    public Phase GetPhase(string id) =>
        TryGetPhase(id, out var phase) ? phase : Find(_phasesById, id, "phase");

    /// <summary>Tries to get a phase by id.</summary>
    /// <param name="id">The phase's id.</param>
    /// <param name="phase">The phase, when found.</param>
    /// <returns><see langword="true"/> when the model has the phase.</returns>
    public bool TryGetPhase(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Phase? phase)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_phasesById.TryGetValue(id, out phase))
        {
            return true;
        }

        phase = id == DefaultPhase.Id ? DefaultPhase : null;
        return phase is not null;
    }

    /// <summary>Gets a band by id (not the insufficient-data band).</summary>
    /// <param name="id">The band's id.</param>
    /// <returns>The band.</returns>
    /// <exception cref="KeyNotFoundException">The model has no such band; the message suggests the closest id.</exception>
    public Band GetBand(string id) => Find(_bandsById, id, "band");

    /// <summary>Tries to get a band by id (not the insufficient-data band).</summary>
    /// <param name="id">The band's id.</param>
    /// <param name="band">The band, when found.</param>
    /// <returns><see langword="true"/> when the model has the band.</returns>
    public bool TryGetBand(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Band? band)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _bandsById.TryGetValue(id, out band);
    }

    /// <summary>Creates a buffer of metric values for this model, every value missing (NaN). Fill it by <see cref="Metric.Index"/>.</summary>
    /// <returns>A new array with one entry per metric.</returns>
    public double[] CreateValues()
    {
        var values = new double[Metrics.Count];
        values.AsSpan().Fill(double.NaN);
        return values;
    }

    private T Find<T>(FrozenDictionary<string, T> items, string id, string kind)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (items.TryGetValue(id, out var item))
        {
            return item;
        }

        throw new KeyNotFoundException($"Model '{Id}' has no {kind} '{id}'.{IdSuggestions.DidYouMean(id, items.Keys)}");
    }

    internal void CheckPhase(Phase phase, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(phase, parameterName);
        var phases = _phases;
        if (!ReferenceEquals(phase, DefaultPhase) && ((uint)phase.Index >= (uint)phases.Length || !ReferenceEquals(phases[phase.Index], phase)))
        {
            throw new ArgumentException($"Phase '{phase.Id}' belongs to another model; get phases from this model (GetPhase).", parameterName);
        }
    }

    internal void CheckMetric(Metric metric)
    {
        if ((uint)metric.Index >= (uint)Metrics.Count || !ReferenceEquals(Metrics[metric.Index], metric))
        {
            throw new ArgumentException($"Metric '{metric.Id}' belongs to another model; get metrics from this model (model.Metrics or TryGetMetric).", nameof(metric));
        }
    }

    internal void CheckResult(in Scoring.HealthResult result, string parameterName)
    {
        if (!ReferenceEquals(result.ModelHash, Hash) && result.ModelHash != Hash)
        {
            throw new ArgumentException($"The result was produced by another model (hash {result.ModelHash ?? "none"}); compare results of the same model, or rescore both with this one.", parameterName);
        }
    }
}
