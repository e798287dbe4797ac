namespace HealthScore.Core.Serialization;

/// <summary>The names an object of a document has given so far: a short list scanned while there are few, a set past that.</summary>
internal sealed class NameSet
{
    private const int ListLimit = 16;

    private readonly List<string> _few = [];
    private HashSet<string>? _many;

    /// <summary>Adds <paramref name="name"/>; returns false when it was there already.</summary>
    public bool Add(string name)
    {
        if (_many is not null)
        {
            return _many.Add(name);
        }

        foreach (var other in _few)
        {
            if (string.Equals(other, name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (_few.Count < ListLimit)
        {
            _few.Add(name);
            return true;
        }

        _many = new HashSet<string>(_few, StringComparer.Ordinal) { name };
        return true;
    }
}
