using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace HealthScore.Core.Rollups;

/// <summary>Roll-ups by parent id, enumerated in the order they were given (the hierarchy's order of parents).</summary>
internal sealed class RollupResults : IReadOnlyDictionary<string, RollupResult>
{
    private readonly RollupResult[] _results;
    private readonly Dictionary<string, RollupResult> _byId;

    public RollupResults(RollupResult[] results)
    {
        _results = results;
        _byId = results.ToDictionary(static r => r.AccountId, StringComparer.Ordinal);
    }

    public int Count => _results.Length;

    public IEnumerable<string> Keys => Array.ConvertAll(_results, static r => r.AccountId);

    public IEnumerable<RollupResult> Values => Array.AsReadOnly(_results);

    public RollupResult this[string key] =>
        _byId.TryGetValue(key, out var result)
            ? result
            : throw new KeyNotFoundException($"'{key}' has no roll-up: only accounts with children in the hierarchy have one.");

    public bool ContainsKey(string key) => _byId.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out RollupResult value) => _byId.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, RollupResult>> GetEnumerator()
    {
        foreach (var result in _results)
        {
            yield return new KeyValuePair<string, RollupResult>(result.AccountId, result);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
