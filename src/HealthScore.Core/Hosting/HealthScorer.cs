using HealthScore.Core.Metrics;
using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Evaluates accounts with the model a <see cref="HealthModelSource"/> serves and counts them in
/// <see cref="HealthScoringMetrics"/>. <see cref="Evaluate(in AccountInput, HealthWorkspace)"/> runs the whole
/// pipeline through the <see cref="HealthEngine"/> of the model serving now (with the registered metric providers);
/// the <c>Score</c> methods are the lower-level scorer alone. Thread-safe.
/// </summary>
public sealed class HealthScorer
{
    private readonly HealthModelSource _source;
    private readonly HealthScoringMetrics _metrics;
    private readonly IMetricProvider[] _providers;
    private HealthEngine? _engine;

    /// <summary>Creates the scorer, without metric providers: accounts bring their metric values.</summary>
    /// <param name="source">The source of the model.</param>
    /// <param name="metrics">The instruments that count accounts scored.</param>
    public HealthScorer(HealthModelSource source, HealthScoringMetrics metrics)
        : this(source, metrics, [])
    {
    }

    /// <summary>Creates the scorer with the metric providers that compute values from accounts' records.</summary>
    /// <param name="source">The source of the model.</param>
    /// <param name="metrics">The instruments that count accounts scored and actions matched.</param>
    /// <param name="providers">The providers; none when accounts bring their metric values.</param>
    public HealthScorer(HealthModelSource source, HealthScoringMetrics metrics, IEnumerable<IMetricProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(providers);
        _source = source;
        _metrics = metrics;
        _providers = [.. providers];
    }

    /// <summary>Gets the model serving now. Take it once per account (or batch) and pass it back to <see cref="Score(HealthModel, ReadOnlySpan{double}, Phase, Span{MetricContribution}, Span{GroupScore})"/>, so the values, phase and score all belong to one model.</summary>
    public HealthModel Model => _source.Current;

    /// <summary>
    /// Gets the engine of the model serving now, with the registered providers (built once per model, on first use
    /// after a swap).
    /// </summary>
    /// <exception cref="HealthModelException">Providers are registered but cannot fill the model's metrics.</exception>
    public HealthEngine Engine
    {
        get
        {
            var model = _source.Current;
            var engine = Volatile.Read(ref _engine);
            if (engine is null || !ReferenceEquals(engine.Model, model))
            {
                engine = new HealthEngine(model, _providers.Length == 0 ? null : MetricProviderSet.Create(model, _providers));
                Volatile.Write(ref _engine, engine);
            }

            return engine;
        }
    }

    /// <summary>
    /// Creates a workspace on the engine of the model serving now. Take one per batch (or per thread) and evaluate
    /// every account of the batch in it, so facts, values and results all belong to one model during a reload.
    /// </summary>
    /// <returns>A new workspace; its <see cref="HealthWorkspace.Engine"/> says which model it evaluates with.</returns>
    public HealthWorkspace CreateWorkspace() => Engine.CreateWorkspace();

    /// <summary>Evaluates one account with the model serving now, in a new workspace (allocates).</summary>
    /// <param name="input">The account.</param>
    /// <returns>The account's health, its own to keep.</returns>
    /// <exception cref="ArgumentException">The input does not fit the model serving now.</exception>
    /// <exception cref="AccountDataException">The facts read from the input's account do not parse.</exception>
    public AccountHealth Evaluate(in AccountInput input) => Evaluate(input, CreateWorkspace());

    /// <summary>
    /// Evaluates one account in a workspace, with the model the workspace was created for, and counts it (one account
    /// scored; its fired and held-back actions). Allocates nothing.
    /// </summary>
    /// <param name="input">The account.</param>
    /// <param name="workspace">A workspace from <see cref="CreateWorkspace"/>, used by one thread at a time.</param>
    /// <returns>The account's health, which lives in <paramref name="workspace"/> until its next evaluation.</returns>
    /// <exception cref="ArgumentException">The input does not fit the workspace's model.</exception>
    /// <exception cref="AccountDataException">The facts read from the input's account do not parse.</exception>
    public AccountHealth Evaluate(in AccountInput input, HealthWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var model = workspace.Engine.Model;
        var health = workspace.Engine.Evaluate(input, workspace);
        _metrics.RecordAccountScored(model, health.Phase, health.Result.Band);
        _metrics.RecordActions(model, health.FiredCount, health.Actions.Length - health.FiredCount);
        return health;
    }

    /// <summary>Scores one account in the default phase of the model serving now: the scorer alone, without phase rules, band exceptions or actions.</summary>
    /// <param name="values">One raw value per metric of <see cref="Model"/>; NaN means missing.</param>
    /// <returns>The result, carrying the hash of the model that produced it.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one entry per metric of the model serving now.</exception>
    public HealthResult Score(ReadOnlySpan<double> values)
    {
        var model = _source.Current;
        return Score(model, values, model.DefaultPhase, [], []);
    }

    /// <summary>Scores one account with a model taken from <see cref="Model"/> and writes the explanation into the caller's buffers: the scorer alone.</summary>
    /// <param name="model">The model, taken once from <see cref="Model"/> for this account.</param>
    /// <param name="values">One raw value per metric of <paramref name="model"/>; NaN means missing.</param>
    /// <param name="phase">One of <paramref name="model"/>'s phases.</param>
    /// <param name="contributions">Empty, or at least one entry per metric.</param>
    /// <param name="groupScores">Empty, or at least one entry per group.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length, or the phase belongs to another model.</exception>
    public HealthResult Score(HealthModel model, ReadOnlySpan<double> values, Phase phase, Span<MetricContribution> contributions, Span<GroupScore> groupScores)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = model.Score(values, phase, contributions, groupScores);
        _metrics.RecordAccountScored(model, phase, result.Band);
        return result;
    }
}
