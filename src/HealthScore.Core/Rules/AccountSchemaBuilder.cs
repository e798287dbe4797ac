using System.Text.RegularExpressions;
using HealthScore.Core.Model;

namespace HealthScore.Core.Rules;

/// <summary>Declares account fields and consents, then builds the immutable <see cref="AccountSchema"/> rules are compiled against.</summary>
/// <example>
/// <code>
/// var schema = new AccountSchemaBuilder().AddText("segment").AddNumber("seats").AddConsent("email").Build();
/// </code>
/// </example>
public sealed partial class AccountSchemaBuilder
{
    private readonly List<AccountField> _fields = [];
    private readonly List<string> _consents = [];
    private int _numberCount;
    private int _textCount;

    /// <summary>Declares a numeric field.</summary>
    /// <param name="name">The name rules use after <c>account.</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchemaBuilder AddNumber(string name) => Add(name, AccountFieldType.Number);

    /// <summary>Declares a yes/no field.</summary>
    /// <param name="name">The name rules use after <c>account.</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchemaBuilder AddFlag(string name) => Add(name, AccountFieldType.Flag);

    /// <summary>Declares a text field.</summary>
    /// <param name="name">The name rules use after <c>account.</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchemaBuilder AddText(string name) => Add(name, AccountFieldType.Text);

    /// <summary>Declares a consent an account may give.</summary>
    /// <param name="name">The name rules and actions use after <c>consent.</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is not an id or is already declared.</exception>
    public AccountSchemaBuilder AddConsent(string name)
    {
        var problem = Check(name, isConsent: true);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        _consents.Add(name);
        return this;
    }

    /// <summary>Builds the schema; later declarations on this builder do not change it.</summary>
    /// <returns>The schema.</returns>
    public AccountSchema Build() => new([.. _fields], [.. _consents], _numberCount, _textCount);

    /// <summary>Returns why <paramref name="name"/> cannot be declared, or null when it can.</summary>
    internal string? Check(string? name, bool isConsent)
    {
        if (name is null)
        {
            return "is null; give a name.";
        }

        if (name.Length > HealthModelLimits.MaxIdLength)
        {
            return HealthModelLimits.TooLong("a name", name.Length, HealthModelLimits.MaxIdLength);
        }

        if (!IdPattern().IsMatch(name))
        {
            return $"'{ErrorText.Quote(name)}' is not a valid name: use letters, digits and '_', not starting with a digit.";
        }

        if (isConsent ? _consents.Contains(name) : _fields.Exists(f => f.Name == name))
        {
            return isConsent ? $"consent '{name}' is already declared." : $"account field '{name}' is already declared.";
        }

        return null;
    }

    internal AccountSchemaBuilder Add(string name, AccountFieldType type)
    {
        var problem = Check(name, isConsent: false);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var index = type == AccountFieldType.Text ? _textCount++ : _numberCount++;
        _fields.Add(new AccountField(name, type, index));
        return this;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
