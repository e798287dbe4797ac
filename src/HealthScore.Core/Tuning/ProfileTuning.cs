namespace HealthScore.Core.Tuning;

/// <summary>
/// What tuning did for one profile: how many snapshots belong to it, whether its weights were fitted on them, and the
/// cross-validated AUC of its scorecard before and after, over its own held-out snapshots.
/// </summary>
public sealed class ProfileTuning
{
    internal ProfileTuning(string id, string label, int accounts, int churned, IReadOnlyList<FoldResult> folds, IReadOnlyList<MetricTuning> metrics, string? notTuned)
    {
        Id = id;
        Label = label;
        Accounts = accounts;
        Churned = churned;
        Folds = folds;
        Metrics = metrics;
        NotTunedReason = notTuned;
        CrossValidatedAucBefore = ModelTuner.Mean(folds.Select(static f => f.AucBefore));
        CrossValidatedAucAfter = ModelTuner.Mean(folds.Select(static f => f.AucAfter));
    }

    /// <summary>Gets the profile's id.</summary>
    public string Id { get; }

    /// <summary>Gets the profile's label.</summary>
    public string Label { get; }

    /// <summary>Gets how many snapshots belong to the profile.</summary>
    public int Accounts { get; }

    /// <summary>Gets how many of them churned.</summary>
    public int Churned { get; }

    /// <summary>Gets whether the profile's weights were fitted on its own snapshots.</summary>
    public bool Tuned => NotTunedReason is null;

    /// <summary>Gets why the profile keeps its weights (too few snapshots or churners, or a group that is not a weighted mean), or <see langword="null"/> when it was tuned.</summary>
    public string? NotTunedReason { get; }

    /// <summary>
    /// Gets each fold's AUC of the profile's scorecard as given and as proposed, over the fold's held-out snapshots of
    /// the profile that both score. The proposal of a fold is fitted without the fold: the catalogue's functions (when
    /// they are tuned) and the profile's weights alike. A profile that keeps its weights is still scored with the fold's
    /// functions. Empty when there was nothing to cross-validate.
    /// </summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>Gets the mean held-out AUC of the profile as given, over the folds where it is defined.</summary>
    public double? CrossValidatedAucBefore { get; }

    /// <summary>Gets the mean held-out AUC of the profile as proposed, over the folds where it is defined.</summary>
    public double? CrossValidatedAucAfter { get; }

    /// <summary>Gets each metric the profile uses, in metric order, with its share of the profile's score before and after.</summary>
    public IReadOnlyList<MetricTuning> Metrics { get; }
}
