namespace HealthScore.Core.Tuning;

/// <summary>How many accounts of one band (or phase) churned.</summary>
public sealed class OutcomeRate
{
    internal OutcomeRate(string id, string label, int accounts, int churned, double? valueChurnRate)
    {
        Id = id;
        Label = label;
        Accounts = accounts;
        Churned = churned;
        ValueChurnRate = valueChurnRate;
    }

    /// <summary>Gets the band's or phase's id.</summary>
    public string Id { get; }

    /// <summary>Gets the band's or phase's label.</summary>
    public string Label { get; }

    /// <summary>Gets the number of accounts.</summary>
    public int Accounts { get; }

    /// <summary>Gets the number of those accounts that churned.</summary>
    public int Churned { get; }

    /// <summary>Gets the share of accounts that churned, or <see langword="null"/> when there are none.</summary>
    public double? ChurnRate => Accounts == 0 ? null : (double)Churned / Accounts;

    /// <summary>Gets the share of account value that churned, when account values were given.</summary>
    public double? ValueChurnRate { get; }

    /// <summary>
    /// Gets the mean churn rate the model's calibration expects for these accounts' scores (<see cref="Model.HealthModel.EstimateChurn"/>),
    /// to set against <see cref="ChurnRate"/>; <see langword="null"/> when the model is not calibrated or no account has a score.
    /// </summary>
    public double? ExpectedChurnRate { get; internal init; }
}
