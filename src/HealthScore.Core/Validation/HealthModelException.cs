namespace HealthScore.Core.Model;

/// <summary>
/// Thrown when a health model, its rules, its message templates or the metric providers composed with it are
/// invalid: the library's one error exception. It carries every problem found, not just the first, each with its
/// kind and location, so an author can fix them all in one pass.
/// </summary>
public sealed class HealthModelException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public HealthModelException(IReadOnlyList<ModelError> errors)
        : base(ErrorListing.Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a single message and no located errors.</summary>
    public HealthModelException()
        : this([new ModelError(string.Empty, "The health model is invalid.")])
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    /// <param name="message">What is wrong.</param>
    public HealthModelException(string message)
        : this([new ModelError(string.Empty, message)])
    {
    }

    /// <summary>Creates the exception with a single message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HealthModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ModelError(string.Empty, message)];
    }

    /// <summary>Gets every problem found, in the order of the definition.</summary>
    public IReadOnlyList<ModelError> Errors { get; } = [];
}
