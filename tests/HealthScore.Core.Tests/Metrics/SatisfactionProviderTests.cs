using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class SatisfactionProviderTests
{
    private static readonly SatisfactionProvider Provider = new(new SatisfactionProviderOptions
    {
        Metrics =
        [
            new("nps", SatisfactionMeasure.Nps, 180),
            new("csat", SatisfactionMeasure.LatestCsat, 180),
            new("csat_mean", SatisfactionMeasure.MeanCsat, 180),
            new("ces", SatisfactionMeasure.MeanCes, 180),
            new("survey_response_rate", SatisfactionMeasure.ResponseRate, 180),
        ],
    });

    private static readonly AccountRecords Records = new() { Surveys = Sample.Surveys() };

    [Fact]
    public void Nps_SampleResponses_IsPromotersMinusDetractors()
        // answers 10, 9, 9, 7, 2: promoters 3, detractors 1 -> 100 * (3 - 1) / 5 = 40; the unanswered, edge and later ones do not count
        => Assert.Equal(40, Sample.Value(Provider, Records, "nps"), 9);

    [Fact]
    public void Nps_NoAnswers_IsMissingNotZero()
        => Assert.True(double.IsNaN(Sample.Value(Provider, new AccountRecords { Surveys = new[] { new SurveyResponse(Sample.DaysAgo(1), SurveyKind.Nps, double.NaN) }, Sources = RecordSources.Surveys }, "nps")));

    [Fact]
    public void LatestCsat_SampleResponses_TakesLatestAnswered()
        // answered 100 days back (5) and 10 days back (3); the unanswered one 9 days back is skipped -> 3
        => Assert.Equal(3, Sample.Value(Provider, Records, "csat"));

    [Fact]
    public void MeanCsat_SampleResponses_AveragesAnswers()
        // (5 + 3) / 2 = 4
        => Assert.Equal(4, Sample.Value(Provider, Records, "csat_mean"), 12);

    [Fact]
    public void MeanCes_SampleResponses_AveragesAnswers()
        // (2 + 5) / 2 = 3.5
        => Assert.Equal(3.5, Sample.Value(Provider, Records, "ces"), 12);

    [Fact]
    public void ResponseRate_SampleResponses_DividesAnsweredBySent()
        // in the window: 6 NPS (5 answered), 3 CSAT (2 answered), 2 CES -> 9 / 11
        => Assert.Equal(9.0 / 11, Sample.Value(Provider, Records, "survey_response_rate"), 12);
}
