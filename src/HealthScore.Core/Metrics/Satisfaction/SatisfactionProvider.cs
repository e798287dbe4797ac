using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Satisfaction metrics from survey responses: account NPS, latest or mean CSAT, mean CES, survey response rate.
/// An unanswered survey (NaN score) counts only towards the response rate. Immutable and thread-safe.
/// </summary>
public sealed class SatisfactionProvider : IMetricProvider
{
    private static readonly MeasureInfo[] Infos =
    [
        new("points", MetricDirection.HigherIsBetter, "Net Promoter Score (% promoters - % detractors)", IsCount: false, Windowed: true),
        new("score", MetricDirection.HigherIsBetter, "Latest CSAT answer", IsCount: false, Windowed: true),
        new("score", MetricDirection.HigherIsBetter, "Mean CSAT answer", IsCount: false, Windowed: true),
        new("score", MetricDirection.LowerIsBetter, "Mean CES answer", IsCount: false, Windowed: true),
        new("ratio", MetricDirection.HigherIsBetter, "Share of surveys answered", IsCount: false, Windowed: true),
    ];

    private readonly ProviderFrame<SatisfactionMeasure, Computer> _frame;

    /// <summary>Creates the provider with the default options.</summary>
    public SatisfactionProvider()
        : this(new SatisfactionProviderOptions())
    {
    }

    /// <summary>Creates the provider.</summary>
    /// <param name="options">The options; read, not kept.</param>
    /// <exception cref="HealthModelException">The options are invalid; every problem is listed.</exception>
    public SatisfactionProvider(SatisfactionProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _frame = new("satisfaction", options.Metrics, Infos, default(Computer));
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricDescriptor> Metrics => _frame.Metrics;

    /// <inheritdoc/>
    public void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination) => _frame.Compute(records, asOf, destination);

    private readonly struct Computer : IMeasureComputer<SatisfactionMeasure>
    {
        public RecordSources Source => RecordSources.Surveys;

        public double Measure(in AccountRecords records, SatisfactionMeasure measure, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var surveys = records.Surveys.Span;
            switch (measure)
            {
                case SatisfactionMeasure.Nps:
                {
                    int answers = 0, promoters = 0, detractors = 0;
                    foreach (ref readonly var s in surveys)
                    {
                        if (s.Kind == SurveyKind.Nps && double.IsFinite(s.Score) && window.Contains(s.Time))
                        {
                            answers++;
                            promoters += s.Score >= 9 ? 1 : 0;
                            detractors += s.Score <= 6 ? 1 : 0;
                        }
                    }

                    return answers == 0 ? double.NaN : 100.0 * (promoters - detractors) / answers;
                }

                case SatisfactionMeasure.LatestCsat:
                {
                    var found = false;
                    var latest = DateTimeOffset.MinValue;
                    var score = double.NaN;
                    foreach (ref readonly var s in surveys)
                    {
                        if (s.Kind == SurveyKind.Csat && double.IsFinite(s.Score) && window.Contains(s.Time)
                            && (!found || s.Time > latest || (s.Time == latest && s.Score > score)))
                        {
                            found = true;
                            latest = s.Time;
                            score = s.Score;
                        }
                    }

                    return score;
                }

                case SatisfactionMeasure.MeanCsat:
                    return Mean(surveys, SurveyKind.Csat, end, days);
                case SatisfactionMeasure.MeanCes:
                    return Mean(surveys, SurveyKind.Ces, end, days);
                case SatisfactionMeasure.ResponseRate:
                {
                    int sent = 0, answered = 0;
                    foreach (ref readonly var s in surveys)
                    {
                        if (window.Contains(s.Time))
                        {
                            sent++;
                            answered += double.IsFinite(s.Score) ? 1 : 0;
                        }
                    }

                    return sent == 0 ? double.NaN : (double)answered / sent;
                }

                default:
                    return double.NaN;
            }
        }

        private static double Mean(ReadOnlySpan<SurveyResponse> surveys, SurveyKind kind, DateTimeOffset end, int days)
        {
            var window = new ProviderKit.Window(end, days);
            var n = 0;
            var sum = 0.0;
            foreach (ref readonly var s in surveys)
            {
                if (s.Kind == kind && double.IsFinite(s.Score) && window.Contains(s.Time))
                {
                    n++;
                    sum += s.Score;
                }
            }

            return n == 0 ? double.NaN : sum / n;
        }
    }
}
