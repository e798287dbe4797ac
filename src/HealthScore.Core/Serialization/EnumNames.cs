using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>The JSON names of the enums a model document holds, as the source-generated serializer writes them.</summary>
internal static class EnumNames
{
    private static readonly Dictionary<Type, string[]> Names = new()
    {
        [typeof(Aggregation)] = Of(HealthModelJsonContext.Default.Aggregation),
        [typeof(MetricDirection)] = Of(HealthModelJsonContext.Default.MetricDirection),
        [typeof(MissingDataPolicy)] = Of(HealthModelJsonContext.Default.MissingDataPolicy),
        [typeof(ThresholdBoundary)] = Of(HealthModelJsonContext.Default.ThresholdBoundary),
        [typeof(BandScheme)] = Of(HealthModelJsonContext.Default.BandScheme),
        [typeof(RollupMethod)] = Of(HealthModelJsonContext.Default.RollupMethod),
        [typeof(CalibrationMethod)] = Of(HealthModelJsonContext.Default.CalibrationMethod),
    };

    /// <summary>Gets the names of <paramref name="type"/>, in declaration order.</summary>
    public static string[] Of(Type type) =>
        Names.TryGetValue(type, out var names)
            ? names
            : throw new InvalidOperationException($"The enum {type.Name} appears in model documents but has no entry in EnumNames.");

    private static string[] Of<T>(JsonTypeInfo<T> info)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = JsonSerializer.Serialize(values[i], info).Trim('"');
        }

        return names;
    }
}
