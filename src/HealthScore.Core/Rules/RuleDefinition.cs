namespace HealthScore.Core.Rules;

/// <summary>
/// One ordered "when ... then ..." rule, as a model author writes it: used for phase rules (<c>Then</c> is a phase
/// id), profile rules (a profile id) and band exceptions (a band id).
/// </summary>
public sealed class RuleDefinition
{
    /// <summary>Creates an empty definition (for serializers).</summary>
    public RuleDefinition()
    {
    }

    /// <summary>Creates a definition.</summary>
    /// <param name="id">The rule's id, named in errors and results.</param>
    /// <param name="when">The condition, in the rule language.</param>
    /// <param name="then">What the rule chooses when its condition holds: a phase, profile or band id.</param>
    public RuleDefinition(string id, string when, string then)
    {
        Id = id;
        When = when;
        Then = then;
    }

    /// <summary>Gets or sets the rule's id, named in errors and results.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the condition, in the rule language (see <c>docs/rules.md</c>).</summary>
    public string When { get; set; } = string.Empty;

    /// <summary>Gets or sets what the rule chooses when its condition holds: a phase, profile or band id.</summary>
    public string Then { get; set; } = string.Empty;
}
