namespace HealthScore.Core.Tuning;

/// <summary>One point of a reliability curve: accounts whose expected churn rate was about <see cref="Expected"/>, and how many churned.</summary>
/// <param name="Expected">The mean churn rate the calibration expected for the group.</param>
/// <param name="Observed">The share of the group that churned.</param>
/// <param name="Accounts">The accounts in the group.</param>
/// <param name="Churned">How many of them churned.</param>
public readonly record struct ReliabilityPoint(double Expected, double Observed, int Accounts, int Churned);
