using HealthScore.Core.Model;
using HealthScore.Core.Rollups;

namespace HealthScore.Cli.Scoring;

/// <summary>Rolls the scored accounts' health up to their parents with the model's roll-up, and tells each parent its children.</summary>
internal static class PortfolioRollup
{
    /// <summary>Sets <see cref="AccountOutcome.Children"/> and <see cref="AccountOutcome.Rollup"/> on every parent; nothing when no account has a parent.</summary>
    /// <exception cref="CliException">The parents do not form a hierarchy (an unknown parent, a cycle); every problem is listed.</exception>
    public static void Apply(HealthModel model, IReadOnlyList<AccountOutcome> outcomes)
    {
        if (!outcomes.Any(static o => o.ParentId is not null))
        {
            return;
        }

        AccountHierarchy hierarchy;
        try
        {
            hierarchy = new AccountHierarchy(outcomes.OrderBy(static o => o.AccountId, StringComparer.Ordinal).Select(static o => (o.AccountId, o.ParentId)));
        }
        catch (AccountHierarchyException e)
        {
            throw new CliException(e.Message, e);
        }

        var byId = outcomes.ToDictionary(static o => o.AccountId, StringComparer.Ordinal);
        foreach (var parent in hierarchy.Parents)
        {
            byId[parent].Children = [.. hierarchy.GetChildren(parent)];
        }

        if (model.Rollup is not { } rollup)
        {
            return;
        }

        var snapshots = outcomes.ToDictionary(static o => o.AccountId, static o => o.Snapshot, StringComparer.Ordinal);
        foreach (var (id, result) in rollup.ComputeAll(hierarchy, snapshots, id => byId[id].RollupWeight))
        {
            byId[id].Rollup = new RollupOutcome
            {
                Method = Camel(result.Method.ToString()),
                Score = result.Score,
                Share = result.Share,
                Band = result.Band.Id,
                BandLabel = result.Band.Label,
                BandColor = result.Band.Color,
                Counted = result.Counted,
                Skipped = [.. result.Skipped.Select(static s => new SkippedOutcome { AccountId = s.AccountId, Reason = Camel(s.Reason.ToString()) })],
                DrivingChild = result.DrivingChild,
            };
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
