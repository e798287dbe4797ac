using System.Collections.Concurrent;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Shared by the options validator and the model sources of one container: which models (by options name, the
/// empty name for the unkeyed one) are past start-up and being served.
/// </summary>
internal sealed class HealthScoringState
{
    private readonly ConcurrentDictionary<string, bool> _serving = new(StringComparer.Ordinal);

    public bool IsServing(string name) => _serving.ContainsKey(name);

    public void MarkServing(string name) => _serving[name] = true;
}
