using System.Globalization;
using HealthScore.Core.Metrics;

namespace HealthScore.Core.Rollups;

/// <summary>
/// Which account is whose parent, across a portfolio, at any depth: a company and its subsidiaries, a reseller and its
/// customers, a workspace and its teams. Built from (account id, parent id) pairs, and checked as a whole: every
/// account listed once, every parent in the portfolio, no cycle. Immutable; the order is the input's (children in
/// the order they were listed). Roll a model's health up it with <see cref="Rollup.ComputeAll"/>.
/// </summary>
/// <example>
/// <code>
/// var hierarchy = new AccountHierarchy([("acme", null), ("acme_de", "acme"), ("acme_fr", "acme")]);
/// </code>
/// </example>
public sealed class AccountHierarchy
{
    private readonly string[] _ids;
    private readonly int[] _parents;
    private readonly int[][] _children;
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<string>[] _childIds;

    /// <summary>Builds the hierarchy from each account's id and its parent's id.</summary>
    /// <param name="accounts">Every account of the portfolio once, with its parent's id (<see langword="null"/> or empty for none).</param>
    /// <exception cref="AccountHierarchyException">
    /// An account has no id or is listed more than once, names a parent that is not in the portfolio or itself, or
    /// accounts form a cycle; every problem is listed, with the ids involved.
    /// </exception>
    public AccountHierarchy(IEnumerable<(string AccountId, string? ParentId)> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var entries = accounts.ToArray();
        var problems = new List<string>();
        _index = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        var ids = new List<string>(entries.Length);
        var parentIds = new List<string?>(entries.Length);
        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var (id, parentId) = entries[i];
            if (string.IsNullOrEmpty(id))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"the account at position {i + 1} has no id"));
                continue;
            }

            listed[id] = listed.GetValueOrDefault(id) + 1;
            if (_index.TryAdd(id, ids.Count))
            {
                ids.Add(id);
                parentIds.Add(string.IsNullOrEmpty(parentId) ? null : parentId);
            }
        }

        foreach (var id in ids)
        {
            if (listed[id] > 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"account '{id}' is listed {listed[id]} times; list each account once"));
            }
        }

        _ids = [.. ids];
        _parents = new int[_ids.Length];
        for (var i = 0; i < _ids.Length; i++)
        {
            _parents[i] = -1;
            if (parentIds[i] is not { } parentId)
            {
                continue;
            }

            if (parentId == _ids[i])
            {
                problems.Add($"account '{parentId}' names itself as its parent");
            }
            else if (_index.TryGetValue(parentId, out var parent))
            {
                _parents[i] = parent;
            }
            else
            {
                problems.Add($"account '{_ids[i]}' names parent '{parentId}', which is not in the portfolio");
            }
        }

        FindCycles(problems);
        if (problems.Count > 0)
        {
            throw new AccountHierarchyException(problems);
        }

        var children = new List<int>[_ids.Length];
        var roots = new List<string>();
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_parents[i] < 0)
            {
                roots.Add(_ids[i]);
            }
            else
            {
                (children[_parents[i]] ??= []).Add(i);
            }
        }

        _children = Array.ConvertAll(children, c => c is null ? [] : c.ToArray());
        _childIds = Array.ConvertAll(_children, c => (IReadOnlyList<string>)Array.AsReadOnly(Array.ConvertAll(c, i => _ids[i])));
        Accounts = Array.AsReadOnly(_ids);
        Roots = roots.AsReadOnly();
        Parents = Array.AsReadOnly(Array.FindAll(_ids, id => _children[_index[id]].Length > 0));
    }

    /// <summary>Builds the hierarchy from the accounts' <see cref="Account.Id"/> and <see cref="Account.ParentId"/>.</summary>
    /// <param name="accounts">Every account of the portfolio once.</param>
    /// <exception cref="AccountHierarchyException">As for the (account id, parent id) constructor.</exception>
    public AccountHierarchy(IEnumerable<Account> accounts)
        : this((accounts ?? throw new ArgumentNullException(nameof(accounts))).Select(static a => (a.Id, a.ParentId)))
    {
    }

    /// <summary>Gets every account's id, in the order given.</summary>
    public IReadOnlyList<string> Accounts { get; }

    /// <summary>Gets the accounts that have no parent, in the order given.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Gets the accounts that have at least one child, in the order given: the accounts a roll-up is computed for.</summary>
    public IReadOnlyList<string> Parents { get; }

    /// <summary>Gets whether the portfolio holds an account.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <returns><see langword="true"/> when it was listed.</returns>
    public bool Contains(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return _index.ContainsKey(accountId);
    }

    /// <summary>Gets an account's parent.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <returns>The parent's id, or <see langword="null"/> for an account without a parent.</returns>
    /// <exception cref="KeyNotFoundException">The portfolio has no such account; the message suggests the closest id.</exception>
    public string? GetParent(string accountId) => _parents[IndexOf(accountId)] is var parent and >= 0 ? _ids[parent] : null;

    /// <summary>Gets an account's children, in the order they were listed.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <returns>The children's ids; empty for an account without children.</returns>
    /// <exception cref="KeyNotFoundException">The portfolio has no such account; the message suggests the closest id.</exception>
    public IReadOnlyList<string> GetChildren(string accountId) => _childIds[IndexOf(accountId)];

    internal string IdAt(int index) => _ids[index];

    internal int[] ChildrenOf(int index) => _children[index];

    internal int Count => _ids.Length;

    internal int IndexOf(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return _index.TryGetValue(accountId, out var index)
            ? index
            : throw new KeyNotFoundException($"The portfolio has no account '{accountId}'.{Model.IdSuggestions.DidYouMean(accountId, _ids)}");
    }

    /// <summary>The parents under <paramref name="root"/> (itself included), every parent after the parents below it.</summary>
    internal List<int> ParentsBottomUp(int root)
    {
        var order = new List<int>();
        var stack = new Stack<(int Node, int Next)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var children = _children[node];
            if (next < children.Length)
            {
                stack.Push((node, next + 1));
                stack.Push((children[next], 0));
            }
            else if (children.Length > 0)
            {
                order.Add(node);
            }
        }

        return order;
    }

    /// <summary>Follows every account's parents; a walk that comes back to an account it passed is a cycle, reported once from its first-listed account.</summary>
    private void FindCycles(List<string> problems)
    {
        var state = new byte[_ids.Length]; // 0 unvisited, 1 on the current walk, 2 done
        var walk = new List<int>();
        for (var start = 0; start < _ids.Length; start++)
        {
            walk.Clear();
            var node = start;
            while (node >= 0 && state[node] == 0)
            {
                state[node] = 1;
                walk.Add(node);
                node = _parents[node];
            }

            if (node >= 0 && state[node] == 1)
            {
                var cycle = walk.GetRange(walk.IndexOf(node), walk.Count - walk.IndexOf(node));
                var first = cycle.IndexOf(cycle.Min());
                var names = new List<string>(cycle.Count + 1);
                for (var i = 0; i <= cycle.Count; i++)
                {
                    names.Add("'" + _ids[cycle[(first + i) % cycle.Count]] + "'");
                }

                problems.Add($"accounts {string.Join(" → ", names)} form a cycle");
            }

            foreach (var visited in walk)
            {
                state[visited] = 2;
            }
        }
    }
}
