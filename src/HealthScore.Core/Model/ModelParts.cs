namespace HealthScore.Core.Model;

/// <summary>Everything the compiler builds for a <see cref="HealthModel"/>, handed to its constructor in one piece.</summary>
internal sealed record ModelParts(
    Metric[] Metrics,
    Group[] Groups,
    Band[] Bands,
    Band InsufficientData,
    Phase[] Phases,
    Phase DefaultPhase,
    ModelLayout Layout,
    ModelReport Report,
    Rules.AccountSchema Account,
    Rules.PhaseResolver PhaseRules,
    Rules.BandExceptions BandExceptions,
    Actions.ActionEngine Actions,
    Adjustment[] Adjustments,
    OverridePolicy Overrides,
    Profile[]? Profiles = null,
    Rules.ProfileResolver? ProfileRules = null,
    int[]? RuleGroups = null);
