using System.Globalization;
using System.Runtime.InteropServices;

namespace HealthScore.Core.Rules;

/// <summary>The value one identifier had when a rule was evaluated: the evidence that shows a person why it matched.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct RuleReading
{
    // The number as a double, NaN when there is none: written without a branch, read as a nullable.
    private readonly double _number;

    internal RuleReading(string identifier, double number, string? text)
    {
        Identifier = identifier;
        _number = double.IsFinite(number) && text is null ? number : double.NaN;
        Text = text;
    }

    // A number reading of a value that is finite or NaN (as every loaded value is).
    private RuleReading(string identifier, double number)
    {
        Identifier = identifier;
        _number = number;
    }

    /// <summary>Gets the identifier as written in the rule, for example <c>metrics.logins</c>.</summary>
    public string Identifier { get; }

    /// <summary>Gets the numeric value (1 or 0 for yes/no), or <see langword="null"/> when it is missing or the value is text.</summary>
    public double? Number => double.IsNaN(_number) ? null : _number;

    /// <summary>Gets the text value (text fields, band and phase ids), or <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>Gets whether the identifier had no value.</summary>
    public bool IsMissing => Text is null && Number is null;

    /// <summary>A number reading of a value that is finite or NaN (missing), as the rule engine loads every value.</summary>
    internal static RuleReading OfLoaded(string identifier, double number) => new(identifier, number);

    /// <summary>Returns <c>identifier = value</c>, with <c>missing</c> for a missing value.</summary>
    /// <returns>The reading as text.</returns>
    public override string ToString() =>
        Identifier + " = " + (Text is not null ? "\"" + Text + "\"" : Number is { } number ? number.ToString("R", CultureInfo.InvariantCulture) : "missing");
}
