using System.Text.Json.Serialization;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Scoring;

/// <summary>A scoring function written outside the library: full marks from a threshold on, none below.</summary>
internal sealed class ThresholdScoring : ScoringFunctionDefinition
{
    public double Threshold { get; set; }

    [JsonIgnore]
    public override string Type => "threshold";

    public override void Validate(string path, ICollection<ModelError> errors) => RequireFinite(Threshold, path + ".threshold", errors);

    public override ScoringFunction Compile() => new Function(Threshold);

    private sealed class Function(double threshold) : ScoringFunction
    {
        public override MetricDirection Direction => MetricDirection.HigherIsBetter;

        public override double Normalize(double value) => value >= threshold ? 1 : 0;
    }
}

/// <summary>The author's source-generated metadata for <see cref="ThresholdScoring"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ThresholdScoring))]
internal sealed partial class CustomScoringContext : JsonSerializerContext;

/// <summary>The registry an application builds at start-up: the built-in functions and the threshold function.</summary>
internal static class CustomScoring
{
    public static readonly ScoringFunctionTypes Types = ScoringFunctionTypes.Default.With<ThresholdScoring>("threshold", CustomScoringContext.Default);
}
