using System.Globalization;
using System.Text;

namespace HealthScore.Core.Rules;

/// <summary>
/// Thrown when one or more rules cannot be compiled. It carries every problem found in every rule, each with
/// the rule's id, line and column, so an author can fix them all in one pass.
/// </summary>
public sealed class RuleCompilationException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public RuleCompilationException(IReadOnlyList<RuleError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a generic message and no located errors.</summary>
    public RuleCompilationException()
        : this("The rules are invalid.")
    {
    }

    /// <summary>Creates the exception with a single message.</summary>
    /// <param name="message">What is wrong.</param>
    public RuleCompilationException(string message)
        : base(message)
    {
        Errors = [new RuleError(string.Empty, 0, 0, message)];
    }

    /// <summary>Creates the exception with a single message and the exception that caused it.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RuleCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new RuleError(string.Empty, 0, 0, message)];
    }

    /// <summary>Gets every problem found, in the order of the rules and of their text.</summary>
    public IReadOnlyList<RuleError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder();
        text.Append("The rules are invalid (")
            .Append(errors.Count.ToString(CultureInfo.InvariantCulture))
            .Append(errors.Count == 1 ? " error):" : " errors):");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error.ToString());
        }

        return text.ToString();
    }
}
