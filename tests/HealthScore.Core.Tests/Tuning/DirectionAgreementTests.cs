using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>
/// <c>evaluate</c> and <c>tune</c> must flag the same metrics on the same data: the metrics evaluation says the tuner
/// reverses are exactly the ones the tuner reverses, and a direction contradicted alone is the one whose own AUC the
/// tuner reports below one half.
/// </summary>
public sealed class DirectionAgreementTests
{
    public static TheoryData<string> Cases => new() { "telecom-churn-price", "synthetic" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EvaluateAndTune_FlagTheSameMetrics(string data)
    {
        var (definition, values, churned) = Load(data);
        var model = HealthModel.Compile(definition);

        var report = ModelEvaluation.Evaluate(model, values, [], churned, [], new EvaluationOptions { BootstrapSamples = 0, Baselines = false });
        var tuned = ModelTuner.Tune(definition, values, [], churned, [], new TuningOptions { Evaluation = { BootstrapSamples = 0, Baselines = false }, Calibration = null });

        var reversedByEvaluate = report.Metrics.Where(m => m.ReversalSupported == true).Select(m => m.Metric.Id).Order(StringComparer.Ordinal).ToArray();
        var reversedByTune = tuned.Metrics.Where(m => m.Reversed).Select(m => m.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(reversedByTune);
        Assert.Equal(reversedByTune, reversedByEvaluate);
        Assert.All(report.Metrics, m => Assert.NotNull(m.ReversalSupported));

        var contradictedByEvaluate = report.Metrics.Where(m => m.ContradictsDirection).Select(m => m.Metric.Id).Order(StringComparer.Ordinal);
        var contradictedByTune = tuned.Metrics.Where(m => m.OwnAuc < 0.5).Select(m => m.Id).Order(StringComparer.Ordinal);
        Assert.Equal(contradictedByTune, contradictedByEvaluate);
        foreach (var id in reversedByTune)
        {
            Assert.Contains(tuned.Notes, n => n.Contains($"'{id}'", StringComparison.Ordinal) && n.Contains("revers", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static (HealthModelDefinition Definition, double[] Values, bool[] Churned) Load(string data)
    {
        if (data == "synthetic")
        {
            var (values, churned) = SyntheticChurn.Generate(4000, 11);
            return (SyntheticChurn.Definition(), values, churned);
        }

        var definition = HealthModelDocument.Parse(File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", data + ".json")));
        var (telecomValues, telecomChurned, _) = TelecomChurnData.Load(HealthModel.Compile(definition));
        return (definition, telecomValues, telecomChurned);
    }
}
