using HealthScore.Core.Rules;

namespace HealthScore.Core.Actions;

/// <summary>A compiled action rule of an <see cref="ActionEngine"/>. Immutable.</summary>
public sealed class ActionRule
{
    internal ActionRule(int index, ActionDefinition definition, Rule condition, int consentIndex, int groupIndex, MessageTemplate? message)
    {
        Index = index;
        Id = definition.Id;
        Title = definition.Title;
        Kind = definition.Kind;
        Priority = definition.Priority;
        OwnerRole = definition.OwnerRole;
        Message = definition.Message;
        Consent = definition.Consent;
        CooldownTimes = definition.CooldownTimes;
        CooldownDays = definition.CooldownDays;
        AfterConsecutiveMatches = definition.AfterConsecutiveMatches;
        Deduplicate = definition.Deduplicate;
        Group = definition.Group;
        Condition = condition;
        ConsentIndex = consentIndex;
        GroupIndex = groupIndex;
        Template = message;
    }

    /// <summary>Gets the action's position in <see cref="ActionEngine.Rules"/> (declaration order): the index hosts store in history, open actions and consecutive-match counts.</summary>
    public int Index { get; }

    /// <summary>Gets the action's id.</summary>
    public string Id { get; }

    /// <summary>Gets the title a person reads.</summary>
    public string Title { get; }

    /// <summary>Gets the kind.</summary>
    public string Kind { get; }

    /// <summary>Gets the priority: lower numbers come first.</summary>
    public int Priority { get; }

    /// <summary>Gets the role that owns the action, or <see langword="null"/>.</summary>
    public string? OwnerRole { get; }

    /// <summary>Gets the message template, or <see langword="null"/>.</summary>
    public string? Message { get; }

    /// <summary>Gets the consent the action needs, or <see langword="null"/>.</summary>
    public string? Consent { get; }

    /// <summary>Gets how many times the action may fire per <see cref="CooldownDays"/>, or 0 for no cooldown.</summary>
    public int CooldownTimes { get; }

    /// <summary>Gets the length in days of the cooldown window.</summary>
    public double CooldownDays { get; }

    /// <summary>Gets how many consecutive evaluations the condition must hold before the action fires.</summary>
    public int AfterConsecutiveMatches { get; }

    /// <summary>Gets whether the action is held back while the same action is open.</summary>
    public bool Deduplicate { get; }

    /// <summary>Gets the rule group, or <see langword="null"/>.</summary>
    public string? Group { get; }

    /// <summary>Gets the compiled condition.</summary>
    public Rule Condition { get; }

    internal int ConsentIndex { get; }

    internal int GroupIndex { get; }

    internal MessageTemplate? Template { get; }

    /// <summary>Returns the action's id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => Id;
}
