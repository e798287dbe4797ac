using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>
/// Builds a health model in code. Each call edits <see cref="Definition"/>; <see cref="Build()"/> validates the whole
/// definition and compiles it, reporting every problem at once.
/// </summary>
/// <example>
/// <code>
/// var model = new HealthModelBuilder()
///     .AddBand("at_risk", "At risk", "#C62828", 0)
///     .AddBand("healthy", "Healthy", "#2E7D32", 70)
///     .AddGroup("usage", "Usage", 60, g => g
///         .AddMetric("logins_per_week", "Logins per week", new LinearScoring(worst: 0, best: 5)))
///     .AddGroup("satisfaction", "Satisfaction", 40, g => g
///         .AddMetric("nps", "NPS", new LinearScoring(worst: -100, best: 100)))
///     .Build();
/// </code>
/// </example>
public sealed class HealthModelBuilder
{
    /// <summary>Creates a builder over a new, empty definition (scale 0–100, minimum coverage 0.5).</summary>
    public HealthModelBuilder()
        : this(new HealthModelDefinition())
    {
    }

    /// <summary>Creates a builder that edits an existing definition.</summary>
    /// <param name="definition">The definition to edit.</param>
    public HealthModelBuilder(HealthModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
    }

    /// <summary>Gets the definition being built.</summary>
    public HealthModelDefinition Definition { get; }

    /// <summary>Sets the model's id, name and version.</summary>
    /// <param name="id">The model's id.</param>
    /// <param name="label">The model's name.</param>
    /// <param name="version">The author's version string.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithId(string id, string label, string version = "1")
    {
        Definition.Id = id;
        Definition.Label = label;
        Definition.Version = version;
        return this;
    }

    /// <summary>Sets the scale scores are reported on.</summary>
    /// <param name="min">The lowest score.</param>
    /// <param name="max">The highest score.</param>
    /// <param name="decimals">The decimals scores are rounded to.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithScale(double min, double max, int decimals = 0)
    {
        Definition.Scale = new ScaleDefinition { Min = min, Max = max, Decimals = decimals };
        return this;
    }

    /// <summary>Sets the minimum coverage (0 to 1) below which a result is "insufficient data".</summary>
    /// <param name="minimumCoverage">The share of the total weight that must rest on real data.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithMinimumCoverage(double minimumCoverage)
    {
        Definition.MinimumCoverage = minimumCoverage;
        return this;
    }

    /// <summary>Sets how the top-level groups are combined.</summary>
    /// <param name="aggregation">The aggregation.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithAggregation(Aggregation aggregation)
    {
        Definition.Aggregation = aggregation;
        return this;
    }

    /// <summary>Adds a band. Add bands from lowest to highest; the first starts at the scale's minimum.</summary>
    /// <param name="id">The band's id.</param>
    /// <param name="label">The name a person reads.</param>
    /// <param name="color">The colour, as <c>#RRGGBB</c>.</param>
    /// <param name="lowerBound">The lowest score in the band.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder AddBand(string id, string label, string color, double lowerBound)
    {
        Definition.Bands.Add(new BandDefinition { Id = id, Label = label, Color = color, LowerBound = lowerBound });
        return this;
    }

    /// <summary>Sets the band reported when coverage is below the minimum.</summary>
    /// <param name="id">The band's id.</param>
    /// <param name="label">The name a person reads.</param>
    /// <param name="color">The colour, as <c>#RRGGBB</c>.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithInsufficientDataBand(string id, string label, string color)
    {
        Definition.InsufficientData = new BandDefinition { Id = id, Label = label, Color = color };
        return this;
    }

    /// <summary>Adds a top-level group.</summary>
    /// <param name="id">The group's id.</param>
    /// <param name="label">The name a person reads.</param>
    /// <param name="weight">The group's weight among the top-level groups.</param>
    /// <param name="configure">Adds the group's metrics and nested groups.</param>
    /// <param name="aggregation">How the group combines its members.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder AddGroup(string id, string label, double weight, Action<GroupBuilder> configure, Aggregation aggregation = Aggregation.WeightedMean)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var group = new GroupDefinition { Id = id, Label = label, Weight = weight, Aggregation = aggregation };
        configure(new GroupBuilder(group));
        Definition.Groups.Add(group);
        return this;
    }

    /// <summary>Adds a lifecycle phase.</summary>
    /// <param name="id">The phase's id.</param>
    /// <param name="label">The name a person reads.</param>
    /// <param name="configure">Sets the phase's overrides; <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder AddPhase(string id, string label, Action<PhaseBuilder>? configure = null)
    {
        var phase = new PhaseDefinition { Id = id, Label = label };
        configure?.Invoke(new PhaseBuilder(phase));
        Definition.Phases.Add(phase);
        return this;
    }

    /// <summary>Names the phase used when the caller does not name one.</summary>
    /// <param name="phaseId">A phase id.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithDefaultPhase(string phaseId)
    {
        Definition.DefaultPhase = phaseId;
        return this;
    }

    /// <summary>Sets the dead band, in points, within which a change counts as flat.</summary>
    /// <param name="points">The dead band.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithTrendDeadBand(double points)
    {
        Definition.Trend = new TrendDefinition { DeadBand = points };
        return this;
    }

    /// <summary>Declares the account facts the model's rules and messages read (<c>account.*</c>, <c>consent.*</c>).</summary>
    /// <param name="configure">Adds names to the numbers, flags, texts and consents.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithAccount(Action<AccountDefinition> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Definition.Account);
        return this;
    }

    /// <summary>Adds a phase rule: accounts for which <paramref name="when"/> holds are judged in <paramref name="phaseId"/> (the first matching rule wins).</summary>
    /// <param name="id">The rule's id, reported as the reason for the phase.</param>
    /// <param name="when">The condition, in the rule language (<c>tenure_days &lt; 90</c>).</param>
    /// <param name="phaseId">The phase's id.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder AddPhaseRule(string id, string when, string phaseId)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(phaseId);
        Definition.PhaseRules.Add(new Rules.RuleDefinition(id, when, phaseId));
        return this;
    }

    /// <summary>Adds a band exception: accounts for which <paramref name="when"/> holds are reported in <paramref name="bandId"/>, whatever their score.</summary>
    /// <param name="id">The exception's id, reported as the reason the band was forced.</param>
    /// <param name="when">The condition, in the rule language (<c>metrics.open_critical_tickets &gt;= 2</c>).</param>
    /// <param name="bandId">The band to force.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder AddBandException(string id, string when, string bandId)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(bandId);
        Definition.BandExceptions.Add(new Rules.RuleDefinition(id, when, bandId));
        return this;
    }

    /// <summary>Adds an action rule: what to do, for which accounts, in what priority.</summary>
    /// <param name="action">The action.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder AddAction(Actions.ActionDefinition action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Definition.Actions.Add(action);
        return this;
    }

    /// <summary>Sets one of the model's words: a library text (<see cref="TextKeys"/>) or a host's, under a prefixed key.</summary>
    /// <param name="key">The key, for example <see cref="TextKeys.Score"/> or <c>report.accounts</c>.</param>
    /// <param name="text">The text.</param>
    /// <returns>This builder.</returns>
    public HealthModelBuilder WithText(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(text);
        Definition.Texts[key] = text;
        return this;
    }

    /// <summary>Validates the definition completely and compiles it.</summary>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The definition is invalid; every problem is listed with its location.</exception>
    public HealthModel Build() => HealthModel.Compile(Definition);

    /// <summary>Validates the definition completely and compiles it, with scoring function types of your own.</summary>
    /// <param name="types">The scoring function types the definition may use.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The definition is invalid; every problem is listed with its location.</exception>
    public HealthModel Build(Serialization.ScoringFunctionTypes types) => HealthModel.Compile(Definition, types);
}
