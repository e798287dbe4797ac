using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Model;

/// <summary>Which band or tier a value exactly on a threshold belongs to, and the letter-grade band scheme.</summary>
public sealed class ThresholdTests
{
    private static HealthModelBuilder Builder(ThresholdBoundary thresholds)
    {
        var builder = new HealthModelBuilder()
            .AddBand("at_risk", "At risk", "#C62828", 0).AddBand("watch", "Watch", "#F9A825", 40).AddBand("healthy", "Healthy", "#2E7D32", 70)
            .AddGroup("usage", "Usage", 1, g => g
                .AddMetric("adoption", "Adoption", new LinearScoring(0, 100))
                .AddMetric("tickets", "Open tickets", new TierScoring([new(0, 1), new(2, 0.5), new(5, 0)]), weight: 0.000001));
        builder.Definition.Thresholds = thresholds;
        return builder;
    }

    [Theory]
    [InlineData(ThresholdBoundary.IncludeLower, 40, "watch")]
    [InlineData(ThresholdBoundary.IncludeUpper, 40, "at_risk")]
    [InlineData(ThresholdBoundary.IncludeUpper, 41, "watch")]
    [InlineData(ThresholdBoundary.IncludeLower, 70, "healthy")]
    [InlineData(ThresholdBoundary.IncludeUpper, 70, "watch")]
    [InlineData(ThresholdBoundary.IncludeUpper, 0, "at_risk")]
    public void Score_OnABandThreshold_BandFollowsTheModelsBoundary(ThresholdBoundary thresholds, double adoption, string band)
    {
        var model = Builder(thresholds).Build();
        var values = model.CreateValues();
        values[model.GetMetric("adoption").Index] = adoption;

        var result = model.Score(values);

        Assert.Equal(adoption, result.Score);
        Assert.Equal(band, result.Band.Id);
        Assert.Equal(40, model.DefaultPhase.GetLowerBound(model.GetBand("watch")));
    }

    [Theory]
    [InlineData(ThresholdBoundary.IncludeLower, 2, 0.5)]
    [InlineData(ThresholdBoundary.IncludeUpper, 2, 1)]
    [InlineData(ThresholdBoundary.IncludeUpper, 2.5, 0.5)]
    [InlineData(ThresholdBoundary.IncludeLower, 5, 0)]
    [InlineData(ThresholdBoundary.IncludeUpper, 5, 0.5)]
    public void Score_OnATierThreshold_TierFollowsTheModelsBoundary(ThresholdBoundary thresholds, double tickets, double normalized)
    {
        var model = Builder(thresholds).Build();
        var values = model.CreateValues();
        values[model.GetMetric("tickets").Index] = tickets;
        var contributions = new MetricContribution[model.Metrics.Count];

        model.Score(values, model.DefaultPhase, contributions, []);

        Assert.Equal(normalized, contributions[model.GetMetric("tickets").Index].NormalizedValue);
    }

    [Fact]
    public void ScoreColumns_IncludeUpper_SameAsScoringOneByOne()
    {
        var model = Builder(ThresholdBoundary.IncludeUpper).Build();
        double[] adoption = [0, 40, 40, 70, 99.5, 12];
        double[] tickets = [0, 2, 5, 2.0000001, 5, 1];
        var columns = new double[adoption.Length * 2];
        adoption.CopyTo(columns, model.GetMetric("adoption").Index * adoption.Length);
        tickets.CopyTo(columns, model.GetMetric("tickets").Index * adoption.Length);
        var scores = new double[adoption.Length];

        model.ScoreColumns(columns, adoption.Length, model.DefaultPhase, scores);

        for (var i = 0; i < adoption.Length; i++)
        {
            var values = model.CreateValues();
            values[model.GetMetric("adoption").Index] = adoption[i];
            values[model.GetMetric("tickets").Index] = tickets[i];
            Assert.Equal(model.Score(values).Score, scores[i]);
        }
    }

    [Fact]
    public void Document_BandSchemeLetterGrades_OneLineGivesFiveGradesOverTheScale()
    {
        var definition = Builder(ThresholdBoundary.IncludeLower).Definition;
        definition.Bands.Clear();
        definition.BandScheme = BandScheme.LetterGrades;
        definition.Scale = new ScaleDefinition { Min = -50, Max = 50 };
        definition.BandExceptions.Add(new Core.Rules.RuleDefinition("no_adoption", "metrics.adoption == 0", "f"));
        var json = HealthModelDocument.Write(definition);

        var model = HealthModelDocument.Compile(json);
        var values = model.CreateValues();
        values[model.GetMetric("adoption").Index] = 85;

        Assert.Contains("\"bandScheme\": \"letterGrades\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"thresholds\"", json, StringComparison.Ordinal);
        Assert.Equal(["f", "d", "c", "b", "a"], model.Bands.Select(b => b.Id));
        Assert.Equal(["F", "D", "C", "B", "A"], model.Bands.Select(b => b.Label));
        Assert.Equal([-50, 10, 20, 30, 40], model.Bands.Select(b => model.DefaultPhase.GetLowerBound(b)));
        Assert.Equal("b", model.Score(values).Band.Id);
    }

    [Fact]
    public void Document_BandSchemeAndBands_ErrorAtBandScheme()
    {
        var definition = Builder(ThresholdBoundary.IncludeLower).Definition;
        definition.BandScheme = BandScheme.LetterGrades;

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(HealthModelDocument.Write(definition)));

        Assert.Equal("$.bandScheme", Assert.Single(error.Errors).Path);
        Assert.Contains("bands must be empty", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_Thresholds_RoundTripAndChangeTheHash()
    {
        var lower = Builder(ThresholdBoundary.IncludeLower).Definition;
        var upper = Builder(ThresholdBoundary.IncludeUpper).Definition;

        var json = HealthModelDocument.Write(upper);

        Assert.Contains("\"thresholds\": \"includeUpper\"", json, StringComparison.Ordinal);
        Assert.Equal(ThresholdBoundary.IncludeUpper, HealthModelDocument.Parse(json).Thresholds);
        Assert.NotEqual(HealthModel.Compile(lower).Hash, HealthModelDocument.Compile(json).Hash);
        Assert.Equal(HealthModel.Compile(lower).Hash, HealthModelDocument.Compile(HealthModelDocument.Write(lower)).Hash);
    }

    [Fact]
    public void Document_UnknownThresholds_LocatedError()
    {
        var json = HealthModelDocument.Write(Builder(ThresholdBoundary.IncludeLower).Definition).Replace("\"bands\": [", "\"thresholds\": \"exclusive\",\n  \"bands\": [", StringComparison.Ordinal);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Equal("$.thresholds", error.Errors[0].Path);
        Assert.NotNull(error.Errors[0].Line);
    }
}
