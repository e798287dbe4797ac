using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>The source-generated System.Text.Json metadata for model documents: no reflection, trim- and AOT-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthModelDefinition))]
internal sealed partial class HealthModelJsonContext : JsonSerializerContext
{
}
