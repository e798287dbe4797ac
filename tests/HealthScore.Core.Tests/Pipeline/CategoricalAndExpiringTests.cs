using HealthScore.Core.Model;
using HealthScore.Core.Pipeline;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;
using static HealthScore.Core.Tests.Pipeline.OverTimeModel;

namespace HealthScore.Core.Tests.Pipeline;

/// <summary>Categorical metrics (named values, each with a score) and values that expire after a maximum age.</summary>
public sealed class CategoricalAndExpiringTests
{
    [Theory]
    [InlineData("green", 70)] // (3 × 0.6 + 1 × 1) / 4 = 0.7
    [InlineData("yellow", 58)] // (1.8 + 0.5) / 4 = 0.575 → 58
    [InlineData("red", 45)] // 1.8 / 4 = 0.45
    public void Evaluate_CategoricalSentiment_ScoresItsCategory(string sentiment, double expected)
    {
        var model = Compile();
        var health = Evaluate(model, 6, sentiment);

        Assert.Equal(expected, health.Result.Score);
    }

    [Fact]
    public void Metric_Categories_ExposeIdsLabelsAndValues()
    {
        var metric = Compile().GetMetric("sentiment");

        Assert.True(metric.IsCategorical);
        Assert.Equal(["green", "yellow", "red"], metric.Categories.Select(c => c.Id));
        Assert.Equal(2, metric.CategoryValue("red"));
        Assert.True(metric.TryGetCategory(1, out var yellow));
        Assert.Equal("Yellow", yellow.Label);
        Assert.False(metric.TryGetCategory(1.5, out _));
        Assert.False(metric.TryGetCategory(3, out _));
        var error = Assert.Throws<ArgumentException>(() => metric.CategoryValue("gren"));
        Assert.Contains("Did you mean 'green'?", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Compile().GetMetric("usage").CategoryValue("green"));
    }

    [Fact]
    public void Explain_CategoricalValue_ShowsTheCategoryLabel()
    {
        var model = Compile();

        var text = Evaluate(model, 6, "red").Explain();

        Assert.Contains("Sentiment Red", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ValueThatIsNoCategory_IsRejectedWithTheCategories()
    {
        var model = Compile();
        var values = Values(model, 6, null);
        values[model.GetMetric("sentiment").Index] = 1.5;

        var error = Assert.Throws<ArgumentException>(() => new HealthEngine(model).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values }));

        Assert.Contains("'sentiment'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 green, 1 yellow, 2 red", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_CategoricalMetric_RoundTripsAndKeepsItsHash()
    {
        var model = Compile();
        var written = HealthModelDocument.Write(HealthModelDocument.Parse(Document()));

        Assert.Contains("\"type\": \"categories\"", written, StringComparison.Ordinal);
        Assert.Equal(model.Hash, HealthModelDocument.Compile(written).Hash);
    }

    [Theory]
    [InlineData("\"categories\": [ { \"id\": \"green\", \"score\": 1 } ]", "$.groups[0].metrics[1].scoring.categories", "at least 2")]
    [InlineData("\"categories\": [ { \"id\": \"green\", \"score\": 1 }, { \"id\": \"green\", \"score\": 0 } ]", "$.groups[0].metrics[1].scoring.categories[1].id", "already a category")]
    [InlineData("\"categories\": [ { \"id\": \"green\", \"score\": 1.5 }, { \"id\": \"red\", \"score\": 0 } ]", "$.groups[0].metrics[1].scoring.categories[0].score", "between 0")]
    [InlineData("\"categories\": [ { \"id\": \"9green\", \"score\": 1 }, { \"id\": \"red\", \"score\": 0 } ]", "$.groups[0].metrics[1].scoring.categories[0].id", "must be an id")]
    public void Compile_BadCategories_AreLocated(string categories, string path, string message)
    {
        var json = Document().Replace(
            "\"categories\": [\n          { \"id\": \"green\", \"label\": \"Green\", \"score\": 1 },\n          { \"id\": \"yellow\", \"label\": \"Yellow\", \"score\": 0.5 },\n          { \"id\": \"red\", \"label\": \"Red\", \"score\": 0 } ]",
            categories,
            StringComparison.Ordinal);
        Assert.NotEqual(Document(), json);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_PhaseChangingTheCategories_IsRejected()
    {
        var json = Document(extra: """
            , "phases": [ { "id": "onboarding", "label": "Onboarding",
                "scoring": { "sentiment": { "type": "categories", "categories": [ { "id": "red", "score": 0 }, { "id": "green", "score": 1 } ] } } } ]
            """);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path == "$.phases[0].scoring.sentiment" && e.Message.Contains("same order", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(30, false)] // observed exactly 30 calendar days before: still valid
    [InlineData(31, true)]
    public void Evaluate_ValueOlderThanMaxAge_CountsAsMissingAndStale(int daysBefore, bool stale)
    {
        var model = Compile();
        var observed = SentimentObserved(model, AsOf.AddDays(-daysBefore));
        var health = new HealthEngine(model).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(model, 6, "green"), ObservedAt = observed });
        var sentiment = model.GetMetric("sentiment");

        if (stale)
        {
            // Only usage counts: 0.6 → 60, with three quarters of the weight on real data.
            Assert.Equal(60, health.Result.Score);
            Assert.Equal(0.75, health.Result.Coverage);
            Assert.Equal(new DateOnly(2026, 11, 24), health.GetStaleSince(sentiment));
            Assert.Contains("missing (excluded): Sentiment (stale since 2026-11-24)", health.Explain(), StringComparison.Ordinal);
            Assert.Equal(new DateOnly(2026, 11, 24), health.ToSnapshot().Stale["sentiment"]);
        }
        else
        {
            Assert.Equal(70, health.Result.Score);
            Assert.Null(health.GetStaleSince(sentiment));
            Assert.Empty(health.ToSnapshot().Stale);
        }
    }

    [Fact]
    public void Evaluate_ValueObservedAfterTheAsOfDate_IsRejected()
    {
        var model = Compile();
        var observed = SentimentObserved(model, AsOf.AddDays(2));

        var error = Assert.Throws<ArgumentException>(() => new HealthEngine(model).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(model, 6, "green"), ObservedAt = observed }));

        Assert.Contains("after the as-of date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ObservedAtOfTheWrongLength_IsRejected()
    {
        var model = Compile();

        var error = Assert.Throws<ArgumentException>(() => new HealthEngine(model).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = Values(model, 6, "green"), ObservedAt = new DateTimeOffset[1] }));

        Assert.Contains("ObservedAt has 1 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StaleValueWithoutOtherData_ReportsStaleInTheMissingList()
    {
        var model = Compile();
        var values = Values(model, double.NaN, "green");
        var health = new HealthEngine(model).Evaluate(new AccountInput { AsOf = AsOf, MetricValues = values, ObservedAt = SentimentObserved(model, AsOf.AddDays(-90)) });

        Assert.True(health.Result.Band.IsInsufficientData);
        Assert.Contains("Sentiment (stale since 2026-09-26)", health.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NegativeMaxAge_IsLocated()
    {
        var json = Document().Replace("\"maxAgeDays\": 30", "\"maxAgeDays\": -1", StringComparison.Ordinal);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path == "$.groups[0].metrics[1].maxAgeDays");
    }

    [Fact]
    public void CategoryScoring_InCode_ScoresByPosition()
    {
        var function = new CategoryScoring([new MetricCategory("gold", 1), new MetricCategory("silver", 0.6), new MetricCategory("bronze", 0.2)]).Compile();

        Assert.Equal(0.6, function.Normalize(1));
        Assert.True(double.IsNaN(function.Normalize(3)));
        Assert.True(double.IsNaN(function.Normalize(-1)));
        Assert.True(double.IsNaN(function.Normalize(0.5)));
    }

    [Theory]
    [InlineData("metrics.sentiment == \"red\"", "red", true)]
    [InlineData("metrics.sentiment == \"red\"", "green", false)]
    [InlineData("\"green\" != metrics.sentiment", "yellow", true)]
    [InlineData("metrics.sentiment in [\"yellow\", \"red\"]", "yellow", true)]
    [InlineData("metrics.sentiment in [\"yellow\", \"red\"]", "green", false)]
    [InlineData("metrics.sentiment == 2", "red", true)]
    public void Rule_CategoricalMetric_ComparesWithCategoryIds(string when, string sentiment, bool fires)
    {
        var model = HealthModelDocument.Compile(Document().Replace("\"when\": \"score < 50\"", $"\"when\": \"{when.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", StringComparison.Ordinal));

        var health = Evaluate(model, 9, sentiment);

        Assert.Equal(fires, health.Actions.Length == 1);
    }

    [Theory]
    [InlineData("metrics.sentiment == \"gren\"", "unknown category 'gren'. Did you mean 'green'?")]
    [InlineData("metrics.sentiment in [\"red\", \"blue\"]", "unknown category 'blue'")]
    [InlineData("metrics.sentiment < \"red\"", "categories can only be compared with")]
    [InlineData("metrics.usage == \"red\"", "cannot compare")]
    public void Rule_BadCategoryComparison_IsRejected(string when, string message)
    {
        var json = Document().Replace("\"when\": \"score < 50\"", $"\"when\": \"{when.Replace("\"", "\\\"", StringComparison.Ordinal)}\"", StringComparison.Ordinal);

        var error = Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(json));

        Assert.Contains(error.Errors, e => e.Path == "$.actions[0].when" && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
