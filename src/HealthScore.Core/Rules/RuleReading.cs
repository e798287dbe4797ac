using System.Globalization;
using System.Runtime.InteropServices;

namespace HealthScore.Core.Rules;

/// <summary>The value one identifier had when a rule was evaluated: the evidence that shows a person why it matched.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct RuleReading
{
    internal RuleReading(string identifier, double number, string? text)
    {
        Identifier = identifier;
        Number = double.IsFinite(number) && text is null ? number : null;
        Text = text;
    }

    /// <summary>Gets the identifier as written in the rule, for example <c>metrics.logins</c>.</summary>
    public string Identifier { get; }

    /// <summary>Gets the numeric value (1 or 0 for yes/no), or <see langword="null"/> when it is missing or the value is text.</summary>
    public double? Number { get; }

    /// <summary>Gets the text value (text fields, band and phase ids), or <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>Gets whether the identifier had no value.</summary>
    public bool IsMissing => Text is null && Number is null;

    /// <summary>Returns <c>identifier = value</c>, with <c>missing</c> for a missing value.</summary>
    /// <returns>The reading as text.</returns>
    public override string ToString() =>
        Identifier + " = " + (Text is not null ? "\"" + Text + "\"" : Number is { } number ? number.ToString("R", CultureInfo.InvariantCulture) : "missing");
}
