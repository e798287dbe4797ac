using FsCheck.Xunit;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>Invariants of the scorer over generated accounts, on the B2B SaaS test model (every phase).</summary>
public sealed class ScoringPropertyTests
{
    private static readonly HealthModel Model = TestModels.Saas();

    // Generated integers become raw values in and around each metric's range; every seventh is missing or non-finite.
    private static double[] ValuesFrom(int[] seeds)
    {
        var values = Model.CreateValues();
        for (var i = 0; i < values.Length; i++)
        {
            var seed = seeds is { Length: > 0 } ? seeds[i % seeds.Length] + (i * 7919) : i;
            values[i] = (seed % 7) switch
            {
                0 => double.NaN,
                1 when seed % 3 == 0 => double.PositiveInfinity,
                _ => ((seed % 2001) - 200) / 10.0,
            };
        }

        return values;
    }

    private static Phase PhaseFrom(int seed) => Model.Phases[(int)((uint)seed % (uint)Model.Phases.Count)];

    [Property]
    public bool Score_AnyValues_InsideScaleAndFinite(int[] seeds, int phaseSeed)
    {
        var contributions = new MetricContribution[Model.Metrics.Count];
        var groups = new GroupScore[Model.Groups.Count];
        var result = Model.Score(ValuesFrom(seeds), PhaseFrom(phaseSeed), contributions, groups);

        var finite = contributions.All(c => double.IsFinite(c.PointsEarned) && double.IsFinite(c.PointsLost) && double.IsFinite(c.EffectiveWeight))
            && groups.All(g => g.Score is null || double.IsFinite(g.Score.Value));
        return finite && double.IsFinite(result.Coverage) && result.Coverage is >= 0 and <= 1
            && (result.Score is null || (result.Score >= Model.ScaleMin && result.Score <= Model.ScaleMax));
    }

    [Property]
    public bool Score_BetterValueForOneMetric_NeverLowersScore(int[] seeds, int phaseSeed, int metricSeed, byte step)
    {
        var values = ValuesFrom(seeds);
        var phase = PhaseFrom(phaseSeed);
        var metric = Model.Metrics[(int)((uint)metricSeed % (uint)values.Length)];
        if (!double.IsFinite(values[metric.Index]))
        {
            values[metric.Index] = 1;
        }

        var before = Model.Score(values, phase);
        var delta = (step + 1) / 20.0;
        values[metric.Index] += metric.Direction == MetricDirection.HigherIsBetter ? delta : -delta;
        var after = Model.Score(values, phase);

        // A bounded function may turn the better value into "missing"; monotonicity holds while the metric stays present.
        var stillPresent = after.Coverage >= before.Coverage - 1e-12;
        return !stillPresent || before.UnroundedScore is null || after.UnroundedScore is null
            || after.UnroundedScore >= before.UnroundedScore - 1e-9;
    }

    [Property(MaxTest = 1000)]
    public bool Score_AllWeightsScaled_ScoreUnchanged(int[] seeds, byte factorSeed)
    {
        var factor = 0.01 + (factorSeed * 0.5);
        var builder = TestModels.SaasBuilder();
        var definition = builder.Definition;
        definition.Phases.Clear();
        definition.DefaultPhase = null;
        foreach (var group in definition.Groups)
        {
            group.Weight *= factor;
            foreach (var metric in group.Metrics)
            {
                metric.Weight *= factor;
            }
        }

        var scaled = builder.Build();
        var baseline = TestModels.SaasBuilder();
        baseline.Definition.Phases.Clear();
        baseline.Definition.DefaultPhase = null;
        var values = ValuesFrom(seeds);
        var a = baseline.Build().Score(values);
        var b = scaled.Score(values);

        // Scaled weights round differently in the last bits, so compare the unrounded scores with a tolerance;
        // the rounded ones may then differ only when the unrounded score sits on a rounding boundary.
        if (a.UnroundedScore is null || b.UnroundedScore is null)
        {
            return a.UnroundedScore is null && b.UnroundedScore is null && Math.Abs(a.Coverage - b.Coverage) < 1e-12;
        }

        var onBoundary = Math.Abs((a.UnroundedScore.Value % 1) - 0.5) < 1e-9;
        return Math.Abs(a.UnroundedScore.Value - b.UnroundedScore.Value) < 1e-9
            && Math.Abs(a.Coverage - b.Coverage) < 1e-12
            && (a.Score == b.Score || onBoundary);
    }

    [Property]
    public bool Contributions_AddUpToTheScore(int[] seeds, int phaseSeed)
    {
        var contributions = new MetricContribution[Model.Metrics.Count];
        var result = Model.Score(ValuesFrom(seeds), PhaseFrom(phaseSeed), contributions, []);
        if (result.UnroundedScore is not { } unrounded)
        {
            return true;
        }

        var earned = contributions.Sum(c => c.PointsEarned);
        var total = contributions.Sum(c => c.PointsEarned + c.PointsLost);
        return Math.Abs(Model.ScaleMin + earned - unrounded) < 1e-9
            && Math.Abs(total - (Model.ScaleMax - Model.ScaleMin)) < 1e-9
            && result.Score == Math.Round(Model.ScaleMin + earned, Model.Decimals, MidpointRounding.AwayFromZero);
    }

    [Property]
    public bool Coverage_EveryMetricPresent_IsOne(int[] seeds, int phaseSeed)
    {
        var values = ValuesFrom(seeds);
        for (var i = 0; i < values.Length; i++)
        {
            // Keep each value finite and inside CSAT's bounded range (1..5) so nothing counts as missing.
            values[i] = double.IsFinite(values[i]) ? 1 + Math.Abs(values[i] % 4) : 3;
        }

        var result = Model.Score(values, PhaseFrom(phaseSeed));
        return result.Coverage == 1.0 && result.Score is not null;
    }
}
