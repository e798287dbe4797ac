namespace HealthScore.Core.Model;

/// <summary>
/// What the model allows of overrides — a person's replacement of an account's computed score, band or one
/// metric's value. The overrides themselves are account data (<see cref="Pipeline.HealthOverride"/>), passed with
/// each evaluation; they never change the model or its hash.
/// </summary>
public sealed class OverridePolicyDefinition
{
    /// <summary>Gets or sets whether overrides are applied. When <see langword="false"/>, every override is reported as not allowed and the computed values stand.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Allowed { get; set; } = true;

    /// <summary>
    /// Gets or sets the longest an override stays valid, in calendar days from the day it was set: one without an end,
    /// or with a later end, ends then.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: an override is valid until its own end, or for good.</value>
    public int? MaxValidityDays { get; set; }

    /// <summary>Gets or sets whether an override must carry a comment to be applied.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RequireComment { get; set; }
}
