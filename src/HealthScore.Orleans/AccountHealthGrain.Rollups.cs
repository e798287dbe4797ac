using HealthScore.Core.Pipeline;
using HealthScore.Core.Rollups;

namespace HealthScore.Orleans;

/// <summary>
/// Roll-ups through the same grains: after each evaluation a child reports its snapshot to its parent's grain, which
/// keeps it and passes it on up, so every ancestor holds its whole subtree's latest health and computes its roll-up
/// with the core's <see cref="Rollup"/>.
/// </summary>
internal sealed partial class AccountHealthGrain
{
    /// <summary>The deepest chain of parents a roll-up follows, far beyond any real hierarchy.</summary>
    internal const int MaxDepth = 32;

    public async Task ReportDescendantAsync(DescendantReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var state = _state.State;
        // A report that comes back to the account it is about has gone round a cycle of parents: it stops here.
        if (report.AccountId == Id)
        {
            return;
        }

        state.Descendants[report.AccountId] = report;
        await _state.WriteStateAsync();
        if (state.Account?.ParentId is { } parent && parent != report.AccountId)
        {
            await GrainFactory.GetGrain<IAccountHealthGrain>(parent).ReportDescendantAsync(report);
        }
    }

    public async Task RemoveDescendantAsync(string accountId)
    {
        var state = _state.State;
        if (state.Descendants.Remove(accountId))
        {
            await _state.WriteStateAsync();
            if (state.Account?.ParentId is { } parent && parent != accountId)
            {
                await GrainFactory.GetGrain<IAccountHealthGrain>(parent).RemoveDescendantAsync(accountId);
            }
        }
    }

    public Task<RollupView?> GetRollupAsync()
    {
        var rollup = _scorer.Model.Rollup;
        var state = _state.State;
        var id = Id;
        if (rollup is null || !state.Descendants.Values.Any(d => d.ParentId == id))
        {
            return Task.FromResult<RollupView?>(null);
        }

        // The subtree: descendants whose chain of parents reaches this account (a report left behind by a move does not).
        var reachable = state.Descendants.Values.Where(d => Reaches(state, d, id)).ToList();
        var hierarchy = new AccountHierarchy(reachable.Select(d => (d.AccountId, (string?)d.ParentId)).Append((id, null)));
        var snapshots = reachable.ToDictionary(d => d.AccountId, d => d.Snapshot, StringComparer.Ordinal);
        var weights = reachable.ToDictionary(d => d.AccountId, d => d.Weight, StringComparer.Ordinal);
        var result = rollup.Compute(id, hierarchy, snapshots, child => weights.GetValueOrDefault(child, double.NaN));
        return Task.FromResult<RollupView?>(new RollupView
        {
            AccountId = id,
            Method = result.Method.ToString(),
            Score = result.Score,
            Share = result.Share,
            Band = result.Band.Id,
            Counted = result.Counted,
            DrivingChild = result.DrivingChild,
            Skipped = [.. result.Skipped.Select(s => s.ToString())],
            Children = [.. hierarchy.GetChildren(id).Order(StringComparer.Ordinal)],
        });
    }

    /// <summary>Tells the parent (and the old parent after a move) this account's latest health.</summary>
    private async Task ReportToParent(AccountGrainState state, HealthSnapshot snapshot)
    {
        var parent = state.Account?.ParentId;
        if (state.ReportedParent is { } old && old != parent)
        {
            await GrainFactory.GetGrain<IAccountHealthGrain>(old).RemoveDescendantAsync(Id);
            state.ReportedParent = null;
            await _state.WriteStateAsync();
        }

        if (parent is null || parent == Id)
        {
            return;
        }

        await GrainFactory.GetGrain<IAccountHealthGrain>(parent).ReportDescendantAsync(new DescendantReport
        {
            AccountId = Id,
            ParentId = parent,
            Snapshot = snapshot,
            Weight = state.Account?.Value ?? double.NaN,
        });

        if (state.ReportedParent != parent)
        {
            state.ReportedParent = parent;
            await _state.WriteStateAsync();
        }
    }

    private static bool Reaches(AccountGrainState state, DescendantReport report, string root)
    {
        var parent = report.ParentId;
        for (var step = 0; step <= MaxDepth; step++)
        {
            if (parent == root)
            {
                return true;
            }

            if (!state.Descendants.TryGetValue(parent, out var next))
            {
                return false;
            }

            parent = next.ParentId;
        }

        return false;
    }
}
