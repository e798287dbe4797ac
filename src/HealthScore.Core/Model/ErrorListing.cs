using System.Globalization;
using System.Text;

namespace HealthScore.Core.Model;

/// <summary>The message of an exception that carries a list of located errors: a heading, then one error a line.</summary>
internal static class ErrorListing
{
    public static string Format(string subject, IReadOnlyList<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder();
        text.Append(subject).Append(" (")
            .Append(errors.Count.ToString(CultureInfo.InvariantCulture))
            .Append(errors.Count == 1 ? " error):" : " errors):");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error.ToString());
        }

        return text.ToString();
    }
}
