using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Pipeline;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>The tuner weighs a categorical metric by its categories' scores and keeps the categories.</summary>
public sealed class CategoricalTuningTests
{
    [Fact]
    public void Tune_CategoricalMetricThatSeparatesChurners_GetsWeightAndKeepsItsCategories()
    {
        var definition = HealthModelDocument.Parse(OverTimeModel.Document());
        var random = new Random(7);
        const int Rows = 600;
        var values = new double[Rows * 2];
        var churned = new bool[Rows];
        for (var r = 0; r < Rows; r++)
        {
            // Usage is noise; red sentiment churns far more often than green.
            var sentiment = r % 3;
            values[r * 2] = random.NextDouble() * 10;
            values[(r * 2) + 1] = sentiment;
            churned[r] = random.NextDouble() < (sentiment == 2 ? 0.6 : sentiment == 1 ? 0.25 : 0.05);
        }

        var result = ModelTuner.Tune(definition, values, [], churned, []);
        var sentimentMetric = result.Definition.Groups[0].Metrics[1];
        var usageMetric = result.Definition.Groups[0].Metrics[0];

        var categories = Assert.IsType<CategoryScoring>(sentimentMetric.Scoring);
        Assert.Equal(["green", "yellow", "red"], categories.Categories.Select(c => c.Id));
        Assert.True(sentimentMetric.Weight > usageMetric.Weight, $"sentiment {sentimentMetric.Weight}, usage {usageMetric.Weight}");
    }
}
