using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HealthScore.Core.Hosting;

/// <summary>
/// The health model a host serves, swapped atomically when its document changes. Scoring threads read
/// <see cref="Current"/> (one volatile read) and never wait; a new document is compiled on the thread that reloads
/// it and swapped in by one reference assignment. A reload never throws for a bad document: an invalid or
/// unreadable one is rejected with its errors (<see cref="ModelRejected"/>, the <c>healthscore.model.rejected</c>
/// counter, and the log when a logger is given) and the last good model keeps serving.
/// </summary>
/// <remarks>
/// <para>
/// Take <see cref="Current"/> once per unit of work (for example once per account, or per batch) and use that model
/// for the metric values, the phase and the score: a later read may return a newer model with other metrics.
/// Long-lived consumers hold the source, not a <see cref="HealthModel"/>.
/// </para>
/// <para>
/// A watched document is read once it has stayed unchanged for the reload debounce. When that read finds it empty
/// or ending before its JSON is complete, as when it is caught in the middle of a write, it is read once more after
/// another debounce interval, and only rejected if it is still bad then. A complete document that is invalid is
/// rejected at the first read.
/// </para>
/// </remarks>
public sealed partial class HealthModelSource : IDisposable
{
    private readonly object _reloadGate = new();
    private readonly ILogger? _logger;
    private readonly HealthScoringMetrics? _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ScoringFunctionTypes _types;
    private readonly IDisposable? _optionsSubscription;
    private HealthModel _current;
    private Watch? _watch;
    private bool _disposed;

    /// <summary>Creates a source serving <paramref name="model"/> until a reload replaces it. It watches nothing; call <see cref="TryReload(ReadOnlySpan{byte}, string)"/> or <see cref="TryReloadFile"/>.</summary>
    /// <param name="model">The first model.</param>
    /// <param name="logger">Where reloads and rejections are logged, or <see langword="null"/>.</param>
    /// <param name="metrics">Where reloads and rejections are counted, or <see langword="null"/>.</param>
    /// <param name="types">The scoring function types reloaded documents may use, or <see langword="null"/> for the built-in ones.</param>
    public HealthModelSource(HealthModel model, ILogger<HealthModelSource>? logger = null, HealthScoringMetrics? metrics = null, ScoringFunctionTypes? types = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _current = model;
        _logger = logger;
        _metrics = metrics;
        _timeProvider = TimeProvider.System;
        _types = types ?? ScoringFunctionTypes.Default;
    }

    internal HealthModelSource(string name, IOptionsMonitor<HealthScoringOptions> options, HealthScoringState state, TimeProvider timeProvider, ILogger<HealthModelSource>? logger, HealthScoringMetrics? metrics, ScoringFunctionTypes? types)
    {
        _types = types ?? ScoringFunctionTypes.Default;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        var current = options.Get(name);
        _current = current.Model
            ?? (current.Document is { } document ? HealthModelDocument.Compile(document, _types) : HealthModelDocument.CompileFile(current.FullModelPath!, _types));
        state.MarkServing(name);
        if (current.Model is null && current.Document is null)
        {
            StartWatching(current);
            _optionsSubscription = options.OnChange((changed, changedName) =>
            {
                if ((changedName ?? Options.DefaultName) == name)
                {
                    OnOptionsChanged(changed);
                }
            });
        }
    }

    /// <summary>Raised on the reloading thread after a new model was swapped in.</summary>
    public event EventHandler<HealthModelChangedEventArgs>? ModelChanged;

    /// <summary>
    /// Raised on the reloading thread, once per rejected document, when a new document was invalid or could not be
    /// read; the current model keeps serving. Each rejection is also counted in <c>healthscore.model.rejected</c>.
    /// </summary>
    public event EventHandler<HealthModelRejectedEventArgs>? ModelRejected;

    /// <summary>Gets the model serving now. One volatile read; never blocks.</summary>
    public HealthModel Current => Volatile.Read(ref _current);

    /// <summary>Gets the path of the document being watched for changes, or <see langword="null"/> when nothing is watched.</summary>
    public string? WatchedPath => Volatile.Read(ref _watch)?.FullPath;

    /// <summary>
    /// Compiles a model document and, when it is valid, swaps it in. Runs on the calling thread; concurrent reloads
    /// are applied one at a time. A document whose model has the current hash changes nothing.
    /// </summary>
    /// <remarks>
    /// A bad document (not JSON, empty, cut off, or describing an invalid model) does not throw: it is rejected once,
    /// raising <see cref="ModelRejected"/> with every error and counting in <c>healthscore.model.rejected</c>.
    /// The document is taken as complete; only a watched file is read again when it looks half-written.
    /// </remarks>
    /// <param name="utf8Json">The model document.</param>
    /// <param name="origin">Where the document came from, for the log and the events.</param>
    /// <returns><see langword="true"/> when the document is valid (and now serves); <see langword="false"/> when it was rejected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="origin"/> is <see langword="null"/>.</exception>
    public bool TryReload(ReadOnlySpan<byte> utf8Json, string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!TryCompile(utf8Json, out var model, out var errors))
        {
            Reject(origin, errors);
            return false;
        }

        Swap(model, origin);
        return true;
    }

    /// <summary>Validates and compiles a definition and, when it is valid, swaps it in.</summary>
    /// <remarks>
    /// An invalid definition does not throw: it is rejected once, raising <see cref="ModelRejected"/> with every
    /// error and counting in <c>healthscore.model.rejected</c>.
    /// </remarks>
    /// <param name="definition">The definition.</param>
    /// <param name="origin">Where the definition came from, for the log and the events.</param>
    /// <returns><see langword="true"/> when the definition is valid (and now serves); <see langword="false"/> when it was rejected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="origin"/> is <see langword="null"/>.</exception>
    public bool TryReload(HealthModelDefinition definition, string origin)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(origin);
        HealthModel model;
        try
        {
            model = HealthModel.Compile(definition, _types);
        }
        catch (HealthModelException exception)
        {
            Reject(origin, exception.Errors);
            return false;
        }

        // Outside the try: a ModelChanged handler's exception is the handler's, not a rejection of a model that already serves.
        Swap(model, origin);
        return true;
    }

    /// <summary>Reads, compiles and, when it is valid, swaps in the model document at <paramref name="path"/>.</summary>
    /// <remarks>
    /// Neither a bad document nor a file that cannot be read (missing, access denied, or another I/O failure) throws:
    /// it is rejected once, raising <see cref="ModelRejected"/> and counting in <c>healthscore.model.rejected</c>.
    /// A read failure is reported as one error at <c>$</c> that names the file and what to do.
    /// </remarks>
    /// <param name="path">The document's path.</param>
    /// <returns><see langword="true"/> when the document is valid (and now serves); <see langword="false"/> when it was rejected.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is <see langword="null"/> or empty, or not a valid path.</exception>
    public bool TryReloadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReloadFile(path, mayReread: false) == FileReload.Done;
    }

    /// <summary>Stops watching the document and the options.</summary>
    public void Dispose()
    {
        lock (_reloadGate)
        {
            _disposed = true;
            _optionsSubscription?.Dispose();
            Interlocked.Exchange(ref _watch, null)?.Dispose();
        }
    }

    private bool TryCompile(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out HealthModel? model, [NotNullWhen(false)] out IReadOnlyList<ModelError>? errors)
    {
        try
        {
            model = HealthModelDocument.Compile(utf8Json, _types);
            errors = null;
            return true;
        }
        catch (HealthModelException exception)
        {
            model = null;
            errors = exception.Errors;
            return false;
        }
    }

    private static bool TryReadFile(string path, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out ModelError? error)
    {
        try
        {
            bytes = File.ReadAllBytes(path);
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            bytes = null;
            var message = exception switch
            {
                FileNotFoundException or DirectoryNotFoundException =>
                    $"file '{path}' does not exist (resolved to '{Path.GetFullPath(path)}'); create it, or point the source at the model document.",
                UnauthorizedAccessException =>
                    $"file '{path}' could not be read: {exception.Message} Check that it is a file and that this process may read it, then save it again.",
                _ => $"file '{path}' could not be read: {exception.Message} Check that no other process holds it locked, then save it again.",
            };
            error = new ModelError(ModelErrorKind.Syntax, "$", message);
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="utf8Json"/> ends before a JSON document is complete (nothing but whitespace, or an
    /// object, array or token cut off), as a file read in the middle of a write does; a document that is malformed
    /// before its end is not incomplete, and neither is one whose JSON is complete but whose model is invalid.
    /// </summary>
    private static bool EndsBeforeDocumentIsComplete(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        // Read as a block that more data may follow: the reader then stops where the data runs out rather than
        // failing, which tells a cut-off document from a malformed one. The options are the serializer's.
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the document at <paramref name="path"/> and reloads it, or rejects it; with <paramref name="mayReread"/>, a document that ends before its JSON is complete is neither, and is left for another read.</summary>
    private FileReload ReloadFile(string path, bool mayReread)
    {
        if (!TryReadFile(path, out var bytes, out var readError))
        {
            Reject(path, [readError]);
            return FileReload.Rejected;
        }

        if (TryCompile(bytes, out var model, out var errors))
        {
            Swap(model, path);
            return FileReload.Done;
        }

        if (mayReread && EndsBeforeDocumentIsComplete(bytes))
        {
            return FileReload.Incomplete;
        }

        Reject(path, errors);
        return FileReload.Rejected;
    }

    private void Swap(HealthModel model, string origin)
    {
        HealthModel previous;
        lock (_reloadGate)
        {
            previous = _current;
            if (string.Equals(previous.Hash, model.Hash, StringComparison.Ordinal))
            {
                return;
            }

            Volatile.Write(ref _current, model);
        }

        _metrics?.RecordReload(model.Id);
        if (_logger is not null)
        {
            HealthScoringLog.ModelReloaded(_logger, model.Id, model.Version, model.Hash, origin, previous.Hash);
        }

        ModelChanged?.Invoke(this, new HealthModelChangedEventArgs(previous, model, origin));
    }

    private void Reject(string origin, IReadOnlyList<ModelError> errors)
    {
        var current = Current;
        _metrics?.RecordRejected(current.Id);
        if (_logger is not null && _logger.IsEnabled(LogLevel.Error))
        {
            var text = new StringBuilder();
            foreach (var error in errors)
            {
                text.Append("  ").Append(error.ToString()).Append('\n');
            }

            HealthScoringLog.ModelRejected(_logger, origin, current.Hash, errors.Count, text.ToString().TrimEnd('\n'));
        }

        ModelRejected?.Invoke(this, new HealthModelRejectedEventArgs(current, origin, errors));
    }

    private void OnOptionsChanged(HealthScoringOptions options)
    {
        var errors = HealthScoringOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            var located = new ModelError[errors.Count];
            for (var i = 0; i < located.Length; i++)
            {
                located[i] = new ModelError(errors[i].Key, errors[i].Message);
            }

            Reject(options.KeyPrefix, located);
            return;
        }

        if (options.FullModelPath is not { } path)
        {
            return;
        }

        lock (_reloadGate)
        {
            if (_disposed)
            {
                return;
            }

            StartWatching(options);
        }

        ReloadSafely(path, mayReread: false);
    }

    private void StartWatching(HealthScoringOptions options)
    {
        Interlocked.Exchange(ref _watch, null)?.Dispose();
        if (options.ReloadOnChange && options.FullModelPath is { } path)
        {
            var watch = new Watch(this, path, options.ReloadDebounce);
            Volatile.Write(ref _watch, watch);
            if (_logger is not null)
            {
                HealthScoringLog.Watching(_logger, watch.FullPath);
            }
        }
    }

    private FileReload ReloadSafely(string path, bool mayReread)
    {
        try
        {
            return ReloadFile(path, mayReread);
        }
#pragma warning disable CA1031 // A failure on the watcher's thread must not take the host down; it is logged and the current model keeps serving.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // Bad documents and read failures are rejections and never get here; this is a bug or an event handler's exception.
            if (_logger is not null)
            {
                HealthScoringLog.ReloadFailed(_logger, exception, path);
            }

            return FileReload.Failed;
        }
    }
}
