using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

/// <summary>A metric of a compiled <see cref="HealthModel"/>. Immutable.</summary>
public sealed class Metric
{
    private readonly CategoryFunction? _categories;

    internal Metric(int index, string id, string label, Group group, MetricDirection direction, MissingDataPolicy missing, double missingValue, string? unit, CategoryFunction? categories = null, int? maxAgeDays = null)
    {
        Index = index;
        Id = id;
        Label = label;
        Group = group;
        Direction = direction;
        Missing = missing;
        MissingValue = missingValue;
        Unit = unit;
        MaxAgeDays = maxAgeDays;
        _categories = categories;
        if (categories is not null)
        {
            var list = new MetricCategoryInfo[categories.Count];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = new MetricCategoryInfo(i, categories.Ids[i], categories.Labels[i]);
            }

            Categories = Array.AsReadOnly(list);
        }
    }

    /// <summary>Gets the metric's position in the model: the index of its value in the span passed to the scorer.</summary>
    public int Index { get; }

    /// <summary>Gets the metric's id.</summary>
    public string Id { get; }

    /// <summary>Gets the name a person reads.</summary>
    public string Label { get; }

    /// <summary>Gets the group the metric belongs to.</summary>
    public Group Group { get; }

    /// <summary>Gets which way the raw value is good.</summary>
    public MetricDirection Direction { get; }

    /// <summary>Gets what the metric contributes when it has no usable value.</summary>
    public MissingDataPolicy Missing { get; }

    /// <summary>Gets the normalised value a missing metric counts as: 0.5 under <see cref="MissingDataPolicy.Neutral"/>, the configured value under <see cref="MissingDataPolicy.Fixed"/>, NaN under <see cref="MissingDataPolicy.Exclude"/>.</summary>
    public double MissingValue { get; }

    /// <summary>Gets the unit of the raw value, or <see langword="null"/>.</summary>
    public string? Unit { get; }

    /// <summary>Gets how many calendar days a value stays valid after it was observed; <see langword="null"/> when values never expire.</summary>
    public int? MaxAgeDays { get; }

    /// <summary>Gets whether the metric's value is one of named <see cref="Categories"/> rather than a measured number.</summary>
    public bool IsCategorical => _categories is not null;

    /// <summary>Gets the categories of a categorical metric, in order (empty for a measured metric).</summary>
    public IReadOnlyList<MetricCategoryInfo> Categories { get; } = [];

    /// <summary>
    /// Gets the value that stands for a category in metric values: its position in <see cref="Categories"/>.
    /// </summary>
    /// <param name="categoryId">The category's id, for example <c>green</c>.</param>
    /// <returns>The category's position, as a metric value.</returns>
    /// <exception cref="InvalidOperationException">The metric is not categorical.</exception>
    /// <exception cref="ArgumentException">The metric has no such category.</exception>
    public double CategoryValue(string categoryId)
    {
        ArgumentNullException.ThrowIfNull(categoryId);
        if (_categories is null)
        {
            throw new InvalidOperationException($"Metric '{Id}' is not categorical; pass its measured value.");
        }

        var index = _categories.IndexOf(categoryId);
        if (index < 0)
        {
            throw new ArgumentException($"Metric '{Id}' has no category '{categoryId}'; its categories are {string.Join(", ", _categories.Ids)}.{IdSuggestions.DidYouMean(categoryId, _categories.Ids)}", nameof(categoryId));
        }

        return index;
    }

    /// <summary>Finds the category a metric value stands for.</summary>
    /// <param name="value">A metric value.</param>
    /// <param name="category">The category, when the metric is categorical and the value is a category's position.</param>
    /// <returns>Whether the value is a category of this metric.</returns>
    public bool TryGetCategory(double value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricCategoryInfo? category)
    {
        if (_categories is not null && _categories.IsCategory(value))
        {
            category = Categories[(int)value];
            return true;
        }

        category = null;
        return false;
    }

    /// <summary>Returns the metric's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
