using System.Collections.Frozen;

namespace HealthScore.Core.Model;

/// <summary>
/// The words of a compiled model: the library's own (typed below, each with its English default unless the model
/// overrides it) and any host's words the model's <c>texts</c> holds under a prefixed key. Immutable.
/// </summary>
public sealed class ModelTexts
{
    private readonly FrozenDictionary<string, string> _texts;

    internal ModelTexts(IReadOnlyDictionary<string, string> definition)
    {
        var texts = new Dictionary<string, string>(TextKeys.Defaults, StringComparer.Ordinal);
        foreach (var (key, text) in definition)
        {
            texts[key] = text;
        }

        _texts = texts.ToFrozenDictionary(StringComparer.Ordinal);
        Score = _texts[TextKeys.Score];
        Coverage = _texts[TextKeys.Coverage];
        HurtsMost = _texts[TextKeys.HurtsMost];
        HelpsMost = _texts[TextKeys.HelpsMost];
        Missing = _texts[TextKeys.Missing];
        Excluded = _texts[TextKeys.Excluded];
        Assumed = _texts[TextKeys.Assumed];
        Target = _texts[TextKeys.Target];
        Points = _texts[TextKeys.Points];
        Change = _texts[TextKeys.Change];
        ChangeUnknown = _texts[TextKeys.ChangeUnknown];
        MovedBy = _texts[TextKeys.MovedBy];
        Arrow = _texts[TextKeys.Arrow];
        ModelChanged = _texts[TextKeys.ModelChanged];
        StaleSince = _texts[TextKeys.StaleSince];
        Adjustments = _texts[TextKeys.Adjustments];
        OverriddenBy = _texts[TextKeys.OverriddenBy];
        Until = _texts[TextKeys.Until];
        Computed = _texts[TextKeys.Computed];
        OverrideEnded = _texts[TextKeys.OverrideEnded];
    }

    /// <summary>Gets every text by key: the library's, with defaults filled in, and the hosts'.</summary>
    public IReadOnlyDictionary<string, string> All => _texts;

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

    /// <summary>Gets what a trend says when the earlier or the current result has no score.</summary>
    public string ChangeUnknown { get; }

    /// <summary>Gets the heading of the metrics that moved the score.</summary>
    public string MovedBy { get; }

    /// <summary>Gets the word between a previous and a current label.</summary>
    public string Arrow { get; }

    /// <summary>Gets the note that a trend compares results of two versions of the model.</summary>
    public string ModelChanged { get; }

    /// <summary>Gets the note for a metric whose value is older than its maximum age, before the first day it counted as stale.</summary>
    public string StaleSince { get; }

    /// <summary>Gets the heading of the model's conditional points (adjustments) that changed the score.</summary>
    public string Adjustments { get; }

    /// <summary>Gets the note that a person's override replaced the computed score, band or a metric value, before the author.</summary>
    public string OverriddenBy { get; }

    /// <summary>Gets the word before the last day an override is valid.</summary>
    public string Until { get; }

    /// <summary>Gets the word before the computed value an override replaced.</summary>
    public string Computed { get; }

    /// <summary>Gets the note in a trend that an override of the score or band has ended.</summary>
    public string OverrideEnded { get; }

    /// <summary>Gets a text by key, or <paramref name="defaultText"/> when the model has none: how a host reads its own words.</summary>
    /// <param name="key">The key, for example <c>report.accounts</c>.</param>
    /// <param name="defaultText">The host's default, used when the model does not set the key.</param>
    /// <returns>The text.</returns>
    public string Get(string key, string defaultText)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _texts.TryGetValue(key, out var text) ? text : defaultText;
    }
}
