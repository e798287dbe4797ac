using System.Text.Json;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Scoring;

public sealed class ScoringFunctionTests
{
    [Theory]
    [InlineData(0, 10, -5, 0)]
    [InlineData(0, 10, 0, 0)]
    [InlineData(0, 10, 2.5, 0.25)]
    [InlineData(0, 10, 10, 1)]
    [InlineData(0, 10, 99, 1)]
    [InlineData(30, 0, 6, 0.8)]
    [InlineData(30, 0, 45, 0)]
    public void Linear_Value_ClampedBetweenWorstAndBest(double worst, double best, double value, double expected)
    {
        var function = new LinearScoring(worst, best).Compile();

        Assert.Equal(expected, function.Normalize(value), 12);
        Assert.Equal(best > worst ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter, function.Direction);
        Assert.Equal(best, function.Target);
    }

    [Theory]
    [InlineData(1, 5, 3, 0.5)]
    [InlineData(1, 5, 0.5, double.NaN)]
    [InlineData(1, 5, 5.5, double.NaN)]
    [InlineData(5, 1, 2, 0.75)]
    public void BoundedLinear_OutsideRange_IsMissing(double worst, double best, double value, double expected)
    {
        var function = new BoundedLinearScoring(worst, best).Compile();

        Assert.Equal(expected, function.Normalize(value), 12);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 0.75)] // halfway from (1, 1) to (5, 0.5)
    [InlineData(9.5, 0.25)] // halfway from (5, 0.5) to (14, 0)
    [InlineData(30, 0)]
    public void PiecewiseLinear_Value_InterpolatesBetweenPoints(double value, double expected)
    {
        var function = new PiecewiseLinearScoring([new(1, 1), new(5, 0.5), new(14, 0)]).Compile();

        Assert.Equal(expected, function.Normalize(value), 12);
        Assert.Equal(MetricDirection.LowerIsBetter, function.Direction);
        Assert.Equal(1, function.Target);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(9.99, 0)]
    [InlineData(10, 0.6)]
    [InlineData(19, 0.6)]
    [InlineData(20, 1)]
    [InlineData(1000, 1)]
    public void Tiers_Value_ScoresItsTier(double value, double expected)
    {
        var function = new TierScoring([new(0, 0), new(10, 0.6), new(20, 1)]).Compile();

        Assert.Equal(expected, function.Normalize(value));
        Assert.Equal(20, function.Target);
    }

    [Fact]
    public void Logistic_Midpoint_ScoresHalfAndFollowsSteepnessSign()
    {
        var rising = new LogisticScoring(midpoint: 50, steepness: 0.1).Compile();
        var falling = new LogisticScoring(midpoint: 50, steepness: -0.1).Compile();

        Assert.Equal(0.5, rising.Normalize(50), 12);
        Assert.Equal(1 / (1 + Math.Exp(-1)), rising.Normalize(60), 12);
        Assert.Equal(1 / (1 + Math.Exp(1)), falling.Normalize(60), 12);
        Assert.Equal(0, rising.Normalize(-1e308), 12);
        Assert.Equal(MetricDirection.LowerIsBetter, falling.Direction);
    }

    [Theory]
    [InlineData(MetricDirection.HigherIsBetter, 50, 0.5)]
    [InlineData(MetricDirection.HigherIsBetter, 150, 1)]
    [InlineData(MetricDirection.HigherIsBetter, -3, 0)]
    [InlineData(MetricDirection.LowerIsBetter, 80, 1)]
    [InlineData(MetricDirection.LowerIsBetter, 200, 0.5)]
    public void TargetRatio_Value_IsRatioToTarget(MetricDirection direction, double value, double expected)
    {
        var function = new TargetRatioScoring(100, direction).Compile();

        Assert.Equal(expected, function.Normalize(value), 12);
    }

    [Fact]
    public void Score_CustomScoringFunction_PlugsInWithoutScorerChanges()
    {
        var model = new HealthModelBuilder()
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("g", "G", 1, g => g.AddMetric("flag", "Flag", new ThresholdScoring { Threshold = 3 }))
            .Build(CustomScoring.Types);

        Assert.Equal(100, model.Score([5]).Score);
        Assert.Equal(0, model.Score([1]).Score);
    }

    [Fact]
    public void Document_RegisteredCustomFunction_IsWrittenReadAndHashed()
    {
        var builder = new HealthModelBuilder()
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("g", "G", 1, g => g.AddMetric("flag", "Flag", new ThresholdScoring { Threshold = 3 }));
        var model = builder.Build(CustomScoring.Types);

        var json = HealthModelDocument.Write(builder.Definition, CustomScoring.Types);
        var read = HealthModelDocument.Compile(json, CustomScoring.Types);

        Assert.Contains("\"type\": \"threshold\"", json, StringComparison.Ordinal);
        Assert.Equal([.. ScoringFunctionTypes.Default.Names, "threshold"], CustomScoring.Types.Names);
        Assert.DoesNotContain("threshold", ScoringFunctionTypes.Default.Names);
        Assert.Equal(model.Hash, read.Hash);
        Assert.Equal(100, read.Score([5]).Score);
        builder.Definition.Groups[0].Metrics[0].Scoring = new ThresholdScoring { Threshold = 4 };
        Assert.NotEqual(model.Hash, builder.Build(CustomScoring.Types).Hash);
        Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));
    }

    [Fact]
    public void Document_UnknownCustomType_ListsTheRegisteredTypes()
    {
        var json = """
            { "groups": [ { "id": "g", "label": "G", "metrics": [ { "id": "m", "label": "M", "scoring": { "type": "treshold", "threshold": 1 } } ] } ],
              "bands": [ { "id": "all", "label": "All", "color": "#000000", "lowerBound": 0 } ] }
            """;

        var error = Assert.Single(Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json, CustomScoring.Types)).Errors);

        Assert.Equal("$.groups[0].metrics[0].scoring.type", error.Path);
        Assert.StartsWith("unknown scoring function type 'treshold'. Did you mean 'threshold'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnregisteredCustomFunction_IsALocatedError()
    {
        var definition = new HealthModelBuilder()
            .AddBand("all", "All", "#000000", 0)
            .AddGroup("g", "G", 1, g => g.AddMetric("flag", "Flag", new UnregisteredScoring()))
            .Definition;

        var error = Assert.Single(Assert.Throws<HealthModelException>(() => HealthModel.Compile(definition)).Errors);

        Assert.Equal("groups[0].metrics[0].scoring", error.Path);
        Assert.Contains("not registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_SameNameOrTypeTwice_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => CustomScoring.Types.With<ThresholdScoring>("threshold2", CustomScoringContext.Default));
        Assert.Throws<ArgumentException>(() => ScoringFunctionTypes.Default.With<ThresholdScoring>("linear", CustomScoringContext.Default));
        Assert.Throws<ArgumentException>(() => ScoringFunctionTypes.Default.With<ThresholdScoring>("Bad-Name", CustomScoringContext.Default));
    }

    private sealed class UnregisteredScoring : ScoringFunctionDefinition
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public override string Type => "unregistered";

        public override void Validate(string path, ICollection<ModelError> errors)
        {
        }

        public override ScoringFunction Compile() => throw new InvalidOperationException("An unregistered function is never compiled.");
    }
}
