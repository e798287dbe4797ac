using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// The groups the tuner weighs as a whole. A group that does not combine its members by weighted mean ("worst signal
/// decides" and the like) has no additive shares to fit, so the outermost such group is fitted as one unit on its own
/// score, and its members keep their functions and weights.
/// </summary>
internal static class KeptGroup
{
    /// <summary>The outermost groups that do not aggregate by weighted mean, in compiled group order.</summary>
    public static Group[] AllIn(HealthModel model) =>
        [.. model.Groups.Where(g => g.Aggregation != Aggregation.WeightedMean && !Ancestors(g).Any(a => a.Aggregation != Aggregation.WeightedMean))];

    /// <summary>The kept group a metric belongs to, or <see langword="null"/> when the metric is fitted itself.</summary>
    public static Group? Of(Metric metric)
    {
        Group? kept = null;
        for (Group? group = metric.Group; group is not null; group = group.Parent)
        {
            if (group.Aggregation != Aggregation.WeightedMean)
            {
                kept = group;
            }
        }

        return kept;
    }

    private static IEnumerable<Group> Ancestors(Group group)
    {
        for (var parent = group.Parent; parent is not null; parent = parent.Parent)
        {
            yield return parent;
        }
    }
}
