using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>
/// The editable description of a health model: metrics in weighted groups, scale, bands, phases and texts.
/// Compile it with <see cref="HealthModel.Compile(HealthModelDefinition, Serialization.ScoringFunctionTypes?)"/> (or build it with
/// <see cref="HealthModelBuilder"/>) to get the immutable model that scores accounts. Its shape is the shape
/// of the JSON model document, property for property.
/// </summary>
public sealed class HealthModelDefinition
{
    /// <summary>Gets or sets the address of the JSON Schema the document declares (<c>$schema</c>), for editors. It does not affect the model or its hash.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [JsonPropertyName("$schema")]
    public string? SchemaUri { get; set; }

    /// <summary>Gets or sets the version of the document format; this library writes format 2 and reads formats 1 and 2.</summary>
    /// <value>The default value is 2.</value>
    public int FormatVersion { get; set; } = 2;

    /// <summary>Gets or sets the model's id, for the host's records.</summary>
    /// <value>The default value is <c>health</c>.</value>
    public string Id { get; set; } = "health";

    /// <summary>Gets or sets the model's name, for a person to read.</summary>
    /// <value>The default value is an empty string.</value>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets or sets the author's version string. The compiled model also carries a content hash that changes with any change.</summary>
    /// <value>The default value is <c>1</c>.</value>
    public string Version { get; set; } = "1";

    /// <summary>Gets or sets the scale scores are reported on.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public ScaleDefinition Scale { get; set; } = new();

    /// <summary>Gets or sets how the top-level groups are combined.</summary>
    /// <value>The default value is <see cref="Model.Aggregation.WeightedMean"/>.</value>
    public Aggregation Aggregation { get; set; }

    /// <summary>
    /// Gets or sets the minimum coverage (0 to 1): the share of the total weight that must rest on real data for
    /// the result to be a score; below it the result is "insufficient data".
    /// </summary>
    /// <value>The default value is 0.5.</value>
    public double MinimumCoverage { get; set; } = 0.5;

    /// <summary>Gets the top-level groups.</summary>
    public List<GroupDefinition> Groups { get; set; } = [];

    /// <summary>
    /// Gets or sets a ready-made set of bands to use instead of <see cref="Bands"/> (which must then be empty), for
    /// example <see cref="Model.BandScheme.LetterGrades"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the bands are listed in <see cref="Bands"/>.</value>
    public BandScheme? BandScheme { get; set; }

    /// <summary>Gets or sets which band (or tier) a score exactly on a threshold belongs to.</summary>
    /// <value>The default value is <see cref="ThresholdBoundary.IncludeLower"/>: the band that starts there.</value>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public ThresholdBoundary Thresholds { get; set; }

    /// <summary>Gets the bands, in ascending order of lower bound; the first starts at the scale's minimum.</summary>
    public List<BandDefinition> Bands { get; set; } = [];

    /// <summary>Gets or sets the band reported when coverage is below the minimum.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public BandDefinition InsufficientData { get; set; } = new() { Id = "insufficient_data", Label = "Insufficient data", Color = "#9E9E9E" };

    /// <summary>Gets the lifecycle phases. When empty, the model has one phase, <see cref="DefaultPhase"/>, with no overrides.</summary>
    public List<PhaseDefinition> Phases { get; set; } = [];

    /// <summary>
    /// Gets or sets the id of the phase used when the caller does not name one. When <see langword="null"/>,
    /// an implicit phase with the model's own weights and thresholds is used.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DefaultPhase { get; set; }

    /// <summary>Gets or sets the label of the implicit phase used when <see cref="DefaultPhase"/> is not set.</summary>
    /// <value>The default value is <c>All accounts</c>.</value>
    public string DefaultPhaseLabel { get; set; } = "All accounts";

    /// <summary>Gets or sets the account facts rules may read (<c>account.*</c>, <c>consent.*</c>).</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public AccountDefinition Account { get; set; } = new();

    /// <summary>
    /// Gets the phase rules, in order: the first whose <c>when</c> holds names the account's phase (<c>then</c>, a
    /// phase id); when none holds, <see cref="DefaultPhase"/>. Phase rules read account facts and metrics, not scores.
    /// </summary>
    public List<Rules.RuleDefinition> PhaseRules { get; set; } = [];

    /// <summary>
    /// Gets the band exceptions, in order: the first whose <c>when</c> holds forces its band (<c>then</c>, a band id)
    /// whatever the score, e.g. an open critical ticket ⇒ at risk.
    /// </summary>
    public List<Rules.RuleDefinition> BandExceptions { get; set; } = [];

    /// <summary>Gets the action kinds this model adds to the built-in ones (respond, recommend, coach, automate, escalate, celebrate).</summary>
    public List<string> ActionKinds { get; set; } = [];

    /// <summary>Gets the actions: what to do, for which accounts (<c>when</c>), in what priority, with what consent and cooldown.</summary>
    public List<Actions.ActionDefinition> Actions { get; set; } = [];

    /// <summary>
    /// Gets the adjustments: conditional points added to (or taken from) the weighted score when a rule holds, for
    /// example "NPS below 6: −3", optionally only in some phases. They apply in order, each clamped to the scale.
    /// </summary>
    public List<AdjustmentDefinition> Adjustments { get; set; } = [];

    /// <summary>Gets or sets what the model allows of overrides (a person's replacement of a score, band or metric value).</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public OverridePolicyDefinition Overrides { get; set; } = new();

    /// <summary>Gets the profiles: scorecards for segments of accounts, each with its own groups and weights over the model's metrics. When empty, the model is one scorecard.</summary>
    public List<ProfileDefinition> Profiles { get; set; } = [];

    /// <summary>Gets the profile rules, in order: the first whose <c>when</c> holds names the account's profile (<c>then</c>); when none holds, <see cref="DefaultProfile"/>. They read account facts only.</summary>
    public List<Rules.RuleDefinition> ProfileRules { get; set; } = [];

    /// <summary>Gets or sets the id of the profile used when no profile rule holds and the caller names none.</summary>
    /// <value>The default value is <see langword="null"/>: the first profile.</value>
    public string? DefaultProfile { get; set; }

    /// <summary>Gets or sets how score changes are classified.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public TrendDefinition Trend { get; set; } = new();

    /// <summary>Gets or sets how reports on the model are laid out: the groups on the prioritisation matrix's axes.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public ReportDefinition Report { get; set; } = new();

    /// <summary>
    /// Gets the words of the model, by key: the library's own (<see cref="TextKeys"/>, English by default) and hosts'
    /// words under a prefixed key, such as the CLI report's <c>report.accounts</c>. Set them to write explanations and
    /// reports in the model's language.
    /// </summary>
    public Dictionary<string, string> Texts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how child accounts' health rolls up into their parent's (<see cref="HealthModel.Rollup"/>).</summary>
    /// <value>The default value is <see langword="null"/>: the model defines no roll-up.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RollupDefinition? Rollup { get; set; }

    /// <summary>
    /// Gets or sets what the score means as a churn rate over the outcome horizon, per phase where a phase has enough
    /// data and pooled otherwise (<see cref="HealthModel.EstimateChurn(double, Phase)"/>). The tuner writes it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the model is not calibrated.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CalibrationDefinition? Calibration { get; set; }
}
