namespace HealthScore.Core.Model;

/// <summary>The fixed words of a compiled model's explanations. Immutable copy of <see cref="TextsDefinition"/>.</summary>
public sealed class ModelTexts
{
    internal ModelTexts(TextsDefinition definition)
    {
        Score = definition.Score;
        Coverage = definition.Coverage;
        HurtsMost = definition.HurtsMost;
        HelpsMost = definition.HelpsMost;
        Missing = definition.Missing;
        Excluded = definition.Excluded;
        Assumed = definition.Assumed;
        Target = definition.Target;
        Points = definition.Points;
        Change = definition.Change;
        MovedBy = definition.MovedBy;
        Arrow = definition.Arrow;
    }

    /// <summary>Gets the word that introduces the score.</summary>
    public string Score { get; }

    /// <summary>Gets the word for coverage.</summary>
    public string Coverage { get; }

    /// <summary>Gets the heading of the metrics that cost the most points.</summary>
    public string HurtsMost { get; }

    /// <summary>Gets the heading of the metrics that earn the most points.</summary>
    public string HelpsMost { get; }

    /// <summary>Gets the word for a metric with no value.</summary>
    public string Missing { get; }

    /// <summary>Gets the note for a missing metric whose weight was redistributed.</summary>
    public string Excluded { get; }

    /// <summary>Gets the note for a missing metric that counted as a neutral or fixed value.</summary>
    public string Assumed { get; }

    /// <summary>Gets the word that introduces a metric's best value.</summary>
    public string Target { get; }

    /// <summary>Gets the unit of points.</summary>
    public string Points { get; }

    /// <summary>Gets the word that introduces a score's change.</summary>
    public string Change { get; }

    /// <summary>Gets the heading of the metrics that moved the score.</summary>
    public string MovedBy { get; }

    /// <summary>Gets the word between a previous and a current label.</summary>
    public string Arrow { get; }
}
