using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Cli.Scoring;

namespace HealthScore.Cli.Output;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<AccountJson>))]
[JsonSerializable(typeof(AccountJson))]
[JsonSerializable(typeof(EvaluationJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    // Japanese labels stay readable in the output instead of \uXXXX escapes.
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(IEnumerable<AccountOutcome> outcomes) =>
        JsonSerializer.Serialize(outcomes.Select(HealthScore.Cli.Output.AccountJson.From).ToList(), Readable.ListAccountJson).ReplaceLineEndings("\n") + "\n";

    public static string Serialize(EvaluationJson evaluation) =>
        JsonSerializer.Serialize(evaluation, Readable.EvaluationJson).ReplaceLineEndings("\n") + "\n";
}

internal sealed class AccountJson
{
    public required string AccountId { get; init; }

    public double? Score { get; init; }

    public required string Band { get; init; }

    public bool BandForced { get; init; }

    public required string Phase { get; init; }

    public string? Profile { get; init; }

    public double Coverage { get; init; }

    public bool InsufficientData { get; init; }

    public required List<GroupOutcome> Groups { get; init; }

    public required List<ContributionOutcome> Contributions { get; init; }

    public required List<string> Drivers { get; init; }

    public TrendOutcome? Trend { get; init; }

    public required List<ActionOutcome> Actions { get; init; }

    public bool Overridden { get; init; }

    /// <summary>The score and band the model computed, under an override; absent when not overridden.</summary>
    public ComputedOutcome? Computed { get; init; }

    public List<OverrideView>? Overrides { get; init; }

    public List<AdjustmentOutcome>? Adjustments { get; init; }

    public string? ParentId { get; init; }

    public List<string>? Children { get; init; }

    public RollupOutcome? Rollup { get; init; }

    public static AccountJson From(AccountOutcome o) => new()
    {
        AccountId = o.AccountId, Score = o.Score, Band = o.BandId, BandForced = o.BandForced, Phase = o.PhaseId, Profile = o.ProfileId,
        Coverage = o.Coverage, InsufficientData = o.InsufficientData, Groups = o.Groups, Contributions = o.Contributions,
        Drivers = [.. o.Drivers.Select(static d => d.MetricId)], Trend = o.Trend, Actions = o.Actions,
        Overridden = o.Overridden, Computed = o.Computed, Overrides = o.Overrides.Count > 0 ? o.Overrides : null,
        Adjustments = o.Adjustments.Count > 0 ? o.Adjustments : null, ParentId = o.ParentId,
        Children = o.Children.Count > 0 ? o.Children : null, Rollup = o.Rollup,
    };
}
