using HealthScore.Core.History;
using HealthScore.Core.Pipeline;
using HealthScore.Storage.Sqlite;

namespace HealthScore.Cli.Store;

/// <summary>
/// The command line's history store: a <see cref="SqliteHealthHistoryStore"/> opened by path, with its failures turned
/// into <see cref="CliException"/>s naming the file. The store's work is synchronous, so its tasks are simply waited on.
/// </summary>
internal sealed class StoreFile : IDisposable
{
    private readonly SqliteHealthHistoryStore _store;

    private StoreFile(SqliteHealthHistoryStore store, string path)
    {
        _store = store;
        Path = path;
    }

    /// <summary>Gets the path as the user gave it.</summary>
    public string Path { get; }

    public IHealthHistoryStore Store => _store;

    /// <summary>Opens (or creates) the store; <paramref name="mustExist"/> for commands that only read or erase.</summary>
    public static StoreFile Open(string path, bool mustExist = false)
    {
        if (mustExist && !File.Exists(path))
        {
            throw new CliException($"{path}: file not found; 'healthscore score … --store {path}' creates a store.");
        }

        try
        {
            return new StoreFile(new SqliteHealthHistoryStore(path), path);
        }
        catch (HistoryStoreException e)
        {
            throw new CliException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--store {path}: {e.Message}", e);
        }
    }

    public AccountHistory Read(string accountId, DateTimeOffset? before = null) => Wait(_store.ReadAsync(accountId, before));

    public bool Append(HealthSnapshot snapshot) => Wait(_store.AppendAsync(snapshot));

    /// <summary>Every account's snapshots, one account at a time (bounded memory), in ordinal order of the account id.</summary>
    public IEnumerable<HealthSnapshot> AllSnapshots(string? accountId = null)
    {
        foreach (var id in accountId is null ? Ids() : [accountId])
        {
            foreach (var snapshot in Read(id).Snapshots)
            {
                yield return snapshot;
            }
        }
    }

    public IEnumerable<string> Ids() => Guard(() => _store.ReadAccountIdsAsync().ToBlockingEnumerable().ToList());

    /// <summary>Waits for one of the store's tasks; a damaged row or a locked file becomes a <see cref="CliException"/>.</summary>
    public static T Wait<T>(ValueTask<T> task) => Guard(() => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult());

    public static void Wait(ValueTask task) => Guard(() =>
    {
        task.AsTask().GetAwaiter().GetResult();
        return 0;
    });

    public void Dispose() => _store.Dispose();

    private static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (HistoryStoreException e)
        {
            throw new CliException(e.Message, e);
        }
        catch (AccountDataException e)
        {
            throw new CliException(e.Message + " The store was changed by something other than HealthScore; restore it from a backup, or 'healthscore forget' the account.", e);
        }
    }
}
