using System.Diagnostics;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tuning;
using Xunit.Abstractions;

namespace HealthScore.Core.Tests.Tuning;

public sealed class TimingProbe(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        using var stream = File.OpenRead(Path.Combine(TestPaths.RepositoryRoot(), "docs", "models", "telecom-churn.json"));
        var definition = HealthModelDocument.Read(stream);
        var model = HealthModel.Compile(definition);
        var (values, churned, _) = TelecomChurnData.Load(model);
        var snapshots = new LabelledSnapshots(values, [], churned, [], model.Metrics.Count);
        var sw = Stopwatch.StartNew();
        var fit = TuningFit.Fit(model, snapshots, snapshots.AllRows(), new TuningOptions(), new HashSet<string>());
        output.WriteLine($"fit {sw.ElapsedMilliseconds} ms; reversed {string.Join(",", model.Metrics.Where(m => fit.Evidence[m.Index].Reversed).Select(m => m.Id))}");
        sw.Restart();
        var fold = StratifiedFolds.Assign(values, model.Metrics.Count, [], churned, 5, 1);
        var b = Baselines.CrossValidate(model, snapshots, fold, 5, 100, default);
        output.WriteLine($"baselines {sw.ElapsedMilliseconds} ms {b}");
        sw.Restart();
        var ev = ModelEvaluation.Evaluate(model, values, [], churned, [], new EvaluationOptions { Baselines = false });
        output.WriteLine($"evaluate {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var r = ModelTuner.Tune(definition, values, [], churned, [], new TuningOptions { Evaluation = { BootstrapSamples = 0 } });
        output.WriteLine($"tune {sw.ElapsedMilliseconds} ms cv {r.CrossValidatedAucBefore} -> {r.CrossValidatedAucAfter} fixed {r.CrossValidatedAucWithFixedDirections}");
        foreach (var n in r.Notes) output.WriteLine(n);
        var (sv, sc) = SyntheticChurn.Generate(4000, 11);
        var o = OuterFoldHarness.Run(SyntheticChurn.Definition(), sv, sc, new TuningOptions { SinglePeaked = { "utilisation" }, Evaluation = { BootstrapSamples = 0 }, Calibration = null }, 3, 5);
        output.WriteLine($"synthetic outer {o}");
        var o2 = OuterFoldHarness.Run(SyntheticChurn.Definition(), sv, sc, new TuningOptions { KeepDirections = true, Evaluation = { BootstrapSamples = 0 }, Calibration = null }, 3, 5);
        output.WriteLine($"synthetic outer fixed directions, no peak {o2}");
        var t = OuterFoldHarness.Run(definition, values, churned, new TuningOptions { Evaluation = { BootstrapSamples = 0 }, Calibration = null }, 5, 3);
        output.WriteLine($"telecom outer {t}");
    }
}
