namespace HealthScore.Core.Rules;

/// <summary>The type of an account field rules can read as <c>account.&lt;name&gt;</c>.</summary>
public enum AccountFieldType
{
    /// <summary>A number, read from <see cref="RuleContext.Numbers"/>; NaN or ±∞ means missing.</summary>
    Number = 0,

    /// <summary>A yes/no fact, read from <see cref="RuleContext.Numbers"/> as 1 (yes) or 0 (no); anything else reads as no.</summary>
    Flag = 1,

    /// <summary>Text, read from <see cref="RuleContext.Texts"/>; <see langword="null"/> means missing.</summary>
    Text = 2,
}
