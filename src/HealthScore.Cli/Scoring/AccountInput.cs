using HealthScore.Core.Metrics;
using HealthScore.Core.Pipeline;

namespace HealthScore.Cli.Scoring;

/// <summary>One account to score: either metric values read from a CSV, or raw records for the providers.</summary>
internal sealed record AccountInput
{
    public required string Id { get; init; }

    /// <summary>The account's place in its accounts file (the order record files follow), or -1 for a generated account.</summary>
    public int Ordinal { get; init; } = -1;

    public string? Name { get; init; }

    /// <summary>Days since the contract started, when given directly; wins over <see cref="ContractStart"/>.</summary>
    public double? TenureDays { get; init; }

    /// <summary>Days until the contract renews, when given directly; wins over <see cref="RenewalDate"/>.</summary>
    public double? DaysToRenewal { get; init; }

    /// <summary>When the contract started; with the as-of date it gives the tenure.</summary>
    public DateTimeOffset? ContractStart { get; init; }

    /// <summary>When the contract renews; with the as-of date it gives the days to renewal.</summary>
    public DateTimeOffset? RenewalDate { get; init; }

    /// <summary>Metric values by model index (NaN = missing); with <see cref="Records"/>, the values given override the providers'.</summary>
    public double[]? Values { get; init; }

    public AccountRecords? Records { get; init; }

    /// <summary>
    /// Values a person entered (a success manager's sentiment), each with when it was observed; they win over
    /// <see cref="Values"/> and the providers'. A value older than its metric's maximum age counts as missing and is shown as stale.
    /// </summary>
    public IReadOnlyList<EnteredValue> Entered { get; init; } = [];

    /// <summary>The overrides people set on the account's score, band or a metric, with author, comment and validity.</summary>
    public IReadOnlyList<HealthOverride> Overrides { get; init; } = [];

    /// <summary>The id of the account's parent in the portfolio (a group company, a reseller), or <see langword="null"/>.</summary>
    public string? ParentId { get; init; }

    /// <summary>Account fields by name, as text; parsed by the types the model's account schema declares.</summary>
    public Dictionary<string, string> Fields { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Consents { get; init; } = [];

    /// <summary>The file the account was read from, for errors; <see langword="null"/> for a generated account.</summary>
    public string? Source { get; init; }

    /// <summary>The account's line in <see cref="Source"/>, for errors.</summary>
    public int? Row { get; init; }
}

/// <summary>
/// A value a person entered for a metric: a category (its id or label) for a categorical metric, else a number, observed
/// on a date (<see langword="default"/> when undated), with the file and line it was read from, for errors.
/// </summary>
internal sealed record EnteredValue(string MetricId, string Value, DateTimeOffset ObservedAt, string? Source = null, int? Line = null);
