namespace HealthScore.Core.Pipeline;

/// <summary>Where the profile an account was scored with came from.</summary>
public enum ProfileSource
{
    /// <summary>No profile rule matched: the model's default profile.</summary>
    Default = 0,

    /// <summary>A profile rule of the model matched (see <see cref="AccountHealth.ProfileRule"/>).</summary>
    Rule = 1,

    /// <summary>The host supplied the profile (<see cref="AccountInput.Profile"/>).</summary>
    Given = 2,
}
