using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>The hand-written telecom model (docs/models/telecom-churn.json) evaluated on the real churn data.</summary>
public sealed class ModelEvaluationTests
{
    private static readonly Lazy<(HealthModel Model, EvaluationReport Report)> Evaluated = new(() =>
    {
        var model = HealthModelDocument.CompileFile(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.json"));
        var (values, churned, customerValue) = TelecomChurnData.Load(model);
        return (model, ModelEvaluation.Evaluate(model, values, [], churned, customerValue));
    });

    [Fact]
    public void Evaluate_HandWrittenTelecomModel_SeparatesChurners()
    {
        var report = Evaluated.Value.Report;

        // Measured: AUC 0.887 (95% bootstrap interval 0.872–0.901), value-weighted 0.925, top-decile lift 4.2.
        Assert.Equal(3150, report.Accounts);
        Assert.Equal(495, report.Churned);
        Assert.InRange(report.Auc!.Value, 0.88, 0.90);
        Assert.InRange(report.AucLower!.Value, 0.86, report.Auc.Value);
        Assert.InRange(report.AucUpper!.Value, report.Auc.Value, 0.91);
        Assert.InRange(report.ValueWeightedAuc!.Value, 0.91, 0.94);
        Assert.InRange(report.TopDecileLift!.Value, 3.8, 4.6);
    }

    [Fact]
    public void Evaluate_ChurnRatePerBand_FallsAsBandsRise()
    {
        var bands = Evaluated.Value.Report.Bands;

        Assert.Equal(["at_risk", "watch", "healthy", "insufficient_data"], bands.Select(b => b.Id));
        Assert.True(bands[0].ChurnRate > bands[1].ChurnRate && bands[1].ChurnRate > bands[2].ChurnRate);
        Assert.Equal(3150, bands.Sum(b => b.Accounts));
        Assert.Null(bands[3].ChurnRate);
    }

    [Theory]
    [InlineData("seconds_of_use", 0.79)]
    [InlineData("customer_value", 0.79)]
    [InlineData("frequency_of_use", 0.77)]
    [InlineData("distinct_called_numbers", 0.74)]
    [InlineData("complains", 0.69)]
    [InlineData("charge_amount", 0.68)]
    [InlineData("frequency_of_sms", 0.68)]
    [InlineData("subscription_length", 0.53)]
    public void Evaluate_EachMetric_MatchesTheDatasetsPublishedSingleColumnAuc(string metric, double published)
    {
        var evaluation = Evaluated.Value.Report.Metrics.Single(m => m.Metric.Id == metric);

        Assert.Equal(published, evaluation.Auc!.Value, 0.006);
        Assert.False(evaluation.ContradictsDirection);
        Assert.Equal(0, evaluation.MissingRate);
    }

    [Fact]
    public void Evaluate_CallFailures_FlaggedAsContradictingItsDirection()
    {
        // More call failures go with less churn here (they come with more calls): AUC 0.47 read as "fewer is better".
        var evaluation = Evaluated.Value.Report.Metrics.Single(m => m.Metric.Id == "call_failure");

        Assert.True(evaluation.ContradictsDirection);
        Assert.Equal(1 - 0.53, evaluation.Auc!.Value, 0.01);
    }

    [Fact]
    public void Evaluate_SameSeed_SameInterval()
    {
        var model = Evaluated.Value.Model;
        var (values, churned, _) = TelecomChurnData.Load(model);
        var options = new EvaluationOptions { BootstrapSamples = 200, Seed = 7 };

        var a = ModelEvaluation.Evaluate(model, values, [], churned, [], options);
        var b = ModelEvaluation.Evaluate(model, values, [], churned, [], options);

        Assert.Equal((a.AucLower, a.AucUpper), (b.AucLower, b.AucUpper));
        Assert.Null(a.ValueWeightedAuc);
    }

    [Fact]
    public void Evaluate_TelecomModel_BaselinesOnTheTunersFoldsAndTheTunersDirectionCheck()
    {
        var model = HealthModelDocument.CompileFile(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.json"));
        var (values, churned, _) = TelecomChurnData.Load(model);

        var report = ModelEvaluation.Evaluate(model, values, [], churned, [], new EvaluationOptions { BootstrapSamples = 0 });

        Assert.Equal(0.887, report.FoldAuc!.Value, 0.002);
        Assert.InRange(report.Baselines!.LogisticRegression!.Value, 0.92, 0.93);
        Assert.InRange(report.Baselines.Additive!.Value, 0.91, 0.925);
        var callFailure = report.Metrics.Single(m => m.Metric.Id == "call_failure");
        Assert.True(callFailure.ContradictsDirection);
        Assert.False(callFailure.ReversalSupported);
        Assert.All(report.Metrics, m => Assert.False(m.ReversalSupported, m.Metric.Id));
    }

    [Fact]
    public void Evaluate_PriceSensitiveModel_FlagsChargeLevelAsTheTunerReversesIt()
    {
        var model = HealthModelDocument.CompileFile(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn-price.json"));
        var (values, churned, _) = TelecomChurnData.Load(model);

        var report = ModelEvaluation.Evaluate(model, values, [], churned, [], new EvaluationOptions { BootstrapSamples = 0, Baselines = false });

        var charge = report.Metrics.Single(m => m.Metric.Id == "charge_amount");
        Assert.Equal(0.321, charge.Auc!.Value, 0.001);
        Assert.True(charge.ContradictsDirection && charge.ReversalSupported == true && charge.Flagged);
        Assert.Null(report.Baselines);
        Assert.Equal(["call_failure", "charge_amount"], report.Metrics.Where(m => m.Flagged).Select(m => m.Metric.Id));
    }
}
