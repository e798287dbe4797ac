namespace HealthScore.Core.Metrics;

/// <summary>
/// A survey sent to the account, and its answer. A record whose <paramref name="Score"/> is NaN is a survey that
/// was sent and not answered: it counts towards the response rate and nothing else.
/// </summary>
/// <param name="Time">When the survey was answered (or sent, when unanswered).</param>
/// <param name="Kind">Which survey.</param>
/// <param name="Score">The answer; NaN when not answered.</param>
/// <param name="Respondent">Who answered; <see langword="null"/> when anonymous.</param>
public readonly record struct SurveyResponse(DateTimeOffset Time, SurveyKind Kind, double Score, string? Respondent = null);
