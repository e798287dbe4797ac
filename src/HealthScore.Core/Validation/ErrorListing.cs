using System.Globalization;
using System.Text;

namespace HealthScore.Core.Model;

/// <summary>The message of a <see cref="HealthModelException"/>: a heading, then one error a line.</summary>
internal static class ErrorListing
{
    public static string Format(IReadOnlyList<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var providersOnly = errors.Count > 0;
        foreach (var error in errors)
        {
            providersOnly &= error.Kind == ModelErrorKind.Provider;
        }

        var text = new StringBuilder();
        text.Append(providersOnly ? "The metric providers are invalid" : "The health model is invalid").Append(" (")
            .Append(errors.Count.ToString(CultureInfo.InvariantCulture))
            .Append(errors.Count == 1 ? " error):" : " errors):");
        foreach (var error in errors)
        {
            text.Append('\n').Append("  ").Append(error.ToString());
        }

        return text.ToString();
    }
}
