using HealthScore.Core.History;
using HealthScore.Core.Pipeline;

namespace HealthScore.Orleans.Serialization;

// Surrogates for what people add and what the pipeline keeps: overrides, manual inputs, action closures and snapshots.

[GenerateSerializer]
internal struct HealthOverrideSurrogate
{
    [Id(0)] public int Target;
    [Id(1)] public string? Metric;
    [Id(2)] public double? Value;
    [Id(3)] public string? Band;
    [Id(4)] public string Author;
    [Id(5)] public string? Comment;
    [Id(6)] public DateTimeOffset SetAt;
    [Id(7)] public DateTimeOffset? ValidUntil;
}

[RegisterConverter]
internal sealed class HealthOverrideConverter : IConverter<HealthOverride, HealthOverrideSurrogate>
{
    public HealthOverride ConvertFromSurrogate(in HealthOverrideSurrogate surrogate) => new()
    {
        Target = (OverrideTarget)surrogate.Target,
        Metric = surrogate.Metric,
        Value = surrogate.Value,
        Band = surrogate.Band,
        Author = surrogate.Author,
        Comment = surrogate.Comment,
        SetAt = surrogate.SetAt,
        ValidUntil = surrogate.ValidUntil,
    };

    public HealthOverrideSurrogate ConvertToSurrogate(in HealthOverride value) => new()
    {
        Target = (int)value.Target,
        Metric = value.Metric,
        Value = value.Value,
        Band = value.Band,
        Author = value.Author,
        Comment = value.Comment,
        SetAt = value.SetAt,
        ValidUntil = value.ValidUntil,
    };
}

[GenerateSerializer]
internal struct ManualInputSurrogate
{
    [Id(0)] public string Metric;
    [Id(1)] public double? Value;
    [Id(2)] public string? Category;
    [Id(3)] public DateTimeOffset ObservedAt;
    [Id(4)] public string? Author;
    [Id(5)] public string? Comment;
}

[RegisterConverter]
internal sealed class ManualInputConverter : IConverter<ManualInput, ManualInputSurrogate>
{
    public ManualInput ConvertFromSurrogate(in ManualInputSurrogate surrogate) => surrogate.Category is { } category
        ? new ManualInput(surrogate.Metric, category, surrogate.ObservedAt, surrogate.Author, surrogate.Comment)
        : new ManualInput(surrogate.Metric, surrogate.Value ?? double.NaN, surrogate.ObservedAt, surrogate.Author, surrogate.Comment);

    public ManualInputSurrogate ConvertToSurrogate(in ManualInput value) => new()
    {
        Metric = value.Metric,
        Value = value.Value,
        Category = value.Category,
        ObservedAt = value.ObservedAt,
        Author = value.Author,
        Comment = value.Comment,
    };
}

[GenerateSerializer]
internal struct ActionClosureSurrogate
{
    [Id(0)] public int Kind;
    [Id(1)] public DateTimeOffset At;
    [Id(2)] public string? By;
    [Id(3)] public string? Comment;
}

[RegisterConverter]
internal sealed class ActionClosureConverter : IConverter<ActionClosure, ActionClosureSurrogate>
{
    public ActionClosure ConvertFromSurrogate(in ActionClosureSurrogate surrogate) =>
        new((ActionClosureKind)surrogate.Kind, surrogate.At, surrogate.By, surrogate.Comment);

    public ActionClosureSurrogate ConvertToSurrogate(in ActionClosure value) =>
        new() { Kind = (int)value.Kind, At = value.At, By = value.By, Comment = value.Comment };
}

/// <summary>A snapshot travels as the JSON the core writes and reads (<see cref="HealthSnapshotJson"/>), its one stored form.</summary>
[GenerateSerializer]
internal struct HealthSnapshotSurrogate
{
    [Id(0)] public string Json;
}

[RegisterConverter]
internal sealed class HealthSnapshotConverter : IConverter<HealthSnapshot, HealthSnapshotSurrogate>
{
    public HealthSnapshot ConvertFromSurrogate(in HealthSnapshotSurrogate surrogate) => HealthSnapshotJson.Read(surrogate.Json, "an Orleans message");

    public HealthSnapshotSurrogate ConvertToSurrogate(in HealthSnapshot value) => new() { Json = HealthSnapshotJson.Write(value) };
}
