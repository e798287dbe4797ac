namespace HealthScore.Core.Tuning;

/// <summary>One cross-validation fold: the model before and the proposal fitted without the fold, both scored on it.</summary>
/// <param name="Fold">The fold's number, from 1.</param>
/// <param name="TrainingAccounts">The number of snapshots the proposal was fitted on.</param>
/// <param name="TestAccounts">The number of snapshots held out.</param>
/// <param name="TestChurned">The number of held-out snapshots that churned.</param>
/// <param name="AucBefore">The ROC AUC of the model as given on the held-out snapshots both models score; <see langword="null"/> when none of
/// those churners, or none of the stayers, has a score (too little coverage).</param>
/// <param name="AucAfter">The ROC AUC of the proposal on the held-out snapshots; <see langword="null"/> as for <paramref name="AucBefore"/>.</param>
/// <remarks>Both AUCs are over the held-out snapshots that both models score (<see cref="Compared"/>), so before and after are judged on the same accounts.</remarks>
public readonly record struct FoldResult(int Fold, int TrainingAccounts, int TestAccounts, int TestChurned, double? AucBefore, double? AucAfter)
{
    /// <summary>Gets how many held-out snapshots the model as given scores (the rest are insufficient data).</summary>
    public int ScoredBefore { get; init; }

    /// <summary>Gets how many held-out snapshots the fold's proposal scores.</summary>
    public int ScoredAfter { get; init; }

    /// <summary>Gets how many held-out snapshots both score: the accounts both AUCs are computed over.</summary>
    public int Compared { get; init; }
}
