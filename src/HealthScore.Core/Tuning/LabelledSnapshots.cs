using HealthScore.Core.Model;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Tuning;

/// <summary>
/// The labelled history the tuner learns from: each snapshot's metric values (row after row), phase id, outcome and
/// account value. Copied out of the caller's spans once, because every fold and the final fit read it again by row
/// index: a fold is a list of rows, not a copy of the data.
/// </summary>
internal sealed class LabelledSnapshots(double[] values, string[] phaseIds, bool[] churned, double[] accountValues, int metricCount)
{
    public double[] Values { get; } = values;

    /// <summary>Gets one phase id per snapshot, or empty for the model's default phase.</summary>
    public string[] PhaseIds { get; } = phaseIds;

    public bool[] Churned { get; } = churned;

    /// <summary>Gets one value per snapshot, or empty.</summary>
    public double[] AccountValues { get; } = accountValues;

    public int MetricCount { get; } = metricCount;

    /// <summary>Scores snapshots, each in its phase, or all in the model's default phase when <paramref name="phases"/> is empty.</summary>
    public static HealthResult[] Score(HealthModel model, ReadOnlySpan<double> values, ReadOnlySpan<Phase> phases, int count)
    {
        var results = new HealthResult[count];
        if (phases.IsEmpty)
        {
            model.ScoreBatch(values, model.DefaultPhase, results);
        }
        else
        {
            model.ScoreBatch(values, phases, results);
        }

        return results;
    }

    /// <summary>The result's risk, the negated unrounded score, so that a higher value means more likely to churn; NaN without a score.</summary>
    public static double Risk(in HealthResult result) => result.UnroundedScore is { } score ? -score : double.NaN;

    public static T[] Select<T>(T[] source, int[] rows) => Array.ConvertAll(rows, i => source[i]);

    /// <summary>The rows in fold <paramref name="f"/>, or, with <paramref name="inFold"/> false, the rows outside it.</summary>
    public static int[] FoldRows(int[] fold, int f, bool inFold)
    {
        var rows = new List<int>();
        for (var i = 0; i < fold.Length; i++)
        {
            if ((fold[i] == f) == inFold)
            {
                rows.Add(i);
            }
        }

        return [.. rows];
    }

    /// <summary>The given rows as labelled snapshots of their own, in that order.</summary>
    public LabelledSnapshots Subset(int[] rows)
    {
        var m = MetricCount;
        var values = new double[rows.Length * m];
        for (var r = 0; r < rows.Length; r++)
        {
            Values.AsSpan(rows[r] * m, m).CopyTo(values.AsSpan(r * m, m));
        }

        return new LabelledSnapshots(values, PhaseIds.Length == 0 ? [] : Select(PhaseIds, rows), Select(Churned, rows), AccountValues.Length == 0 ? [] : Select(AccountValues, rows), m);
    }

    public int[] AllRows() => Enumerable.Range(0, Churned.Length).ToArray();

    public Phase PhaseOf(HealthModel model, int row) => PhaseIds.Length == 0 ? model.DefaultPhase : model.GetPhase(PhaseIds[row]);

    /// <summary>One phase of <paramref name="model"/> per snapshot, or empty when the snapshots name none.</summary>
    public Phase[] Phases(HealthModel model) => PhaseIds.Length == 0 ? [] : Array.ConvertAll(PhaseIds, model.GetPhase);

    /// <summary>The risk of the given rows under <paramref name="model"/>; NaN where the model has no score.</summary>
    public double[] Risk(HealthModel model, int[] rows) => Array.ConvertAll(Results(model, rows), static r => Risk(r));

    /// <summary>The results of the given rows under <paramref name="model"/>, each in its phase.</summary>
    public HealthResult[] Results(HealthModel model, int[] rows)
    {
        var m = MetricCount;
        var values = new double[rows.Length * m];
        var phases = new Phase[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            Values.AsSpan(rows[r] * m, m).CopyTo(values.AsSpan(r * m, m));
            phases[r] = PhaseOf(model, rows[r]);
        }

        var results = new HealthResult[rows.Length];
        model.ScoreBatch(values, phases, results);
        return results;
    }

    /// <summary>Every snapshot's unrounded score under <paramref name="model"/>; NaN where the model has no score.</summary>
    public double[] UnroundedScores(HealthModel model) => Array.ConvertAll(Risk(model, AllRows()), static r => -r);

    public EvaluationReport Evaluate(HealthModel model, EvaluationOptions options) =>
        ModelEvaluation.Evaluate(model, Values, Phases(model), Churned, AccountValues, options.WithoutBaselines());
}
