using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>The single-peaked scoring function: best in the middle, checked, read and written like the others.</summary>
public sealed class PeakedScoringTests
{
    private static PeakedScoring Utilisation() => new([new ScoringPoint(0.2, 0), new ScoringPoint(0.6, 1), new ScoringPoint(1, 0.4)]);

    [Fact]
    public void Normalize_RisesToThePeakAndFallsAfterIt()
    {
        var function = Utilisation().Compile();

        Assert.Equal([0, 0, 0.5, 1, 0.7, 0.4, 0.4], new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1, 3 }.Select(x => Math.Round(function.Normalize(x), 10)));
        Assert.Equal(MetricDirection.HigherIsBetter, function.Direction);
        Assert.Equal(0.6, function.Target);
    }

    [Theory]
    [InlineData("[{ \"value\": 0, \"score\": 0 }, { \"value\": 1, \"score\": 1 }]", "needs at least 3 points")]
    [InlineData("[{ \"value\": 0, \"score\": 0 }, { \"value\": 1, \"score\": 0.5 }, { \"value\": 2, \"score\": 1 }]", "the best value is at an end")]
    [InlineData("[{ \"value\": 0, \"score\": 0 }, { \"value\": 1, \"score\": 1 }, { \"value\": 2, \"score\": 0 }, { \"value\": 3, \"score\": 0.5 }]", "scores must rise to the best value and fall after it")]
    [InlineData("[{ \"value\": 0, \"score\": 0 }, { \"value\": 0, \"score\": 1 }, { \"value\": 2, \"score\": 0 }]", "must be greater than the previous point's value")]
    public void Validate_NotOnePeak_ClearError(string points, string message)
    {
        var json = $$"""
            { "bands": [ { "id": "low", "label": "Low", "color": "#C62828", "lowerBound": 0 } ],
              "groups": [ { "id": "g", "label": "G", "weight": 1, "metrics": [ { "id": "seats", "label": "Seats used", "scoring": { "type": "singlePeaked", "points": {{points}} } } ] } ] }
            """;

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path.Contains("groups[0].metrics[0].scoring.points", StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Document_SinglePeakedMetric_RoundTrips()
    {
        var definition = new HealthModelDefinition
        {
            Bands = [new BandDefinition { Id = "low", Label = "Low", Color = "#C62828", LowerBound = 0 }],
            Groups = [new GroupDefinition { Id = "g", Label = "G", Weight = 1, Metrics = [new MetricDefinition { Id = "seats", Label = "Seats used", Scoring = Utilisation() }] }],
        };

        var json = HealthModelDocument.Write(definition);
        var model = HealthModelDocument.Compile(json);

        Assert.Contains("\"type\": \"singlePeaked\"", json, StringComparison.Ordinal);
        Assert.Equal(json, HealthModelDocument.Write(HealthModelDocument.Parse(json)));
        Assert.Equal(100, model.Score([0.6]).Score);
        Assert.Equal(70, model.Score([0.8]).Score);
    }
}
