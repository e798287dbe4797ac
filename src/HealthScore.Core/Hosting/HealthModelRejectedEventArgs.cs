using HealthScore.Core.Model;

namespace HealthScore.Core.Hosting;

/// <summary>Describes a new model document that <see cref="HealthModelSource"/> rejected; the last good model keeps serving.</summary>
public sealed class HealthModelRejectedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="current">The model that keeps serving.</param>
    /// <param name="origin">Where the rejected document came from, for example its path.</param>
    /// <param name="errors">Every problem found in the document.</param>
    public HealthModelRejectedEventArgs(HealthModel current, string origin, IReadOnlyList<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(errors);
        Current = current;
        Origin = origin;
        Errors = errors;
    }

    /// <summary>Gets the model that keeps serving.</summary>
    public HealthModel Current { get; }

    /// <summary>Gets where the rejected document came from, for example its path.</summary>
    public string Origin { get; }

    /// <summary>Gets every problem found in the document, each with its location.</summary>
    public IReadOnlyList<ModelError> Errors { get; }
}
