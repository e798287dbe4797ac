using System.Text;
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
        : base(BuildMessage(errors))
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

    private static string BuildMessage(IReadOnlyList<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder();
        text.Append("The metric providers are invalid (")
            .Append(errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(errors.Count == 1 ? " error):" : " errors):");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error.ToString());
        }

        return text.ToString();
    }
}
