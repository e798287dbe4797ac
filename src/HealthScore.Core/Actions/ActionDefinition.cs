namespace HealthScore.Core.Actions;

/// <summary>
/// An action rule as a model author writes it: when its condition holds, the action is proposed for the account,
/// unless consent, cooldown, de-duplication or "after N consecutive matches" holds it back.
/// </summary>
public sealed class ActionDefinition
{
    /// <summary>Gets or sets the action's id; it names the rule in errors and results. Required.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the title a person reads (from the model, in the team's language). Required.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Gets or sets the kind: one of <see cref="ActionKinds"/> or a kind declared when compiling.</summary>
    /// <value>The default value is <see cref="ActionKinds.Respond"/>.</value>
    public string Kind { get; set; } = ActionKinds.Respond;

    /// <summary>Gets or sets the priority: lower numbers come first.</summary>
    /// <value>The default value is 100.</value>
    public int Priority { get; set; } = 100;

    /// <summary>Gets or sets the role that owns the action, for example <c>csm</c>, or <see langword="null"/>.</summary>
    public string? OwnerRole { get; set; }

    /// <summary>
    /// Gets or sets the message template, or <see langword="null"/>. Placeholders are rule-language identifiers in
    /// braces (<c>{account.name}</c>, <c>{score}</c>, <c>{band}</c>, <c>{metrics.logins}</c>) or <c>{metric:&lt;id&gt;}</c>;
    /// <c>{{</c> and <c>}}</c> are literal braces. Rendered only on request.
    /// </summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets the condition, in the rule language. Required.</summary>
    public string When { get; set; } = string.Empty;

    /// <summary>Gets or sets the consent the action needs (a consent declared in the account schema), or <see langword="null"/>.</summary>
    public string? Consent { get; set; }

    /// <summary>Gets or sets how many times the action may fire per <see cref="CooldownDays"/>, or 0 for no cooldown.</summary>
    /// <value>The default value is 0.</value>
    public int CooldownTimes { get; set; }

    /// <summary>Gets or sets the length in days of the cooldown window.</summary>
    /// <value>The default value is 0.</value>
    public double CooldownDays { get; set; }

    /// <summary>Gets or sets how many consecutive evaluations (this one included) the condition must hold before the action fires.</summary>
    /// <value>The default value is 1.</value>
    public int AfterConsecutiveMatches { get; set; } = 1;

    /// <summary>Gets or sets whether the action is held back while the same action is open for the account.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Deduplicate { get; set; } = true;

    /// <summary>
    /// Gets or sets the rule group, or <see langword="null"/>. Within a group only the first matching action (in
    /// priority order) is proposed; the rest of the group is not evaluated.
    /// </summary>
    public string? Group { get; set; }
}
