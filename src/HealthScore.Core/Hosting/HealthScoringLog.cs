using Microsoft.Extensions.Logging;

namespace HealthScore.Core.Hosting;

/// <summary>Source-generated log messages of the hosting layer.</summary>
internal static partial class HealthScoringLog
{
    [LoggerMessage(EventId = 1, EventName = "ModelReloaded", Level = LogLevel.Information, Message = "Health model '{ModelId}' {Version} (hash {Hash}) from {Origin} now serves; it replaced hash {PreviousHash}.")]
    public static partial void ModelReloaded(ILogger logger, string modelId, string version, string hash, string origin, string previousHash);

    [LoggerMessage(EventId = 2, EventName = "ModelRejected", Level = LogLevel.Error, Message = "Health model document from {Origin} was rejected; model hash {Hash} keeps serving. {ErrorCount} error(s):\n{Errors}")]
    public static partial void ModelRejected(ILogger logger, string origin, string hash, int errorCount, string errors);

    [LoggerMessage(EventId = 3, EventName = "ReloadFailed", Level = LogLevel.Error, Message = "Reloading the health model from {Origin} failed; the current model keeps serving.")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, string origin);

    [LoggerMessage(EventId = 4, EventName = "WatchingModel", Level = LogLevel.Debug, Message = "Watching {Path} for health model changes.")]
    public static partial void Watching(ILogger logger, string path);

    [LoggerMessage(EventId = 5, EventName = "RereadingIncompleteModel", Level = LogLevel.Debug, Message = "Health model document {Path} ends before its JSON is complete, as when it is read in the middle of a write; it is read again in {Delay} and rejected then if it is still bad.")]
    public static partial void RereadingIncomplete(ILogger logger, string path, TimeSpan delay);
}
