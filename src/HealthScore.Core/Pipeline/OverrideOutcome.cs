using System.Runtime.InteropServices;

namespace HealthScore.Core.Pipeline;

/// <summary>An override passed with an account, and what became of it at the as-of date.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct OverrideOutcome
{
    internal OverrideOutcome(HealthOverride @override, OverrideStatus status, DateOnly? lastValidDay)
    {
        Override = @override;
        Status = status;
        LastValidDay = lastValidDay;
    }

    /// <summary>Gets the override.</summary>
    public HealthOverride Override { get; }

    /// <summary>Gets whether it was applied, and why not when it was not.</summary>
    public OverrideStatus Status { get; }

    /// <summary>Gets the last calendar day it is valid — its own end or the model's longest validity, whichever comes first; <see langword="null"/> when it has no end.</summary>
    public DateOnly? LastValidDay { get; }

    /// <summary>Gets whether the override was applied.</summary>
    public bool IsApplied => Status == OverrideStatus.Applied;
}
