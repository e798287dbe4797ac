using System.Globalization;

namespace HealthScore.Core.Rules;

/// <summary>One problem found in a rule: which rule, where in its text, and what to do about it.</summary>
public sealed class RuleError
{
    /// <summary>Creates an error.</summary>
    /// <param name="ruleId">The id of the rule (or action) the problem is in.</param>
    /// <param name="line">The 1-based line in the rule's text, or 0 when the problem is not in the text.</param>
    /// <param name="column">The 1-based column in the rule's text, or 0 when the problem is not in the text.</param>
    /// <param name="message">What is wrong and how to fix it, for a person to read.</param>
    public RuleError(string ruleId, int line, int column, string message)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(message);
        RuleId = ruleId;
        Line = line;
        Column = column;
        Message = message;
    }

    /// <summary>Gets the id of the rule (or action) the problem is in.</summary>
    public string RuleId { get; }

    /// <summary>Gets the 1-based line in the rule's text, or 0 when the problem is not in the text (for example a cooldown).</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column in the rule's text, or 0 when the problem is not in the text.</summary>
    public int Column { get; }

    /// <summary>Gets what is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <summary>Returns <c>rule 'id' (line L, column C): message</c>.</summary>
    /// <returns>The error as one line of text.</returns>
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"rule '{RuleId}' (line {Line}, column {Column}): {Message}")
        : $"rule '{RuleId}': {Message}";
}
