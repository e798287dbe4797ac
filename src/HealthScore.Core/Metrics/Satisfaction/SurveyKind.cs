namespace HealthScore.Core.Metrics;

/// <summary>The kind of survey a response answers.</summary>
public enum SurveyKind
{
    /// <summary>Net Promoter Score: "how likely are you to recommend us", 0–10.</summary>
    Nps = 0,

    /// <summary>Customer satisfaction, on the host's scale (for example 1–5).</summary>
    Csat = 1,

    /// <summary>Customer effort score, on the host's scale (for example 1–7, lower is less effort).</summary>
    Ces = 2,
}
