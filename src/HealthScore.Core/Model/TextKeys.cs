using System.Collections.Frozen;

namespace HealthScore.Core.Model;

/// <summary>
/// The keys of the words the library itself writes into explanations and trends, with their English defaults.
/// A model's <c>texts</c> may override any of them, and may hold hosts' own words under a prefixed key
/// (<c>report.accounts</c>, <c>crm.statusColumn</c>), which the library keeps for the host to read.
/// </summary>
public static class TextKeys
{
    /// <summary>The word that introduces the score. Default: <c>Score</c>.</summary>
    public const string Score = "score";

    /// <summary>The word for coverage. Default: <c>coverage</c>.</summary>
    public const string Coverage = "coverage";

    /// <summary>The heading of the metrics that cost the most points. Default: <c>hurts most</c>.</summary>
    public const string HurtsMost = "hurtsMost";

    /// <summary>The heading of the metrics that earn the most points. Default: <c>helps most</c>.</summary>
    public const string HelpsMost = "helpsMost";

    /// <summary>The word for a metric with no value. Default: <c>missing</c>.</summary>
    public const string Missing = "missing";

    /// <summary>The note for a missing metric whose weight was redistributed. Default: <c>excluded</c>.</summary>
    public const string Excluded = "excluded";

    /// <summary>The note for a missing metric that counted as a neutral or fixed value. Default: <c>assumed</c>.</summary>
    public const string Assumed = "assumed";

    /// <summary>The word that introduces a metric's best value. Default: <c>target</c>.</summary>
    public const string Target = "target";

    /// <summary>The unit of points. Default: <c>pts</c>.</summary>
    public const string Points = "points";

    /// <summary>The word that introduces a score's change since the previous result. Default: <c>change</c>.</summary>
    public const string Change = "change";

    /// <summary>What a trend says when there is no change to give, because the earlier or the current result has no score. Default: <c>change unknown (no score to compare)</c>.</summary>
    public const string ChangeUnknown = "changeUnknown";

    /// <summary>The heading of the metrics that moved the score. Default: <c>moved by</c>.</summary>
    public const string MovedBy = "movedBy";

    /// <summary>The word between two labels to show a move (previous band to current band). Default: <c>→</c>.</summary>
    public const string Arrow = "arrow";

    /// <summary>The note that a trend compares results of two versions of the model. Default: <c>model changed</c>.</summary>
    public const string ModelChanged = "modelChanged";

    /// <summary>The note for a metric whose value is older than its maximum age, before the first day it counted as stale. Default: <c>stale since</c>.</summary>
    public const string StaleSince = "staleSince";

    /// <summary>The heading of the model's conditional points (adjustments) that changed the score. Default: <c>adjustments</c>.</summary>
    public const string Adjustments = "adjustments";

    /// <summary>The note that a person's override replaced the computed score, band or a metric value, before the author. Default: <c>overridden by</c>.</summary>
    public const string OverriddenBy = "overriddenBy";

    /// <summary>The word before the last day an override is valid. Default: <c>until</c>.</summary>
    public const string Until = "until";

    /// <summary>The word before the computed value an override replaced. Default: <c>computed</c>.</summary>
    public const string Computed = "computed";

    /// <summary>The note in a trend that an override of the score or band has ended since the earlier result. Default: <c>override ended</c>.</summary>
    public const string OverrideEnded = "overrideEnded";

    /// <summary>Gets the library's keys with their English defaults.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Score] = "Score",
        [Coverage] = "coverage",
        [HurtsMost] = "hurts most",
        [HelpsMost] = "helps most",
        [Missing] = "missing",
        [Excluded] = "excluded",
        [Assumed] = "assumed",
        [Target] = "target",
        [Points] = "pts",
        [Change] = "change",
        [ChangeUnknown] = "change unknown (no score to compare)",
        [MovedBy] = "moved by",
        [Arrow] = "→",
        [ModelChanged] = "model changed",
        [StaleSince] = "stale since",
        [Adjustments] = "adjustments",
        [OverriddenBy] = "overridden by",
        [Until] = "until",
        [Computed] = "computed",
        [OverrideEnded] = "override ended",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
