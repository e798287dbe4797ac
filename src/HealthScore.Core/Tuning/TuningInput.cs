using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Tuning;

/// <summary>
/// The checks on what the tuner is given. Each failure is an <see cref="ArgumentException"/> for the parameter at
/// fault that says what was expected and what was found, and names the snapshot, fold or band where there is one,
/// with the closest id when an id is unknown, so the caller can fix the input without reading the tuner.
/// </summary>
internal static class TuningInput
{
    public static void CheckSnapshots(HealthModel model, ReadOnlySpan<double> values, ReadOnlySpan<string> phaseIds, ReadOnlySpan<bool> churned, ReadOnlySpan<double> accountValues, TuningOptions options)
    {
        var rows = churned.Length;
        if (values.Length != rows * model.Metrics.Count)
        {
            throw new ArgumentException($"Expected {rows} rows of {model.Metrics.Count} values (one per metric of model '{model.Id}'), {rows * model.Metrics.Count} in all; got {values.Length}.", nameof(values));
        }

        CheckAccountValues(accountValues, rows);
        if (!phaseIds.IsEmpty && phaseIds.Length != rows)
        {
            throw new ArgumentException($"Expected one phase id per snapshot ({rows}) or none; got {phaseIds.Length}.", nameof(phaseIds));
        }

        for (var i = 0; i < phaseIds.Length; i++)
        {
            if (!model.TryGetPhase(phaseIds[i] ?? string.Empty, out _))
            {
                var hint = phaseIds[i] is { } id ? IdSuggestions.Closest(id, model.Phases.Select(static p => p.Id)) : null;
                throw new ArgumentException($"Snapshot {i}: phase '{phaseIds[i]}' is not a phase of model '{model.Id}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}.", nameof(phaseIds));
            }
        }

        if (options.Folds < 2 || options.Segments is < 1 or > 64 || !(options.Penalty >= 0 && double.IsFinite(options.Penalty)) || options.MaxIterations < 1
            || !(options.MinimumWeightShare > 0 && options.MinimumWeightShare <= 0.1) || options.Evaluation is null)
        {
            throw new ArgumentException("Tuning options out of range: Folds ≥ 2, Segments 1–64, Penalty ≥ 0, MaxIterations ≥ 1, MinimumWeightShare in (0, 0.1], Evaluation set.", nameof(options));
        }

        foreach (var id in options.SinglePeaked)
        {
            if (!model.TryGetMetric(id ?? string.Empty, out var metric) || metric.IsCategorical)
            {
                throw new ArgumentException($"TuningOptions.SinglePeaked names '{id}', which is not a measured metric of model '{model.Id}'.{IdSuggestions.DidYouMean(id ?? string.Empty, model.Metrics.Where(static m => !m.IsCategorical).Select(static m => m.Id))}", nameof(options));
            }
        }

        var churners = 0;
        foreach (var c in churned)
        {
            churners += c ? 1 : 0;
        }

        if (churners < options.Folds || rows - churners < options.Folds)
        {
            throw new ArgumentException($"{options.Folds}-fold cross-validation needs at least {options.Folds} churners and {options.Folds} stayers; the snapshots have {churners} and {rows - churners}.", nameof(churned));
        }
    }

    /// <summary>Profile ids are optional, but when given there is one per snapshot, each a profile of the model (empty for its default profile).</summary>
    public static void CheckProfiles(HealthModel model, ReadOnlySpan<string> profileIds, int rows, TuningOptions options)
    {
        if (!profileIds.IsEmpty && profileIds.Length != rows)
        {
            throw new ArgumentException($"Expected one profile id per snapshot ({rows}) or none; got {profileIds.Length}.", nameof(profileIds));
        }

        for (var i = 0; i < profileIds.Length; i++)
        {
            if (!string.IsNullOrEmpty(profileIds[i]) && !model.TryGetProfile(profileIds[i], out _))
            {
                throw new ArgumentException(
                    model.Profiles.Count == 0
                        ? $"Snapshot {i}: profile '{profileIds[i]}', but model '{model.Id}' has no profiles."
                        : $"Snapshot {i}: profile '{profileIds[i]}' is not a profile of model '{model.Id}'.{IdSuggestions.DidYouMean(profileIds[i], model.Profiles.Select(static p => p.Id))}",
                    nameof(profileIds));
            }
        }

        if (options.MinimumProfileAccounts < 1 || options.MinimumProfileChurners < 1)
        {
            throw new ArgumentException("Tuning options out of range: MinimumProfileAccounts ≥ 1, MinimumProfileChurners ≥ 1.", nameof(options));
        }

        if (options.Profile is { } named)
        {
            if (!model.TryGetProfile(named, out _))
            {
                throw new ArgumentException(
                    model.Profiles.Count == 0
                        ? $"TuningOptions.Profile names '{named}', but model '{model.Id}' has no profiles."
                        : $"TuningOptions.Profile names '{named}', which is not a profile of model '{model.Id}'.{IdSuggestions.DidYouMean(named, model.Profiles.Select(static p => p.Id))}",
                    nameof(options));
            }

            if (options.BandTargets.Count > 0)
            {
                throw new ArgumentException($"Band targets move the model's bands, and tuning profile '{named}' alone changes only that profile's weights: tune without band targets, or without naming a profile.", nameof(options));
            }
        }
    }

    /// <summary>Account values are optional, but when given there is one per snapshot; the evaluation checks the same.</summary>
    public static void CheckAccountValues(ReadOnlySpan<double> accountValues, int rows)
    {
        if (!accountValues.IsEmpty && accountValues.Length != rows)
        {
            throw new ArgumentException($"Expected one account value per snapshot ({rows}) or none; got {accountValues.Length}.", nameof(accountValues));
        }
    }

    public static void CheckAggregation(HealthModelDefinition definition)
    {
        if (definition.Aggregation != Aggregation.WeightedMean)
        {
            throw new ArgumentException($"Model '{definition.Id}' combines its groups by {definition.Aggregation}; the tuner fits a weighted mean of groups only.", nameof(definition));
        }
    }

    /// <summary>Every fold must hold churners and stayers, or its AUC is undefined.</summary>
    public static void CheckFolds(int[] fold, bool[] churned, int folds)
    {
        var churners = new int[folds];
        var stayers = new int[folds];
        for (var i = 0; i < fold.Length; i++)
        {
            (churned[i] ? churners : stayers)[fold[i]]++;
        }

        for (var f = 0; f < folds; f++)
        {
            if (churners[f] == 0 || stayers[f] == 0)
            {
                throw new ArgumentException(
                    $"Fold {f + 1} of {folds} holds no {(churners[f] == 0 ? "churner" : "stayer")}: identical snapshots always share a fold, and the {(churners[f] == 0 ? "churners" : "stayers")} have fewer distinct snapshots than there are folds. Use fewer folds.",
                    nameof(churned));
            }
        }
    }

    public static void CheckBandSnapshots(HealthModel model, ReadOnlySpan<double> values, ReadOnlySpan<Phase> phases, ReadOnlySpan<bool> churned)
    {
        if (values.Length != churned.Length * model.Metrics.Count || (!phases.IsEmpty && phases.Length != churned.Length))
        {
            throw new ArgumentException($"Expected {churned.Length} rows of {model.Metrics.Count} values and one phase per row (or none); got {values.Length} values and {phases.Length} phases.", nameof(values));
        }
    }

    /// <summary>The target churn rate of each band of the model, by band index; <see langword="null"/> for a band without one.</summary>
    public static double?[] BandTargets(HealthModel model, IList<BandTarget> targets)
    {
        var bands = model.Bands;
        var targetOf = new double?[bands.Count];
        foreach (var target in targets)
        {
            if (target is null || !model.TryGetBand(target.BandId ?? string.Empty, out var band))
            {
                var hint = target?.BandId is { } id ? IdSuggestions.Closest(id, bands.Select(static b => b.Id)) : null;
                throw new ArgumentException($"Band target '{target?.BandId}' names no band of model '{model.Id}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}.", nameof(targets));
            }

            var index = band.Index;
            if (index == bands.Count - 1)
            {
                throw new ArgumentException($"Band '{band.Id}' is the best band: a target moves the bound of the band above it, and there is none.", nameof(targets));
            }

            if (!(target.MinimumChurnRate > 0 && target.MinimumChurnRate < 1))
            {
                throw new ArgumentException($"The churn target of band '{band.Id}' must be between 0 and 1 (exclusive); got {target.MinimumChurnRate.ToString(CultureInfo.InvariantCulture)}.", nameof(targets));
            }

            if (targetOf[index] is not null)
            {
                throw new ArgumentException($"Band '{band.Id}' has two targets; give each band at most one.", nameof(targets));
            }

            targetOf[index] = target.MinimumChurnRate;
        }

        double? previous = null;
        for (var b = 0; b < bands.Count; b++)
        {
            if (targetOf[b] is { } rate)
            {
                if (previous is { } higher && rate >= higher)
                {
                    throw new ArgumentException($"Band targets must fall from the worst band to the best; '{bands[b].Id}' asks for {rate.ToString(CultureInfo.InvariantCulture)} after {higher.ToString(CultureInfo.InvariantCulture)}.", nameof(targets));
                }

                previous = rate;
            }
        }

        return targetOf;
    }
}
