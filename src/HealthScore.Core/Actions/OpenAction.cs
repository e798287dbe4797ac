using System.Runtime.InteropServices;

namespace HealthScore.Core.Actions;

/// <summary>An action that is open (not yet done or dismissed) for the account: the input for de-duplication.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct OpenAction
{
    /// <summary>Creates an open action.</summary>
    /// <param name="actionIndex">The action's <see cref="ActionRule.Index"/> (see <see cref="ActionEngine.GetAction(string)"/>).</param>
    public OpenAction(int actionIndex) => ActionIndex = actionIndex;

    /// <summary>Gets the action's <see cref="ActionRule.Index"/>.</summary>
    public int ActionIndex { get; }
}
