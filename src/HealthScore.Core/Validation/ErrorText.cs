using System.Globalization;

namespace HealthScore.Core.Model;

/// <summary>How error messages quote what the author wrote: long values cut short, so a message stays readable whatever the input.</summary>
internal static class ErrorText
{
    /// <summary>The most characters of a value a message quotes.</summary>
    public const int QuoteLength = 60;

    /// <summary>Returns <paramref name="value"/> cut to <see cref="QuoteLength"/> characters, with its full length when cut.</summary>
    public static string Quote(string? value) => Quote(value, QuoteLength);

    /// <summary>Returns <paramref name="value"/> cut to <paramref name="length"/> characters, with its full length when cut.</summary>
    public static string Quote(string? value, int length)
    {
        if (value is null)
        {
            return string.Empty;
        }

        if (value.Length <= length)
        {
            return value;
        }

        // Never cut a surrogate pair in two.
        var cut = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return string.Create(CultureInfo.InvariantCulture, $"{value.AsSpan(0, cut)}… ({value.Length:N0} characters)");
    }
}
