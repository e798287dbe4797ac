using HealthScore.Core.Metrics;

namespace HealthScore.Cli.Scoring;

/// <summary>One account to score: either metric values read from a CSV, or raw records for the providers.</summary>
internal sealed record AccountInput
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public double? TenureDays { get; init; }

    public double? DaysToRenewal { get; init; }

    public DateTimeOffset? ContractStart { get; init; }

    public DateTimeOffset? RenewalDate { get; init; }

    /// <summary>Metric values by model index (NaN = missing); with <see cref="Records"/>, the values given override the providers'.</summary>
    public double[]? Values { get; init; }

    public AccountRecords? Records { get; init; }

    /// <summary>Account fields by name (numbers, flags, texts) as the model's account schema declares them.</summary>
    public Dictionary<string, string> Fields { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Consents { get; init; } = [];
}
