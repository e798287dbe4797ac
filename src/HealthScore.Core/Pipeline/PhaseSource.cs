namespace HealthScore.Core.Pipeline;

/// <summary>Where the phase an account was judged in came from.</summary>
public enum PhaseSource
{
    /// <summary>No phase rule matched: the model's default phase.</summary>
    Default = 0,

    /// <summary>A phase rule of the model matched (see <see cref="AccountHealth.PhaseRule"/>).</summary>
    Rule = 1,

    /// <summary>The host supplied the phase (<see cref="AccountInput.Phase"/>).</summary>
    Given = 2,
}
