using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Tuning;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>
/// The tuner on seeded synthetic data with known structure (<see cref="SyntheticChurn"/>): it must find the reversed
/// effect, the single peak, the blanks that signal churn and the categories in the wrong order, and — judged on outer
/// folds it never saw — come within 0.01 of the better of a logistic regression and an unconstrained additive model.
/// </summary>
public sealed class SyntheticTuningTests
{
    private static readonly Lazy<(double[] Values, bool[] Churned)> Data = new(() => SyntheticChurn.Generate(4000, 11));

    private static readonly Lazy<TuningResult> Tuned = new(() =>
    {
        var (values, churned) = Data.Value;
        var options = new TuningOptions { SinglePeaked = { "utilisation" }, Evaluation = { BootstrapSamples = 0 } };
        return ModelTuner.Tune(SyntheticChurn.Definition(), values, [], churned, [], options);
    });

    [Fact]
    public void Tune_ReversedEffect_FoundInEveryFoldAndNoted()
    {
        var tickets = Tuned.Value.Metrics.Single(m => m.Id == "tickets");

        Assert.True(tickets.Reversed);
        Assert.True(tickets.OwnAuc < 0.5, $"own AUC {tickets.OwnAuc}");
        var scoring = Assert.IsType<PiecewiseLinearScoring>(tickets.ScoringAfter);
        Assert.True(scoring.Points[^1].Score > scoring.Points[0].Score, "more tickets now score better");
        var note = Assert.Single(Tuned.Value.Notes, n => n.StartsWith("Metric 'tickets' reversed to higher is better", StringComparison.Ordinal));
        Assert.Contains("in 5 of 5 training folds", note, StringComparison.Ordinal);
        Assert.True(Tuned.Value.CrossValidatedAucAfter > Tuned.Value.CrossValidatedAucWithFixedDirections, $"{Tuned.Value.CrossValidatedAucAfter} vs {Tuned.Value.CrossValidatedAucWithFixedDirections}");
        Assert.False(Tuned.Value.Metrics.Single(m => m.Id == "usage").Reversed);
        Assert.False(Tuned.Value.Metrics.Single(m => m.Id == "nps").Reversed);
    }

    [Fact]
    public void Tune_SinglePeakedEffect_FoundNearItsPeak()
    {
        var utilisation = Tuned.Value.Metrics.Single(m => m.Id == "utilisation");

        Assert.True(utilisation.SinglePeaked);
        var scoring = Assert.IsType<PeakedScoring>(utilisation.ScoringAfter);
        var peak = scoring.Points.First(p => p.Score == 1).Value;
        Assert.InRange(peak, 0.45, 0.75);
        Assert.Contains(Tuned.Value.Notes, n => n.StartsWith("Metric 'utilisation' is scored single-peaked", StringComparison.Ordinal));
        Assert.Equal(MetricDirection.HigherIsBetter, HealthModel.Compile(Tuned.Value.Definition).GetMetric("utilisation").Direction);
    }

    [Fact]
    public void Tune_SinglePeakedNotAskedFor_StaysMonotone()
    {
        var (values, churned) = Data.Value;
        var result = ModelTuner.Tune(SyntheticChurn.Definition(), values, [], churned, [], new TuningOptions { Evaluation = { BootstrapSamples = 0 } });

        Assert.All(result.Metrics, m => Assert.False(m.SinglePeaked, m.Id));
    }

    [Fact]
    public void Tune_BlanksThatSignalChurn_ScoreLowAndEveryAccountStaysScored()
    {
        var result = Tuned.Value;
        var nps = result.Metrics.Single(m => m.Id == "nps");

        Assert.InRange(nps.BlankScore!.Value, 0, 0.35);
        Assert.Equal(MissingDataPolicy.Fixed, result.Definition.Groups[1].Metrics[0].Missing);
        var population = result.Population!;
        Assert.Equal(4000, population.Accounts);
        Assert.Equal(population.ScoredBefore, population.Compared);
        Assert.True(population.ScoredAfter >= population.ScoredBefore);
        Assert.All(result.Folds, f => Assert.Equal(f.ScoredBefore, f.Compared));
    }

    [Fact]
    public void Tune_CategoriesInTheWrongOrder_EachGetsItsFittedScore()
    {
        var plan = Assert.IsType<CategoryScoring>(Tuned.Value.Definition.Groups[1].Metrics[1].Scoring);

        Assert.Equal(["basic", "pro", "enterprise"], plan.Categories.Select(c => c.Id));
        Assert.True(plan.Categories[2].Score > plan.Categories[1].Score && plan.Categories[1].Score > plan.Categories[0].Score, string.Join(", ", plan.Categories.Select(c => c.Score)));
    }

    [Fact]
    public void OuterFolds_TunedScoreWithinAHundredthOfTheBestBaseline()
    {
        var (values, churned) = Data.Value;
        var options = new TuningOptions { SinglePeaked = { "utilisation" }, Evaluation = { BootstrapSamples = 0 }, Calibration = null };
        var outer = OuterFoldHarness.Run(SyntheticChurn.Definition(), values, churned, options, folds: 3, seed: 5);

        // The harness's baselines are fitted on the same outer folds; the tuner only ever sees each fold's training part.
        Assert.True(outer.Tuned >= outer.Baselines.Best - 0.01, $"tuned {outer.Tuned:F4}, logistic {outer.Baselines.LogisticRegression:F4}, additive {outer.Baselines.Additive:F4}");
        Assert.True(outer.Tuned > outer.Given + 0.05, $"tuned {outer.Tuned:F4}, as given {outer.Given:F4}");
        Assert.InRange(outer.Tuned - outer.InnerEstimate, -0.02, 0.02);
    }

    [Fact]
    public void Tune_Cancelled_Throws()
    {
        var (values, churned) = Data.Value;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ModelTuner.Tune(SyntheticChurn.Definition(), values, [], churned, [], null, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => ModelEvaluation.Evaluate(HealthModel.Compile(SyntheticChurn.Definition()), values, [], churned, [], null, cancelled.Token));
    }
}

/// <summary>
/// An honest outer check of the tuner: stratified outer folds, the tuner run on each fold's training part only (its own
/// cross-validation inside), the tuned model scored on the held-out part over all its accounts (an account the tuned
/// model cannot score counts at the middle of the risk order), and the baselines fitted on the same outer folds.
/// </summary>
internal static class OuterFoldHarness
{
    public static (double Tuned, double Given, double InnerEstimate, BaselineComparison Baselines) Run(HealthModelDefinition definition, double[] values, bool[] churned, TuningOptions options, int folds, ulong seed)
    {
        var model = HealthModel.Compile(definition);
        var m = model.Metrics.Count;
        var fold = StratifiedFolds.Assign(values, m, [], churned, folds, seed);
        var snapshots = new LabelledSnapshots(values, [], churned, [], m);
        var tuned = new List<double>();
        var given = new List<double>();
        var inner = new List<double>();
        for (var f = 0; f < folds; f++)
        {
            var training = LabelledSnapshots.FoldRows(fold, f, inFold: false);
            var test = LabelledSnapshots.FoldRows(fold, f, inFold: true);
            var trainingValues = training.SelectMany(r => values.AsSpan(r * m, m).ToArray()).ToArray();
            var result = ModelTuner.Tune(definition, trainingValues, [], LabelledSnapshots.Select(churned, training), [], options);
            inner.Add(result.CrossValidatedAucAfter!.Value);
            var testChurned = LabelledSnapshots.Select(churned, test);
            tuned.Add(AllAccountsAuc(snapshots.Risk(HealthModel.Compile(result.Definition), test), testChurned));
            given.Add(AllAccountsAuc(snapshots.Risk(model, test), testChurned));
        }

        return (tuned.Average(), given.Average(), inner.Average(), Baselines.CrossValidate(model, snapshots, fold, folds, 100, default));
    }

    private static double AllAccountsAuc(double[] risk, bool[] churned)
    {
        var scored = risk.Where(double.IsFinite).OrderBy(static r => r).ToList();
        var middle = scored.Count == 0 ? 0 : scored[scored.Count / 2];
        return RocAuc.Compute(Array.ConvertAll(risk, r => double.IsFinite(r) ? r : middle), churned);
    }
}
