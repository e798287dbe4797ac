using System.Text;
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
/// it and swapped in by one reference assignment. An invalid document is rejected with its errors
/// (<see cref="ModelRejected"/>, and the log when a logger is given) and the last good model keeps serving.
/// </summary>
/// <remarks>
/// Take <see cref="Current"/> once per unit of work (for example once per account, or per batch) and use that model
/// for the metric values, the phase and the score: a later read may return a newer model with other metrics.
/// Long-lived consumers hold the source, not a <see cref="HealthModel"/>.
/// </remarks>
public sealed class HealthModelSource : IDisposable
{
    private readonly object _reloadGate = new();
    private readonly ILogger? _logger;
    private readonly HealthScoringMetrics? _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _optionsSubscription;
    private HealthModel _current;
    private Watch? _watch;
    private bool _disposed;

    /// <summary>Creates a source serving <paramref name="model"/> until a reload replaces it. It watches nothing; call <see cref="TryReload(ReadOnlySpan{byte}, string)"/> or <see cref="TryReloadFile"/>.</summary>
    /// <param name="model">The first model.</param>
    /// <param name="logger">Where reloads and rejections are logged, or <see langword="null"/>.</param>
    /// <param name="metrics">Where reloads and rejections are counted, or <see langword="null"/>.</param>
    public HealthModelSource(HealthModel model, ILogger<HealthModelSource>? logger = null, HealthScoringMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _current = model;
        _logger = logger;
        _metrics = metrics;
        _timeProvider = TimeProvider.System;
    }

    internal HealthModelSource(IOptionsMonitor<HealthScoringOptions> options, HealthScoringState state, TimeProvider timeProvider, ILogger<HealthModelSource>? logger, HealthScoringMetrics? metrics)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        var current = options.CurrentValue;
        _current = current.Model
            ?? (current.Document is { } document ? HealthModelDocument.Compile(document) : HealthModelDocument.CompileFile(current.ModelPath!));
        state.Serving = true;
        if (current.Model is null && current.Document is null)
        {
            StartWatching(current);
            _optionsSubscription = options.OnChange((changed, name) =>
            {
                if (name == Options.DefaultName)
                {
                    OnOptionsChanged(changed);
                }
            });
        }
    }

    /// <summary>Raised on the reloading thread after a new model was swapped in.</summary>
    public event EventHandler<HealthModelChangedEventArgs>? ModelChanged;

    /// <summary>Raised on the reloading thread when a new document was invalid; the current model keeps serving.</summary>
    public event EventHandler<HealthModelRejectedEventArgs>? ModelRejected;

    /// <summary>Gets the model serving now. One volatile read; never blocks.</summary>
    public HealthModel Current => Volatile.Read(ref _current);

    /// <summary>Gets the path of the document being watched for changes, or <see langword="null"/> when nothing is watched.</summary>
    public string? WatchedPath => Volatile.Read(ref _watch)?.FullPath;

    /// <summary>
    /// Compiles a model document and, when it is valid, swaps it in. Runs on the calling thread; concurrent reloads
    /// are applied one at a time. A document whose model has the current hash changes nothing.
    /// </summary>
    /// <param name="utf8Json">The model document.</param>
    /// <param name="origin">Where the document came from, for the log and the events.</param>
    /// <returns><see langword="true"/> when the document is valid (and now serves); <see langword="false"/> when it was rejected.</returns>
    public bool TryReload(ReadOnlySpan<byte> utf8Json, string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        HealthModel model;
        try
        {
            model = HealthModelDocument.Compile(utf8Json);
        }
        catch (HealthModelException exception)
        {
            return Rejected(origin, exception);
        }

        Swap(model, origin);
        return true;
    }

    /// <summary>Validates and compiles a definition and, when it is valid, swaps it in.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="origin">Where the definition came from, for the log and the events.</param>
    /// <returns><see langword="true"/> when the definition is valid (and now serves); <see langword="false"/> when it was rejected.</returns>
    public bool TryReload(HealthModelDefinition definition, string origin)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(origin);
        try
        {
            Swap(HealthModel.Compile(definition), origin);
            return true;
        }
        catch (HealthModelException exception)
        {
            return Rejected(origin, exception);
        }
    }

    private bool Rejected(string origin, HealthModelException exception)
    {
        Reject(origin, exception.Errors);
        return false;
    }

    /// <summary>Reads, compiles and, when it is valid, swaps in the model document at <paramref name="path"/>. A file that cannot be read is rejected like an invalid one.</summary>
    /// <param name="path">The document's path.</param>
    /// <returns><see langword="true"/> when the document is valid (and now serves); <see langword="false"/> when it was rejected.</returns>
    public bool TryReloadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Reject(path, [new ModelError("$", "the document could not be read: " + exception.Message)]);
            return false;
        }

        return TryReload(bytes, path);
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

        _metrics?.RecordReload();
        if (_logger is not null)
        {
            HealthScoringLog.ModelReloaded(_logger, model.Id, model.Version, model.Hash, origin, previous.Hash);
        }

        ModelChanged?.Invoke(this, new HealthModelChangedEventArgs(previous, model, origin));
    }

    private void Reject(string origin, IReadOnlyList<ModelError> errors)
    {
        var current = Current;
        _metrics?.RecordRejected();
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

            Reject(HealthScoringOptions.SectionName, located);
            return;
        }

        if (options.ModelPath is not { Length: > 0 } path)
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

        ReloadSafely(path);
    }

    private void StartWatching(HealthScoringOptions options)
    {
        Interlocked.Exchange(ref _watch, null)?.Dispose();
        if (options.ReloadOnChange && options.ModelPath is { Length: > 0 } path)
        {
            var watch = new Watch(this, Path.GetFullPath(path), options.ReloadDebounce);
            Volatile.Write(ref _watch, watch);
            if (_logger is not null)
            {
                HealthScoringLog.Watching(_logger, watch.FullPath);
            }
        }
    }

    private void ReloadSafely(string path)
    {
        try
        {
            TryReloadFile(path);
        }
#pragma warning disable CA1031 // A failure on the watcher's thread must not take the host down; it is logged and the current model keeps serving.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (_logger is not null)
            {
                HealthScoringLog.ReloadFailed(_logger, exception, path);
            }
        }
    }

    /// <summary>Watches one document through a <see cref="PhysicalFileProvider"/> change token and reloads it once writes have settled.</summary>
    private sealed class Watch : IDisposable
    {
        private readonly HealthModelSource _owner;
        private readonly PhysicalFileProvider _files;
        private readonly IDisposable _registration;
        private readonly ITimer _debounce;
        private readonly TimeSpan _delay;

        public Watch(HealthModelSource owner, string fullPath, TimeSpan delay)
        {
            _owner = owner;
            _delay = delay;
            FullPath = fullPath;
            _debounce = owner._timeProvider.CreateTimer(static state => ((Watch)state!).Reload(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _files = new PhysicalFileProvider(Path.GetDirectoryName(fullPath)!);
            var fileName = Path.GetFileName(fullPath);
            _registration = ChangeToken.OnChange(() => _files.Watch(fileName), static state => state.Changed(), this);
        }

        public string FullPath { get; }

        public void Dispose()
        {
            _registration.Dispose();
            _debounce.Dispose();
            _files.Dispose();
        }

        private void Changed() => _debounce.Change(_delay, Timeout.InfiniteTimeSpan);

        private void Reload()
        {
            if (ReferenceEquals(Volatile.Read(ref _owner._watch), this))
            {
                _owner.ReloadSafely(FullPath);
            }
        }
    }
}
