namespace HealthScore.Core.Model;

/// <summary>Which check found a <see cref="ModelError"/>: they run in one pass, and every kind is reported together.</summary>
public enum ModelErrorKind
{
    /// <summary>The document is not well-formed JSON, or could not be read at all.</summary>
    Syntax,

    /// <summary>The JSON has the wrong shape: an unknown property, a value of the wrong type, a null where a value is needed, a number out of range.</summary>
    Shape,

    /// <summary>A value breaks a rule of the model: a weight that is not positive, a duplicate id, bands out of order, an unknown id.</summary>
    Value,

    /// <summary>A rule (<c>when</c>) does not parse or does not type-check; the error also gives the line and column inside the rule.</summary>
    Rule,

    /// <summary>An action's message template is malformed or names an unknown placeholder; the error also gives the line and column inside the template.</summary>
    Template,

    /// <summary>A metric provider's options are invalid, or the providers do not produce the metrics the model needs.</summary>
    Provider,
}
