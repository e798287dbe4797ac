using System.Text.Json.Serialization;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// A person's override of an account's score, band or one metric's value, with who set it, why, from when and until
/// when. Overrides are account data: pass them with the account (<see cref="AccountInput.Overrides"/>); they never
/// change the model or its hash. Each applied override is named in the result, the explanation and the snapshot, with
/// the computed value underneath; once its validity ends the computed value returns.
/// </summary>
/// <example>
/// <code>
/// var input = new AccountInput
/// {
///     AccountId = "acme", AsOf = asOf, MetricValues = values,
///     Overrides = [HealthOverride.ForBand("healthy", "aiko.sato", setAt, validUntil: setAt.AddDays(30), comment: "Renewal signed")],
/// };
/// </code>
/// </example>
public sealed record HealthOverride
{
    /// <summary>Gets what the override replaces.</summary>
    public required OverrideTarget Target { get; init; }

    /// <summary>Gets the id of the metric whose value is replaced, for <see cref="OverrideTarget.Metric"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Metric { get; init; }

    /// <summary>
    /// Gets the value that replaces the computed one: a score on the model's scale for <see cref="OverrideTarget.Score"/>,
    /// a raw metric value for <see cref="OverrideTarget.Metric"/> (a category's position for a categorical metric).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Value { get; init; }

    /// <summary>Gets the id of the band that replaces the computed one, for <see cref="OverrideTarget.Band"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Band { get; init; }

    /// <summary>Gets who set the override, as the explanation names them.</summary>
    public required string Author { get; init; }

    /// <summary>Gets why the override was set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comment { get; init; }

    /// <summary>Gets when the override was set; it applies from that calendar day.</summary>
    public required DateTimeOffset SetAt { get; init; }

    /// <summary>Gets the last moment the override is valid; it applies through that calendar day. <see langword="null"/> for no end of its own.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>Creates an override of the score.</summary>
    /// <param name="score">The score, on the model's scale.</param>
    /// <param name="author">Who set it.</param>
    /// <param name="setAt">When it was set.</param>
    /// <param name="validUntil">Its last valid moment, or <see langword="null"/> for none of its own.</param>
    /// <param name="comment">Why it was set.</param>
    /// <returns>The override.</returns>
    public static HealthOverride ForScore(double score, string author, DateTimeOffset setAt, DateTimeOffset? validUntil = null, string? comment = null) =>
        new() { Target = OverrideTarget.Score, Value = score, Author = author, SetAt = setAt, ValidUntil = validUntil, Comment = comment };

    /// <summary>Creates an override of the band.</summary>
    /// <param name="band">The band's id.</param>
    /// <param name="author">Who set it.</param>
    /// <param name="setAt">When it was set.</param>
    /// <param name="validUntil">Its last valid moment, or <see langword="null"/> for none of its own.</param>
    /// <param name="comment">Why it was set.</param>
    /// <returns>The override.</returns>
    public static HealthOverride ForBand(string band, string author, DateTimeOffset setAt, DateTimeOffset? validUntil = null, string? comment = null) =>
        new() { Target = OverrideTarget.Band, Band = band, Author = author, SetAt = setAt, ValidUntil = validUntil, Comment = comment };

    /// <summary>Creates an override of one metric's value.</summary>
    /// <param name="metric">The metric's id.</param>
    /// <param name="value">The raw value (for a categorical metric, <see cref="Model.Metric.CategoryValue(string)"/>).</param>
    /// <param name="author">Who set it.</param>
    /// <param name="setAt">When it was set.</param>
    /// <param name="validUntil">Its last valid moment, or <see langword="null"/> for none of its own.</param>
    /// <param name="comment">Why it was set.</param>
    /// <returns>The override.</returns>
    public static HealthOverride ForMetric(string metric, double value, string author, DateTimeOffset setAt, DateTimeOffset? validUntil = null, string? comment = null) =>
        new() { Target = OverrideTarget.Metric, Metric = metric, Value = value, Author = author, SetAt = setAt, ValidUntil = validUntil, Comment = comment };
}
