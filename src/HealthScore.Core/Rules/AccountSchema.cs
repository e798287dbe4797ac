namespace HealthScore.Core.Rules;

/// <summary>
/// Declares what rules may read about an account besides its scores: fields (<c>account.&lt;name&gt;</c>) and
/// consents (<c>consent.&lt;name&gt;</c>). Rules are type-checked against it when they are compiled, and the host
/// supplies the values per account in <see cref="RuleContext.Numbers"/>, <see cref="RuleContext.Texts"/> and
/// <see cref="RuleContext.Consents"/>, by the indexes this schema assigns. Immutable: declare fields with
/// <see cref="AccountSchemaBuilder"/>; a compiled model's schema comes from its document's <c>account</c> section.
/// </summary>
/// <example>
/// <code>
/// var schema = new AccountSchemaBuilder().AddText("name").AddText("segment").AddNumber("seats").AddConsent("email").Build();
/// </code>
/// </example>
public sealed class AccountSchema
{
    private readonly AccountField[] _fields;
    private readonly string[] _consents;

    internal AccountSchema(AccountField[] fields, string[] consents, int numberCount, int textCount)
    {
        _fields = fields;
        _consents = consents;
        NumberCount = numberCount;
        TextCount = textCount;
        Fields = Array.AsReadOnly(fields);
        Consents = Array.AsReadOnly(consents);
    }

    /// <summary>Gets a schema with no fields and no consents.</summary>
    public static AccountSchema Empty { get; } = new([], [], 0, 0);

    /// <summary>Gets the declared fields, in declaration order.</summary>
    public IReadOnlyList<AccountField> Fields { get; }

    /// <summary>Gets the declared consents; a consent's position is its index in <see cref="RuleContext.Consents"/>.</summary>
    public IReadOnlyList<string> Consents { get; }

    /// <summary>Gets how many entries <see cref="RuleContext.Numbers"/> needs (numbers and flags).</summary>
    public int NumberCount { get; }

    /// <summary>Gets how many entries <see cref="RuleContext.Texts"/> needs.</summary>
    public int TextCount { get; }

    /// <summary>Gets a declared field by name.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="field">The field, when declared.</param>
    /// <returns><see langword="true"/> when the schema declares it.</returns>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AccountField? field)
    {
        foreach (var candidate in _fields)
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

    /// <summary>Gets the position of a declared consent in <see cref="RuleContext.Consents"/>.</summary>
    /// <param name="name">The consent's name.</param>
    /// <returns>The index, or -1 when the schema does not declare it.</returns>
    public int IndexOfConsent(string name) => Array.IndexOf(_consents, name);

    /// <summary>Creates a buffer for <see cref="RuleContext.Numbers"/>, every value missing (NaN).</summary>
    /// <returns>A new array with <see cref="NumberCount"/> entries.</returns>
    public double[] CreateNumbers()
    {
        var numbers = new double[NumberCount];
        numbers.AsSpan().Fill(double.NaN);
        return numbers;
    }
}
