using HealthScore.Core.Model;

namespace HealthScore.Core.Hosting;

/// <summary>Describes a new model swapped in by <see cref="HealthModelSource"/>.</summary>
public sealed class HealthModelChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="previous">The model that served until now.</param>
    /// <param name="current">The model that serves from now on.</param>
    /// <param name="origin">Where the new model came from, for example the document's path.</param>
    public HealthModelChangedEventArgs(HealthModel previous, HealthModel current, string origin)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(origin);
        Previous = previous;
        Current = current;
        Origin = origin;
    }

    /// <summary>Gets the model that served until now.</summary>
    public HealthModel Previous { get; }

    /// <summary>Gets the model that serves from now on.</summary>
    public HealthModel Current { get; }

    /// <summary>Gets where the new model came from, for example the document's path.</summary>
    public string Origin { get; }
}
