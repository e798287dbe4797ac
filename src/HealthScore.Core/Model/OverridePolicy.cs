namespace HealthScore.Core.Model;

/// <summary>The compiled override policy of a model: whether overrides apply, how long at most, and whether they need a comment.</summary>
public sealed class OverridePolicy
{
    internal static readonly OverridePolicy Default = new(allowed: true, maxValidityDays: null, requireComment: false);

    internal OverridePolicy(bool allowed, int? maxValidityDays, bool requireComment)
    {
        Allowed = allowed;
        MaxValidityDays = maxValidityDays;
        RequireComment = requireComment;
    }

    /// <summary>Gets whether overrides are applied.</summary>
    public bool Allowed { get; }

    /// <summary>Gets the longest an override stays valid, in calendar days from the day it was set; <see langword="null"/> for no limit.</summary>
    public int? MaxValidityDays { get; }

    /// <summary>Gets whether an override needs a comment to be applied.</summary>
    public bool RequireComment { get; }
}
