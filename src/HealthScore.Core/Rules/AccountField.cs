namespace HealthScore.Core.Rules;

/// <summary>A field of the account declared in an <see cref="AccountSchema"/>, read by rules as <c>account.&lt;name&gt;</c>. Immutable.</summary>
public sealed class AccountField
{
    internal AccountField(string name, AccountFieldType type, int index)
    {
        Name = name;
        Type = type;
        Index = index;
    }

    /// <summary>Gets the name rules use after <c>account.</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the field's type.</summary>
    public AccountFieldType Type { get; }

    /// <summary>Gets the field's index in <see cref="RuleContext.Numbers"/> (numbers and flags) or <see cref="RuleContext.Texts"/> (text).</summary>
    public int Index { get; }

    /// <summary>Returns <c>account.name</c>.</summary>
    /// <returns>The identifier rules use.</returns>
    public override string ToString() => "account." + Name;
}
