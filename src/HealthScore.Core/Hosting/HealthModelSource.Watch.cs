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

// How a source follows its model file: a change token per write, one debounced reload once writes settle, and one
// more read of a file caught mid-write.
public sealed partial class HealthModelSource
{
    /// <summary>
    /// Watches one document through a <see cref="PhysicalFileProvider"/> change token and reloads it once writes have
    /// settled. A read that finds the document incomplete arms the debounce once more, and the next read (one interval
    /// later, or one interval after the file's latest change if it changes again) accepts or rejects it.
    /// </summary>
    private sealed class Watch : IDisposable
    {
        private readonly HealthModelSource _owner;
        private readonly PhysicalFileProvider _files;
        private readonly IDisposable _registration;
        private readonly ITimer _debounce;
        private readonly TimeSpan _delay;

        // Held for a whole reload, so a change arriving while the document is read does not read it a second time
        // concurrently (and report one rejection twice). Dispose never takes it: it runs under the source's reload
        // gate, which a reload takes to swap.
        private readonly object _reloading = new();
        private bool _rereading;

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
            lock (_reloading)
            {
                if (!ReferenceEquals(Volatile.Read(ref _owner._watch), this))
                {
                    return;
                }

                var mayReread = !_rereading;
                _rereading = false;

                // A disposed timer is not armed (Change returns false), and then there is no read again to announce.
                if (_owner.ReloadSafely(FullPath, mayReread) == FileReload.Incomplete && _debounce.Change(_delay, Timeout.InfiniteTimeSpan))
                {
                    _rereading = true;
                    if (_owner._logger is not null)
                    {
                        HealthScoringLog.RereadingIncomplete(_owner._logger, FullPath, _delay);
                    }
                }
            }
        }
    }

    private enum FileReload
    {
        /// <summary>The document was valid (and serves, unless it had the current hash).</summary>
        Done,

        /// <summary>The document was rejected.</summary>
        Rejected,

        /// <summary>The document ended before its JSON was complete and was left for another read.</summary>
        Incomplete,

        /// <summary>The reload threw, and the exception was logged.</summary>
        Failed,
    }
}
