namespace HealthScore.Core.Tuning;

/// <summary>
/// The population check: how many snapshots the model as given and the proposal each score (the rest are
/// "insufficient data"), and the AUC of both over the snapshots both score, so before and after compare the same accounts.
/// </summary>
/// <param name="Accounts">The snapshots.</param>
/// <param name="ScoredBefore">The snapshots the model as given scores.</param>
/// <param name="ScoredAfter">The snapshots the proposal scores; never fewer than <paramref name="ScoredBefore"/> of the same ones.</param>
/// <param name="Compared">The snapshots both score.</param>
/// <param name="AucBefore">The AUC of the model as given over <paramref name="Compared"/>.</param>
/// <param name="AucAfter">The AUC of the proposal over <paramref name="Compared"/> (in-sample: the cross-validated figure is the honest one).</param>
/// <param name="MinimumCoverageBefore">The model's minimum coverage.</param>
/// <param name="MinimumCoverageAfter">The proposal's minimum coverage (lower when the proposal had to keep accounts scored).</param>
public sealed record TuningPopulation(int Accounts, int ScoredBefore, int ScoredAfter, int Compared, double? AucBefore, double? AucAfter, double MinimumCoverageBefore, double MinimumCoverageAfter);
