using System.Collections.Frozen;

namespace HealthScore.Core.Metrics;

/// <summary>
/// The account a CRM knows: who it is, its contract and the flags it carries. Every property but
/// <see cref="Id"/> is optional; a provider that needs a missing property reports its metric as missing.
/// </summary>
public sealed class Account
{
    /// <summary>Gets the account's id in the host's system.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the account's display name.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Name { get; init; }

    /// <summary>Gets when the contract started (the registration date).</summary>
    /// <value>The default value is <see langword="null"/>: unknown.</value>
    public DateTimeOffset? ContractStart { get; init; }

    /// <summary>Gets when the contract is next up for renewal.</summary>
    /// <value>The default value is <see langword="null"/>: unknown.</value>
    public DateTimeOffset? RenewalDate { get; init; }

    /// <summary>Gets the number of seats (licences) the account pays for.</summary>
    /// <value>The default value is <see langword="null"/>: unknown.</value>
    public int? LicensedSeats { get; init; }

    /// <summary>Gets the account's value (for example annual recurring revenue), in the host's currency.</summary>
    /// <value>The default value is <see langword="null"/>: unknown.</value>
    public double? Value { get; init; }

    /// <summary>Gets the account's segment (for example "SMB" or "Enterprise").</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Segment { get; init; }

    /// <summary>Gets the id of the parent account, for roll-ups.</summary>
    /// <value>The default value is <see langword="null"/>: no parent.</value>
    public string? ParentId { get; init; }

    /// <summary>Gets the consents the account has given (for example "usage-analytics"), by name.</summary>
    /// <value>The default value is empty: no consent given.</value>
    public IReadOnlyList<string> Consents { get; init; } = [];

    /// <summary>Gets the host's own fields of the account, by name.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = FrozenDictionary<string, string>.Empty;
}
