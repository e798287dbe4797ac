namespace HealthScore.Core.Model;

/// <summary>
/// The account facts the model's rules and message templates may read, beyond scores and metrics: numbers
/// (<c>account.seats</c>), flags, texts (<c>account.segment</c>, <c>account.name</c>) and consents
/// (<c>consent.email</c>). Names are letters, digits and underscores.
/// </summary>
public sealed class AccountDefinition
{
    /// <summary>Gets the names of numeric account fields.</summary>
    public List<string> Numbers { get; set; } = [];

    /// <summary>Gets the names of true/false account fields.</summary>
    public List<string> Flags { get; set; } = [];

    /// <summary>Gets the names of text account fields.</summary>
    public List<string> Texts { get; set; } = [];

    /// <summary>Gets the names of the consents actions may require.</summary>
    public List<string> Consents { get; set; } = [];
}
