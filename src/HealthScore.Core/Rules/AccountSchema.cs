using System.Text.RegularExpressions;

namespace HealthScore.Core.Rules;

/// <summary>
/// Declares what rules may read about an account besides its scores: attributes (<c>account.&lt;name&gt;</c>) and
/// consents (<c>consent.&lt;name&gt;</c>). Rules are type-checked against it when they are compiled, and the host
/// supplies the values per account in <see cref="RuleContext.Numbers"/>, <see cref="RuleContext.Texts"/> and
/// <see cref="RuleContext.Consents"/>, by the indexes this schema assigns.
/// </summary>
/// <example>
/// <code>
/// var schema = new AccountSchema().AddText("name").AddText("segment").AddNumber("seats").AddConsent("email");
/// </code>
/// </example>
public sealed partial class AccountSchema
{
    private readonly List<AccountField> _attributes = [];
    private readonly List<string> _consents = [];
    private int _numberCount;
    private int _textCount;

    /// <summary>Gets the declared attributes, in declaration order.</summary>
    public IReadOnlyList<AccountField> Fields => _attributes;

    /// <summary>Gets the declared consents; a consent's position is its index in <see cref="RuleContext.Consents"/>.</summary>
    public IReadOnlyList<string> Consents => _consents;

    /// <summary>Gets how many entries <see cref="RuleContext.Numbers"/> needs (numbers and flags).</summary>
    public int NumberCount => _numberCount;

    /// <summary>Gets how many entries <see cref="RuleContext.Texts"/> needs.</summary>
    public int TextCount => _textCount;

    /// <summary>Declares a numeric attribute.</summary>
    /// <param name="name">The name rules use after <c>account.</c>.</param>
    /// <returns>This schema.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchema AddNumber(string name) => Add(name, AccountFieldType.Number);

    /// <summary>Declares a yes/no attribute.</summary>
    /// <param name="name">The name rules use after <c>account.</c>.</param>
    /// <returns>This schema.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchema AddFlag(string name) => Add(name, AccountFieldType.Flag);

    /// <summary>Declares a text attribute.</summary>
    /// <param name="name">The name rules use after <c>account.</c>.</param>
    /// <returns>This schema.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchema AddText(string name) => Add(name, AccountFieldType.Text);

    /// <summary>Declares a consent an account may give.</summary>
    /// <param name="name">The name rules and actions use after <c>consent.</c>.</param>
    /// <returns>This schema.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchema AddConsent(string name)
    {
        CheckName(name);
        if (_consents.Contains(name))
        {
            throw new ArgumentException($"Consent '{name}' is already declared.", nameof(name));
        }

        _consents.Add(name);
        return this;
    }

    /// <summary>Gets a declared attribute by name.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="field">The attribute, when declared.</param>
    /// <returns><see langword="true"/> when the schema declares it.</returns>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AccountField? field)
    {
        foreach (var candidate in _attributes)
        {
            if (candidate.Name == name)
            {
                field = candidate;
                return true;
            }
        }

        field = null;
        return false;
    }

    /// <summary>Creates a buffer for <see cref="RuleContext.Numbers"/>, every value missing (NaN).</summary>
    /// <returns>A new array with <see cref="NumberCount"/> entries.</returns>
    public double[] CreateNumbers()
    {
        var numbers = new double[_numberCount];
        numbers.AsSpan().Fill(double.NaN);
        return numbers;
    }

    private AccountSchema Add(string name, AccountFieldType type)
    {
        CheckName(name);
        if (TryGetField(name, out _))
        {
            throw new ArgumentException($"Account attribute '{name}' is already declared.", nameof(name));
        }

        var index = type == AccountFieldType.Text ? _textCount++ : _numberCount++;
        _attributes.Add(new AccountField(name, type, index));
        return this;
    }

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IdPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid name: use letters, digits and '_', not starting with a digit.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
