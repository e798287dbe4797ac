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

        public void Measure(in AccountRecords records, MeasureSet measures, DateTimeOffset end, int days, Span<double> values)
        {
            var endTicks = end.UtcTicks;
            var windowTicks = days * TimeSpan.TicksPerDay;
            int sent = 0, answered = 0, npsAnswers = 0, promoters = 0, detractors = 0, csatAnswers = 0, cesAnswers = 0;
            double csatSum = 0, cesSum = 0, latestCsat = double.NaN;
            long latest = -1;
            foreach (ref readonly var s in records.Surveys.Span)
            {
                var ticks = s.Time.UtcTicks;
                if ((ulong)(endTicks - ticks) >= (ulong)windowTicks)
                {
                    continue; // outside (end - days, end]
                }

                sent++;
                var score = s.Score;
                if (!double.IsFinite(score))
                {
                    continue;
                }

                answered++;
                switch (s.Kind)
                {
                    case SurveyKind.Nps:
                        npsAnswers++;
                        promoters += score >= 9 ? 1 : 0;
                        detractors += score <= 6 ? 1 : 0;
                        break;
                    case SurveyKind.Csat:
                        csatAnswers++;
                        csatSum += score;
                        // The latest answer; of answers at the same time, the highest.
                        if (ticks > latest || (ticks == latest && score > latestCsat))
                        {
                            latest = ticks;
                            latestCsat = score;
                        }

                        break;
                    case SurveyKind.Ces:
                        cesAnswers++;
                        cesSum += score;
                        break;
                }
            }

            if (measures.Contains((int)SatisfactionMeasure.Nps))
            {
                values[(int)SatisfactionMeasure.Nps] = npsAnswers == 0 ? double.NaN : 100.0 * (promoters - detractors) / npsAnswers;
            }

            if (measures.Contains((int)SatisfactionMeasure.LatestCsat))
            {
                values[(int)SatisfactionMeasure.LatestCsat] = latestCsat;
            }

            if (measures.Contains((int)SatisfactionMeasure.MeanCsat))
            {
                values[(int)SatisfactionMeasure.MeanCsat] = csatAnswers == 0 ? double.NaN : csatSum / csatAnswers;
            }

            if (measures.Contains((int)SatisfactionMeasure.MeanCes))
            {
                values[(int)SatisfactionMeasure.MeanCes] = cesAnswers == 0 ? double.NaN : cesSum / cesAnswers;
            }

            if (measures.Contains((int)SatisfactionMeasure.ResponseRate))
            {
                values[(int)SatisfactionMeasure.ResponseRate] = sent == 0 ? double.NaN : (double)answered / sent;
            }
        }
    }
}
