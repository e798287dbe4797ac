namespace HealthScore.Benchmarks;

/// <summary>An account's facts as a plain object, the way RulesEngine reads its input.</summary>
public sealed class RulesEngineInput
{
    /// <summary>Gets or sets the score (NaN when insufficient data).</summary>
    public double Score { get; set; }

    /// <summary>Gets or sets the band id.</summary>
    public string Band { get; set; } = string.Empty;

    /// <summary>Gets or sets the phase id.</summary>
    public string Phase { get; set; } = string.Empty;

    /// <summary>Gets or sets the coverage.</summary>
    public double Coverage { get; set; }

    /// <summary>Gets or sets the change since the previous score (NaN when unknown).</summary>
    public double Delta { get; set; }

    /// <summary>Gets or sets logins per week.</summary>
    public double Logins { get; set; }

    /// <summary>Gets or sets features used.</summary>
    public double Features { get; set; }

    /// <summary>Gets or sets the NPS.</summary>
    public double Nps { get; set; }

    /// <summary>Gets or sets open critical tickets.</summary>
    public double CriticalTickets { get; set; }

    /// <summary>Gets or sets days since the contract started.</summary>
    public double TenureDays { get; set; }

    /// <summary>Gets or sets days to renewal.</summary>
    public double DaysToRenewal { get; set; }

    /// <summary>Gets or sets licensed seats.</summary>
    public double Seats { get; set; }

    /// <summary>Gets or sets the segment.</summary>
    public string? Segment { get; set; }

    /// <summary>Gets or sets whether the account agreed to e-mail.</summary>
    public bool EmailConsent { get; set; }
}
