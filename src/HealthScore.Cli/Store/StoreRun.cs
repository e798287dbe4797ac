using System.Globalization;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Pipeline;

namespace HealthScore.Cli.Store;

/// <summary>One point of an account's stored timeline, as the report draws it.</summary>
internal sealed record TimelinePoint(DateOnly Day, double? Score, string Band);

/// <summary>
/// <c>score --store</c>: each account is read from the store as of the run's date, scored on that past, and its snapshot
/// and action records appended in one transaction before the next account is read, so a run stopped at any point leaves
/// every account whole, and running it again completes it. Snapshots already stored (same account, as-of and model)
/// are kept as they are.
/// </summary>
internal sealed class StoreRun : IDisposable
{
    /// <summary>How far back the report's timeline reaches.</summary>
    public const int TimelineDays = 90;

    private readonly StoreFile _file;
    private readonly DateTimeOffset _asOf;
    private readonly bool _keepTimelines;
    private int _added;
    private int _kept;

    private StoreRun(StoreFile file, DateTimeOffset asOf, bool keepTimelines)
    {
        _file = file;
        _asOf = asOf;
        _keepTimelines = keepTimelines;
    }

    /// <summary>Gets the last scored account's snapshots of the last <see cref="TimelineDays"/> days, this run's included, when the report needs them; else empty.</summary>
    public IReadOnlyList<TimelinePoint> LastTimeline { get; private set; } = [];

    /// <summary>Opens the store, or returns <see langword="null"/> without one.</summary>
    /// <exception cref="CliException">The store cannot be opened, or a retention is given without a store.</exception>
    public static StoreRun? Open(string? path, int? retentionDays, DateTimeOffset asOf, bool keepTimelines)
    {
        if (path is null)
        {
            return retentionDays is null ? null : throw new CliException("--retention-days needs --store: it drops old snapshots from the store.", ExitCodes.Usage);
        }

        if (retentionDays is < 1)
        {
            throw new CliException("--retention-days must be 1 or more.", ExitCodes.Usage);
        }

        return new StoreRun(StoreFile.Open(path), asOf, keepTimelines);
    }

    public AccountOutcome Score(AccountScorer scorer, Scoring.AccountInput input)
    {
        var stored = _file.Read(input.Id, _asOf);
        var outcome = scorer.Score(input, _asOf, stored);
        if (_file.Append(outcome.Snapshot))
        {
            _added++;
        }
        else
        {
            _kept++;
        }

        if (_keepTimelines)
        {
            var from = DateOnly.FromDateTime(_asOf.DateTime).AddDays(-TimelineDays);
            LastTimeline = [.. stored.Snapshots.Append(outcome.Snapshot).Where(s => Day(s) >= from).Select(static s => new TimelinePoint(Day(s), s.Score, s.Band))];
        }

        return outcome;
    }

    /// <summary>Applies the retention and says on <paramref name="error"/> what the run did to the store.</summary>
    public void Finish(int? retentionDays, TextWriter error)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_file.Path}: {_added} snapshots added");
        if (_kept > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {_kept} already stored for {_asOf:yyyy-MM-dd} with this model (kept as they were)");
        }

        if (retentionDays is { } days)
        {
            var cutoff = DateOnly.FromDateTime(_asOf.DateTime).AddDays(-days);
            var dropped = StoreFile.Wait(_file.Store.DropSnapshotsBeforeAsync(cutoff));
            line += string.Create(CultureInfo.InvariantCulture, $"; {dropped} snapshots dated before {cutoff:yyyy-MM-dd} dropped (retention {days} days)");
        }

        error.WriteLine(line);
    }

    public void Dispose() => _file.Dispose();

    private static DateOnly Day(HealthSnapshot snapshot) => DateOnly.FromDateTime(snapshot.AsOf.DateTime);
}
