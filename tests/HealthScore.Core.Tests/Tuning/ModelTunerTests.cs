using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;
using Xunit.Abstractions;

namespace HealthScore.Core.Tests.Tuning;

public sealed class ModelTunerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(8, 1.0)]
    [InlineData(8, 0.1)]
    [InlineData(12, 1.0)]
    [InlineData(16, 1.0)]
    [InlineData(4, 1.0)]
    public void Probe(int segments, double penalty)
    {
        var definition = HealthModelDocument.Read(File.OpenRead(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.json")));
        var model = HealthModel.Compile(definition);
        var (values, churned, _) = TelecomChurnData.Load(model);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var options = new TuningOptions { Segments = segments, Penalty = penalty };
        options.BandTargets.Add(new BandTarget("at_risk", 0.3));
        options.BandTargets.Add(new BandTarget("watch", 0.1));
        var result = ModelTuner.Tune(definition, values, [], churned, options);
        output.WriteLine($"{sw.ElapsedMilliseconds} ms  before {result.CrossValidatedAucBefore:F4} after {result.CrossValidatedAucAfter:F4} in-sample {result.After.Auc:F4}");
        foreach (var f in result.Folds) output.WriteLine(f.ToString());
        foreach (var m in result.Metrics) output.WriteLine($"{m.Id} {m.ShareBefore:P1} -> {m.ShareAfter:P1} {m.AtMinimum}");
        foreach (var b in result.Bands) output.WriteLine($"{b.Id} {b.CurrentLowerBound} -> {b.ProposedLowerBound} {b.Accounts} {b.ChurnRate:P1}");
        foreach (var n in result.Notes) output.WriteLine(n);
        output.WriteLine(HealthModelDocument.Write(result.Definition));
    }
}
