namespace HealthScore.Core.Model;

/// <summary>
/// The few fixed words the library writes into explanations. Everything else a person reads comes from the
/// model's labels; override these to write explanations in the model's language.
/// </summary>
public sealed class TextsDefinition
{
    /// <summary>Gets or sets the word that introduces the score.</summary>
    /// <value>The default value is <c>Score</c>.</value>
    public string Score { get; set; } = "Score";

    /// <summary>Gets or sets the word for coverage.</summary>
    /// <value>The default value is <c>coverage</c>.</value>
    public string Coverage { get; set; } = "coverage";

    /// <summary>Gets or sets the heading of the metrics that cost the most points.</summary>
    /// <value>The default value is <c>hurts most</c>.</value>
    public string HurtsMost { get; set; } = "hurts most";

    /// <summary>Gets or sets the heading of the metrics that earn the most points.</summary>
    /// <value>The default value is <c>helps most</c>.</value>
    public string HelpsMost { get; set; } = "helps most";

    /// <summary>Gets or sets the word for a metric with no value.</summary>
    /// <value>The default value is <c>missing</c>.</value>
    public string Missing { get; set; } = "missing";

    /// <summary>Gets or sets the note for a missing metric whose weight was redistributed.</summary>
    /// <value>The default value is <c>excluded</c>.</value>
    public string Excluded { get; set; } = "excluded";

    /// <summary>Gets or sets the note for a missing metric that counted as a neutral or fixed value.</summary>
    /// <value>The default value is <c>assumed</c>.</value>
    public string Assumed { get; set; } = "assumed";

    /// <summary>Gets or sets the word that introduces a metric's best value.</summary>
    /// <value>The default value is <c>target</c>.</value>
    public string Target { get; set; } = "target";

    /// <summary>Gets or sets the unit of points.</summary>
    /// <value>The default value is <c>pts</c>.</value>
    public string Points { get; set; } = "pts";

    /// <summary>Gets or sets the word that introduces a score's change since the previous result.</summary>
    /// <value>The default value is <c>change</c>.</value>
    public string Change { get; set; } = "change";

    /// <summary>Gets or sets the heading of the metrics that moved the score.</summary>
    /// <value>The default value is <c>moved by</c>.</value>
    public string MovedBy { get; set; } = "moved by";

    /// <summary>Gets or sets the word used between two labels to show a move (previous band to current band).</summary>
    /// <value>The default value is <c>→</c>.</value>
    public string Arrow { get; set; } = "→";
}
