using System.Globalization;
using System.Text;

namespace HealthScore.Core.Pipeline;

/// <summary>One thing wrong with an account's data, and where: the source (a file name), the row, the field.</summary>
public sealed record AccountDataError
{
    /// <summary>Gets where the data came from (for example a file name), or <see langword="null"/>.</summary>
    public string? Source { get; init; }

    /// <summary>Gets the row (1-based, as an editor counts lines) in <see cref="Source"/>, or <see langword="null"/>.</summary>
    public long? Row { get; init; }

    /// <summary>Gets the field (or consent) at fault.</summary>
    public required string Field { get; init; }

    /// <summary>Gets what is wrong and what to do.</summary>
    public required string Message { get; init; }

    /// <summary>Returns the error as one line: <c>accounts.csv, row 3, field 'seats': 'ten' is not a number…</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Source is not null)
        {
            text.Append(Source).Append(", ");
        }

        if (Row is { } row)
        {
            text.Append(CultureInfo.InvariantCulture, $"row {row}, ");
        }

        return text.Append("field '").Append(Field).Append("': ").Append(Message).ToString();
    }
}

/// <summary>An account's data does not fit the model's account schema; <see cref="Errors"/> lists every problem found.</summary>
public sealed class AccountDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The problems, at least one.</param>
    public AccountDataException(IReadOnlyList<AccountDataError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every problem found, in the order the fields were read.</summary>
    public IReadOnlyList<AccountDataError> Errors { get; }

    private static string Describe(IReadOnlyList<AccountDataError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The account's data does not fit the model's account schema.",
            1 => errors[0].ToString(),
            _ => string.Create(CultureInfo.InvariantCulture, $"{errors.Count} problems with the account's data:") + Environment.NewLine
                + string.Join(Environment.NewLine, errors.Select(static e => "  " + e.ToString())),
        };
    }
}
