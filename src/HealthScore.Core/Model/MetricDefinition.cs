using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>One measured signal of an account, such as logins per week or NPS, and how it is scored.</summary>
public sealed class MetricDefinition
{
    /// <summary>Gets or sets the metric's id: letters, digits and underscores, starting with a letter or underscore. Unique across metrics and groups.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name a person reads, in the model's language.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Gets or sets the metric's weight inside its group: any positive number, converted to a share of the group.</summary>
    /// <value>The default value is 1.</value>
    public double Weight { get; set; } = 1;

    /// <summary>
    /// Gets or sets which way the raw value is good. When <see langword="null"/>, it follows from the scoring
    /// function (for a linear function, from the order of worst and best); when set, it must agree with it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public MetricDirection? Direction { get; set; }

    /// <summary>Gets or sets the function that maps the raw value to a normalised value between 0 (worst) and 1 (best).</summary>
    public ScoringFunctionDefinition? Scoring { get; set; }

    /// <summary>Gets or sets what the metric contributes when the account has no usable value for it.</summary>
    /// <value>The default value is <see cref="MissingDataPolicy.Exclude"/>.</value>
    public MissingDataPolicy Missing { get; set; }

    /// <summary>
    /// Gets or sets the normalised value (0 to 1) a missing metric counts as under <see cref="MissingDataPolicy.Fixed"/>.
    /// Must be <see langword="null"/> under the other policies.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? MissingValue { get; set; }

    /// <summary>Gets or sets the unit of the raw value, shown after it in explanations (for example <c>%</c> or <c>days</c>).</summary>
    /// <value>The default value is <see langword="null"/> (no unit).</value>
    public string? Unit { get; set; }

    /// <summary>
    /// Gets or sets how many calendar days a value stays valid after the date it was observed
    /// (<see cref="Pipeline.AccountInput.ObservedAt"/>). At an as-of date more days after that, the value counts as
    /// missing and is reported as stale. Use it for inputs a person renews, such as a success manager's sentiment.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: values never expire.</value>
    public int? MaxAgeDays { get; set; }
}
