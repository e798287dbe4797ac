using System.Globalization;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// Scores a categorical metric: its raw value is one of named categories, each with its own normalised score. The
/// value passed to the scorer is the category's position in <see cref="Categories"/> (0 for the first), which
/// <see cref="Metric.CategoryValue(string)"/> gives by id, so the hot path still reads numbers.
/// </summary>
public sealed class CategoryScoring : ScoringFunctionDefinition
{
    /// <summary>Creates a categorical function with no categories; add at least two.</summary>
    public CategoryScoring()
    {
    }

    /// <summary>Creates a categorical function from its categories, in order.</summary>
    /// <param name="categories">The categories; a value is a category's position in this list.</param>
    public CategoryScoring(IEnumerable<MetricCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        Categories = [.. categories];
    }

    /// <summary>Gets the categories, in order; an account's raw value is a category's position (0, 1, 2, …).</summary>
    public List<MetricCategory> Categories { get; set; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => "categories";

    /// <inheritdoc />
    public override void Validate(string path, ICollection<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Categories is null || Categories.Count < 2)
        {
            errors.Add(new ModelError(path + ".categories", string.Create(CultureInfo.InvariantCulture, $"needs at least 2 categories, e.g. [{{ \"id\": \"green\", \"score\": 1 }}, {{ \"id\": \"red\", \"score\": 0 }}]; it has {Categories?.Count ?? 0}.")));
            return;
        }

        if (Categories.Count > HealthModelLimits.MaxCategories)
        {
            errors.Add(new ModelError(path + ".categories", string.Create(CultureInfo.InvariantCulture, $"has {Categories.Count} categories; a metric has at most {HealthModelLimits.MaxCategories}.")));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.categories[{i}]");
            var category = Categories[i];
            if (category is null)
            {
                errors.Add(new ModelError(itemPath, "must be a category, not null."));
                continue;
            }

            if (!IsId(category.Id))
            {
                errors.Add(new ModelError(itemPath + ".id", "must be an id: letters, digits and underscores, not starting with a digit, e.g. green."));
            }
            else if (!seen.Add(category.Id))
            {
                errors.Add(new ModelError(itemPath + ".id", $"'{category.Id}' is already a category of this metric; category ids are unique."));
            }

            if (category.Label is null || category.Label.Length > HealthModelLimits.MaxLabelLength)
            {
                errors.Add(new ModelError(itemPath + ".label", string.Create(CultureInfo.InvariantCulture, $"must be text of at most {HealthModelLimits.MaxLabelLength} characters; leave it out to show the id.")));
            }

            if (!double.IsFinite(category.Score) || category.Score < 0 || category.Score > 1)
            {
                errors.Add(new ModelError(itemPath + ".score", "must be a number between 0 (worst) and 1 (best)."));
            }
        }
    }

    /// <inheritdoc />
    public override ScoringFunction Compile()
    {
        var ids = new string[Categories.Count];
        var labels = new string[Categories.Count];
        var scores = new double[Categories.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Categories[i].Id;
            labels[i] = string.IsNullOrEmpty(Categories[i].Label) ? Categories[i].Id : Categories[i].Label;
            scores[i] = Categories[i].Score;
        }

        return new CategoryFunction(ids, labels, scores);
    }

    private static bool IsId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > HealthModelLimits.MaxIdLength || char.IsAsciiDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A compiled categorical function: a category's position picks its score; any other value is missing.</summary>
internal sealed class CategoryFunction : ScoringFunction
{
    private readonly double[] _scores;

    public CategoryFunction(string[] ids, string[] labels, double[] scores)
    {
        Ids = ids;
        Labels = labels;
        _scores = scores;
    }

    public string[] Ids { get; }

    public string[] Labels { get; }

    public int Count => _scores.Length;

    // Categories have no order; the direction only matters to a caller that asks.
    public override MetricDirection Direction => MetricDirection.HigherIsBetter;

    internal override bool IsMonotone => false;

    public override double Normalize(double value)
    {
        var index = (int)value;
        return index == value && (uint)index < (uint)_scores.Length ? _scores[index] : double.NaN;
    }

    /// <summary>Whether <paramref name="value"/> is a category's position.</summary>
    public bool IsCategory(double value) => value >= 0 && value < _scores.Length && Math.Floor(value) == value;

    public int IndexOf(string id) => Array.IndexOf(Ids, id);
}
