using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Thrown when a provider's options are invalid or a set of providers does not produce the metrics a model needs.
/// It carries every problem found, each with its location.
/// </summary>
public sealed class MetricProviderException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public MetricProviderException(IReadOnlyList<ModelError> errors)
        : base(ErrorListing.Format("The metric providers are invalid", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public MetricProviderException()
        : this([new ModelError(string.Empty, "The metric providers are invalid.")])
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    /// <param name="message">What is wrong.</param>
    public MetricProviderException(string message)
        : this([new ModelError(string.Empty, message)])
    {
    }

    /// <summary>Creates the exception with a single message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MetricProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ModelError(string.Empty, message)];
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<ModelError> Errors { get; } = [];
}
