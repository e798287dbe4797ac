namespace HealthScore.Core.Metrics;

/// <summary>What <see cref="SatisfactionProvider"/> measures from survey responses.</summary>
public enum SatisfactionMeasure
{
    /// <summary>Account NPS over the window's answered NPS surveys: % promoters (9–10) − % detractors (0–6), −100 to 100; missing without answers.</summary>
    Nps = 0,

    /// <summary>The latest answered CSAT score in the window (the higher one when two share the latest time); missing without answers.</summary>
    LatestCsat = 1,

    /// <summary>The mean of the window's answered CSAT scores; missing without answers.</summary>
    MeanCsat = 2,

    /// <summary>The mean of the window's answered CES scores; missing without answers.</summary>
    MeanCes = 3,

    /// <summary>Answered surveys divided by all surveys (answered or not) in the window; missing when none was sent.</summary>
    ResponseRate = 4,
}
