using System.Globalization;
using HealthScore.Core.Metrics;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Pipeline;

/// <summary>
/// What an account is, as the model's account schema declares it: number, flag and text fields, consents, and the
/// contract dates behind <c>tenure_days</c> and <c>days_to_renewal</c>. Fill it with the typed setters, or read it
/// from an <see cref="Account"/>, a dictionary or a CSV row with <see cref="Read(IEnumerable{KeyValuePair{string, string}}, string?, long?, bool)"/>,
/// which parses each value by its declared type and reports every wrong type or unknown field with its place.
/// Reusable: <see cref="Clear"/> it and fill it again for the next account; the typed setters allocate nothing.
/// Not thread-safe.
/// </summary>
/// <example>
/// <code>
/// var facts = new AccountFacts(model.Account);
/// facts.Read(new Dictionary&lt;string, string&gt; { ["segment"] = "Enterprise", ["seats"] = "120" });
/// facts.SetConsent("email");
/// facts.ContractStart = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);
/// </code>
/// </example>
public sealed class AccountFacts
{
    private readonly double[] _numbers;
    private readonly string?[] _texts;
    private readonly bool[] _consents;

    /// <summary>Creates empty facts for a schema: every field missing, no consent given.</summary>
    /// <param name="schema">The model's account schema (<see cref="Model.HealthModel.Account"/>).</param>
    public AccountFacts(AccountSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _numbers = schema.CreateNumbers();
        _texts = new string?[schema.TextCount];
        _consents = new bool[schema.Consents.Count];
    }

    /// <summary>Gets the schema these facts follow.</summary>
    public AccountSchema Schema { get; }

    /// <summary>Gets or sets when the contract started; with the as-of date it gives <c>tenure_days</c>.</summary>
    /// <value>The default value is <see langword="null"/>: unknown.</value>
    public DateTimeOffset? ContractStart { get; set; }

    /// <summary>Gets or sets when the contract is next up for renewal; with the as-of date it gives <c>days_to_renewal</c>.</summary>
    /// <value>The default value is <see langword="null"/>: unknown.</value>
    public DateTimeOffset? RenewalDate { get; set; }

    /// <summary>Gets or sets <c>tenure_days</c> directly; when set it wins over <see cref="ContractStart"/> and, unlike the date, does not follow the as-of date.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? TenureDays { get; set; }

    /// <summary>Gets or sets <c>days_to_renewal</c> directly; when set it wins over <see cref="RenewalDate"/> and, unlike the date, does not follow the as-of date.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? DaysToRenewal { get; set; }

    /// <summary>Gets the number and flag fields, indexed by <see cref="AccountField.Index"/>; NaN means missing.</summary>
    public ReadOnlySpan<double> Numbers => _numbers;

    /// <summary>Gets the text fields, indexed by <see cref="AccountField.Index"/>; <see langword="null"/> means missing.</summary>
    public ReadOnlySpan<string?> Texts => _texts;

    /// <summary>Gets the consents, indexed by position in <see cref="AccountSchema.Consents"/>.</summary>
    public ReadOnlySpan<bool> Consents => _consents;

    /// <summary>Forgets everything: every field missing, no consent, no dates.</summary>
    public void Clear()
    {
        _numbers.AsSpan().Fill(double.NaN);
        _texts.AsSpan().Clear();
        _consents.AsSpan().Clear();
        ContractStart = null;
        RenewalDate = null;
        TenureDays = null;
        DaysToRenewal = null;
    }

    /// <summary>Sets a number field.</summary>
    /// <param name="field">The field's name, as declared under <c>account.numbers</c>.</param>
    /// <param name="value">The value; NaN or ±∞ means missing.</param>
    /// <exception cref="AccountDataException">The schema declares no number field of that name.</exception>
    public void SetNumber(string field, double value) => _numbers[Declared(field, AccountFieldType.Number).Index] = value;

    /// <summary>Sets a flag field.</summary>
    /// <param name="field">The field's name, as declared under <c>account.flags</c>.</param>
    /// <param name="value">Yes or no.</param>
    /// <exception cref="AccountDataException">The schema declares no flag of that name.</exception>
    public void SetFlag(string field, bool value) => _numbers[Declared(field, AccountFieldType.Flag).Index] = value ? 1 : 0;

    /// <summary>Sets a text field.</summary>
    /// <param name="field">The field's name, as declared under <c>account.texts</c>.</param>
    /// <param name="value">The text; <see langword="null"/> means missing.</param>
    /// <exception cref="AccountDataException">The schema declares no text field of that name.</exception>
    public void SetText(string field, string? value) => _texts[Declared(field, AccountFieldType.Text).Index] = value;

    /// <summary>Records whether the account has given a consent.</summary>
    /// <param name="consent">The consent's name, as declared under <c>account.consents</c>.</param>
    /// <param name="given">Whether it is given.</param>
    /// <exception cref="AccountDataException">The schema declares no such consent.</exception>
    public void SetConsent(string consent, bool given = true)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var index = Schema.IndexOfConsent(consent);
        if (index < 0)
        {
            throw new AccountDataException([UnknownConsent(consent, null, null)]);
        }

        _consents[index] = given;
    }

    /// <summary>Records the consents an account has given (a CSV cell's list, a CRM's flags), reporting every undeclared one with its place.</summary>
    /// <param name="consents">The consents' names.</param>
    /// <param name="source">Where the data came from (a file name), for the errors; may be <see langword="null"/>.</param>
    /// <param name="row">The row in <paramref name="source"/>, for the errors; may be <see langword="null"/>.</param>
    /// <param name="ignoreUnknown"><see langword="true"/> to skip consents the schema does not declare.</param>
    /// <exception cref="AccountDataException">A consent is not declared; the declared ones are still recorded.</exception>
    public void ReadConsents(IEnumerable<string> consents, string? source = null, long? row = null, bool ignoreUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(consents);
        List<AccountDataError>? errors = null;
        foreach (var consent in consents)
        {
            var index = consent is null ? -1 : Schema.IndexOfConsent(consent);
            if (index >= 0)
            {
                _consents[index] = true;
            }
            else if (!ignoreUnknown)
            {
                (errors ??= []).Add(UnknownConsent(consent ?? string.Empty, source, row));
            }
        }

        if (errors is not null)
        {
            throw new AccountDataException(errors);
        }
    }

    /// <summary>
    /// Reads fields given as text (a dictionary, a CSV row's named cells) by their declared types: numbers in the
    /// invariant culture, flags as <c>true</c>/<c>false</c>, <c>yes</c>/<c>no</c> or <c>1</c>/<c>0</c>, texts as they are.
    /// An empty or <see langword="null"/> value means missing. Every problem is collected and thrown together;
    /// the fields that were fine are kept.
    /// </summary>
    /// <param name="fields">The fields by name.</param>
    /// <param name="source">Where the data came from (a file name), for the errors; may be <see langword="null"/>.</param>
    /// <param name="row">The row in <paramref name="source"/>, for the errors; may be <see langword="null"/>.</param>
    /// <param name="ignoreUnknownFields"><see langword="true"/> to skip names the schema does not declare instead of reporting them.</param>
    /// <exception cref="AccountDataException">A value does not parse as its field's type, or a field is not declared.</exception>
    public void Read(IEnumerable<KeyValuePair<string, string>> fields, string? source = null, long? row = null, bool ignoreUnknownFields = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        List<AccountDataError>? errors = null;
        foreach (var (name, text) in fields)
        {
            if (TryRead(name, text, source, row, ignoreUnknownFields) is { } error)
            {
                (errors ??= []).Add(error);
            }
        }

        if (errors is not null)
        {
            throw new AccountDataException(errors);
        }
    }

    /// <summary>
    /// Reads an <see cref="Account"/>: its <see cref="Account.Fields"/> by the schema (as
    /// <see cref="Read(IEnumerable{KeyValuePair{string, string}}, string?, long?, bool)"/> does), its name and segment
    /// into text fields <c>name</c> and <c>segment</c> when the schema declares them and the fields do not set them,
    /// its consents and its contract dates.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="ignoreUnknownFields"><see langword="true"/> to skip fields and consents the schema does not declare.</param>
    /// <exception cref="AccountDataException">A field's value does not parse, or a field or consent is not declared.</exception>
    public void Read(Account account, bool ignoreUnknownFields = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        ContractStart = account.ContractStart;
        RenewalDate = account.RenewalDate;
        SetStandardText("name", account.Name, account);
        SetStandardText("segment", account.Segment, account);
        List<AccountDataError>? errors = null;
        if (ignoreUnknownFields)
        {
            // Only the declared fields matter: look each up, which allocates nothing.
            var declared = Schema.Fields;
            for (var i = 0; i < declared.Count; i++)
            {
                var field = declared[i];
                if (account.Fields.TryGetValue(field.Name, out var text) && TryRead(field.Name, text, account.Id, null, ignoreUnknown: true) is { } error)
                {
                    (errors ??= []).Add(error);
                }
            }
        }
        else
        {
            foreach (var (name, text) in account.Fields)
            {
                if (TryRead(name, text, account.Id, null, ignoreUnknown: false) is { } error)
                {
                    (errors ??= []).Add(error);
                }
            }
        }

        var consents = account.Consents;
        for (var i = 0; i < consents.Count; i++)
        {
            var index = Schema.IndexOfConsent(consents[i]);
            if (index >= 0)
            {
                _consents[index] = true;
            }
            else if (!ignoreUnknownFields)
            {
                (errors ??= []).Add(UnknownConsent(consents[i], account.Id, null));
            }
        }

        if (errors is not null)
        {
            throw new AccountDataException(errors);
        }
    }

    /// <summary>Reads one field given as text, by its declared type, without throwing.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="text">The value as text; empty or <see langword="null"/> means missing.</param>
    /// <param name="error">What is wrong, when the value does not parse or the field is not declared.</param>
    /// <returns><see langword="true"/> when the value was set.</returns>
    public bool TrySet(string field, string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out AccountDataError? error)
    {
        error = TryRead(field, text, null, null, ignoreUnknown: false);
        return error is null;
    }

    internal double? TenureAsOf(DateTimeOffset asOf) =>
        TenureDays ?? (ContractStart is { } start ? (asOf - start).TotalDays : null);

    internal double? DaysToRenewalAsOf(DateTimeOffset asOf) =>
        DaysToRenewal ?? (RenewalDate is { } renewal ? (renewal - asOf).TotalDays : null);

    private void SetStandardText(string name, string? value, Account account)
    {
        if (value is not null && Schema.TryGetField(name, out var field) && field.Type == AccountFieldType.Text && !account.Fields.ContainsKey(name))
        {
            _texts[field.Index] = value;
        }
    }

    private AccountDataError? TryRead(string name, string? text, string? source, long? row, bool ignoreUnknown)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Schema.TryGetField(name, out var field))
        {
            return ignoreUnknown ? null : Unknown(name, source, row);
        }

        var missing = string.IsNullOrWhiteSpace(text);
        switch (field.Type)
        {
            case AccountFieldType.Text:
                _texts[field.Index] = string.IsNullOrEmpty(text) ? null : text;
                return null;
            case AccountFieldType.Flag:
                if (missing)
                {
                    _numbers[field.Index] = double.NaN;
                    return null;
                }

                if (TryParseFlag(text!.AsSpan().Trim(), out var flag))
                {
                    _numbers[field.Index] = flag ? 1 : 0;
                    return null;
                }

                return new AccountDataError
                {
                    Source = source, Row = row, Field = name,
                    Message = $"'{Shorten(text)}' is not a flag; write true or false (yes/no and 1/0 also read), or leave it empty when unknown.",
                };
            default:
                if (missing)
                {
                    _numbers[field.Index] = double.NaN;
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    _numbers[field.Index] = number;
                    return null;
                }

                return new AccountDataError
                {
                    Source = source, Row = row, Field = name,
                    Message = $"'{Shorten(text)}' is not a number; write it with digits and '.' as the decimal point (1234.5), or leave it empty when unknown.",
                };
        }
    }

    private static bool TryParseFlag(ReadOnlySpan<char> text, out bool flag)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("1"))
        {
            flag = true;
            return true;
        }

        flag = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("0");
    }

    private AccountField Declared(string name, AccountFieldType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Schema.TryGetField(name, out var field))
        {
            throw new AccountDataException([Unknown(name, null, null)]);
        }

        if (field.Type != type)
        {
            throw new AccountDataException([new AccountDataError
            {
                Field = name,
                Message = $"is declared as a {Describe(field.Type)} field, not a {Describe(type)}; use Set{field.Type}.",
            }]);
        }

        return field;
    }

    private AccountDataError Unknown(string name, string? source, long? row)
    {
        var names = new List<string>(Schema.Fields.Count);
        foreach (var declared in Schema.Fields)
        {
            names.Add(declared.Name);
        }

        var declaredList = names.Count == 0 ? "The model declares no account fields." : "The declared fields are " + string.Join(", ", names) + ".";
        return new AccountDataError
        {
            Source = source, Row = row, Field = Shorten(name),
            Message = $"is not a field of the model's account schema.{Model.IdSuggestions.DidYouMean(name, names)} {declaredList} Declare it under account in the model, or leave it out.",
        };
    }

    private AccountDataError UnknownConsent(string consent, string? source, long? row) => new()
    {
        Source = source, Row = row, Field = "consent." + Shorten(consent),
        Message = $"is not a declared consent.{Model.IdSuggestions.DidYouMean(consent, Schema.Consents)} Declare consents under account.consents in the model.",
    };

    private static string Describe(AccountFieldType type) => type switch
    {
        AccountFieldType.Flag => "flag",
        AccountFieldType.Text => "text",
        _ => "number",
    };

    private static string Shorten(string? text) => Model.ErrorText.Quote(text ?? string.Empty);
}
