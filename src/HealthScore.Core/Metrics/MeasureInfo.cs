using HealthScore.Core.Model;

namespace HealthScore.Core.Metrics;

/// <summary>What a built-in measure is: the facts its metric descriptor is made from.</summary>
internal sealed record MeasureInfo(string Unit, MetricDirection Direction, string Description, bool IsCount, bool Windowed);
