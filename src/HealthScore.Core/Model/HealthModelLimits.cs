using System.Globalization;

namespace HealthScore.Core.Model;

/// <summary>
/// The sizes a model document may reach. They keep compiling fast and messages short whatever a document holds,
/// and each is far above what a real model needs.
/// </summary>
public static class HealthModelLimits
{
    /// <summary>The longest id (metric, group, band, phase, rule, action, account field), in characters: 128.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest label, title, unit, colour or other text a person reads, in characters: 1,000.</summary>
    public const int MaxLabelLength = 1_000;

    /// <summary>The longest rule (<c>when</c>) text, in characters: 4,096.</summary>
    public const int MaxRuleLength = Rules.RuleParser.MaxLength;

    /// <summary>The longest action message template, in characters: 10,000.</summary>
    public const int MaxTemplateLength = 10_000;

    /// <summary>The most categories a categorical metric may have: 64.</summary>
    public const int MaxCategories = 64;

    /// <summary>The longest a metric's value may stay valid (<c>maxAgeDays</c>): 36,600 days, about a century.</summary>
    public const int MaxAgeDays = 36_600;

    /// <summary>The most groups nested inside one another: 16.</summary>
    public const int MaxGroupDepth = 16;

    /// <summary>
    /// The smallest share of its siblings' total weight a weight may have: 1e-9. A smaller one would vanish in the
    /// sums, so the metric's contribution would no longer add up to the score.
    /// </summary>
    public const double MinimumWeightShare = 1e-9;

    /// <summary>The smallest weight: 1e-12. Weights are relative, so a model never needs a smaller one.</summary>
    public const double MinimumWeight = 1e-12;

    /// <summary>The largest weight: 1e12, so that sums of weights stay exact enough for contributions to add up.</summary>
    public const double MaximumWeight = 1e12;

    /// <summary>The largest magnitude of a scale's minimum or maximum: 1e9, so points stay exact in sums.</summary>
    public const double MaxScaleMagnitude = 1e9;

    internal static string TooLong(string what, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"is {length:N0} characters long; {what} may be at most {limit:N0}. Shorten it.");
}
