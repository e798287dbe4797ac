namespace HealthScore.Core.Tuning;

/// <summary>A band's proposed lower bound, and the churn the data shows for the band with it.</summary>
public sealed class BandProposal
{
    internal BandProposal(string id, string label, double currentLowerBound, double proposedLowerBound, double? target, int accounts, int churned)
    {
        Id = id;
        Label = label;
        CurrentLowerBound = currentLowerBound;
        ProposedLowerBound = proposedLowerBound;
        TargetChurnRate = target;
        Accounts = accounts;
        Churned = churned;
    }

    /// <summary>Gets the band's id.</summary>
    public string Id { get; }

    /// <summary>Gets the band's label.</summary>
    public string Label { get; }

    /// <summary>Gets the band's lower bound in the model.</summary>
    public double CurrentLowerBound { get; }

    /// <summary>Gets the proposed lower bound.</summary>
    public double ProposedLowerBound { get; }

    /// <summary>Gets the churn rate the band was asked to meet, or <see langword="null"/> when it had no target.</summary>
    public double? TargetChurnRate { get; }

    /// <summary>Gets the number of scored accounts that fall in the band with the proposed bounds.</summary>
    public int Accounts { get; }

    /// <summary>Gets the number of those accounts that churned.</summary>
    public int Churned { get; }

    /// <summary>Gets the churn rate of the band with the proposed bounds, or <see langword="null"/> when it is empty.</summary>
    public double? ChurnRate => Accounts == 0 ? null : (double)Churned / Accounts;

    /// <summary>Gets whether the band meets its target (always <see langword="true"/> without one).</summary>
    public bool TargetMet => TargetChurnRate is not { } target || (ChurnRate is { } rate && rate >= target);
}
