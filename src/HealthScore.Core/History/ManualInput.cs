using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;

namespace HealthScore.Core.History;

/// <summary>
/// A value a person entered for one metric of an account — a success manager's sentiment, a goal reached — dated when it
/// was observed, so a metric with a maximum age (<see cref="MetricDefinition.MaxAgeDays"/>) expires it. A number, or for
/// a categorical metric a category's id (kept by id, so it survives the model's categories being reordered).
/// </summary>
public sealed record ManualInput
{
    /// <summary>Creates a numeric input.</summary>
    /// <param name="metric">The metric's id.</param>
    /// <param name="value">The raw value, a finite number.</param>
    /// <param name="observedAt">When it was observed.</param>
    /// <param name="author">Who entered it, or <see langword="null"/>.</param>
    /// <param name="comment">A note, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is empty or <paramref name="value"/> is not a finite number.</exception>
    public ManualInput(string metric, double value, DateTimeOffset observedAt, string? author = null, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"The value of '{metric}' is {value}; a manual input is a finite number.", nameof(value));
        }

        Metric = metric;
        Value = value;
        ObservedAt = observedAt;
        Author = author;
        Comment = comment;
    }

    /// <summary>Creates an input of a categorical metric.</summary>
    /// <param name="metric">The metric's id.</param>
    /// <param name="category">The category's id.</param>
    /// <param name="observedAt">When it was observed.</param>
    /// <param name="author">Who entered it, or <see langword="null"/>.</param>
    /// <param name="comment">A note, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="metric"/> or <paramref name="category"/> is empty.</exception>
    public ManualInput(string metric, string category, DateTimeOffset observedAt, string? author = null, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        Metric = metric;
        Category = category;
        ObservedAt = observedAt;
        Author = author;
        Comment = comment;
    }

    /// <summary>Gets the metric's id.</summary>
    public string Metric { get; }

    /// <summary>Gets the number entered, or <see langword="null"/> for a category.</summary>
    public double? Value { get; }

    /// <summary>Gets the category's id entered, or <see langword="null"/> for a number.</summary>
    public string? Category { get; }

    /// <summary>Gets when the value was observed.</summary>
    public DateTimeOffset ObservedAt { get; }

    /// <summary>Gets who entered it, or <see langword="null"/>.</summary>
    public string? Author { get; }

    /// <summary>Gets a note, or <see langword="null"/>.</summary>
    public string? Comment { get; }

    /// <summary>
    /// The raw value this input gives a metric of <paramref name="model"/>: the number, or the category's position; NaN when
    /// the model has no such metric, or the input's kind does not fit it (a category for a numeric metric, a number or
    /// an unknown category for a categorical one).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="metric">The model's metric of this id, or <see langword="null"/>.</param>
    /// <returns>The raw value, or NaN.</returns>
    public double RawValue(HealthModel model, out Metric? metric)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.TryGetMetric(Metric, out metric))
        {
            return double.NaN;
        }

        if (metric.IsCategorical)
        {
            return Category is { } id && metric.Categories.Any(c => c.Id == id) ? metric.CategoryValue(id) : double.NaN;
        }

        return Value ?? double.NaN;
    }
}
