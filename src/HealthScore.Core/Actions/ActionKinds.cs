namespace HealthScore.Core.Actions;

/// <summary>
/// The built-in action kinds: the four kinds of customer connection (respond, recommend, coach, automate) plus
/// escalate and celebrate. A model may define more kinds when compiling its <see cref="ActionEngine"/>.
/// </summary>
public static class ActionKinds
{
    /// <summary>Respond quickly to a need the customer stated.</summary>
    public const string Respond = "respond";

    /// <summary>Recommend a curated offering.</summary>
    public const string Recommend = "recommend";

    /// <summary>Coach behaviour towards the customer's own goal.</summary>
    public const string Coach = "coach";

    /// <summary>Act automatically before the customer asks.</summary>
    public const string Automate = "automate";

    /// <summary>Escalate to someone with more authority.</summary>
    public const string Escalate = "escalate";

    /// <summary>Thank or reward a healthy customer.</summary>
    public const string Celebrate = "celebrate";

    /// <summary>Gets the built-in kinds.</summary>
    public static IReadOnlyList<string> All { get; } = [Respond, Recommend, Coach, Automate, Escalate, Celebrate];
}
