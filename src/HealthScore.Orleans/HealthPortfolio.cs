using System.Collections.Concurrent;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace HealthScore.Orleans;

/// <summary>
/// Scores or re-scores a whole portfolio, or a segment of it, across the cluster: one call per account to its grain,
/// many at once, with progress and cancellation — after a model change, or for the quarterly review's export. Use it
/// from a silo or from an Orleans client (it needs only an <see cref="IGrainFactory"/>).
/// </summary>
/// <example>
/// <code>
/// var portfolio = new HealthPortfolio(grains);
/// var run = await portfolio.EvaluateAsync(accountIds, asOf, new Progress&lt;PortfolioProgress&gt;(p =&gt; Console.Write($"\r{p.Done}/{p.Total}")), ct);
/// </code>
/// </example>
public sealed class HealthPortfolio
{
    private const int Attempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly IGrainFactory _grains;
    private readonly int _concurrency;

    /// <summary>Creates the runner.</summary>
    /// <param name="grains">The grain factory (an <c>IClusterClient</c> or a silo's).</param>
    /// <param name="options">The grain options, for <see cref="HealthGrainOptions.PortfolioConcurrency"/>; <see langword="null"/> for the defaults.</param>
    public HealthPortfolio(IGrainFactory grains, IOptions<HealthGrainOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _concurrency = Math.Max(1, options?.Value.PortfolioConcurrency ?? new HealthGrainOptions().PortfolioConcurrency);
    }

    /// <summary>Evaluates the given accounts as of one date, each in its own grain, wherever it lives.</summary>
    /// <param name="accountIds">The accounts (each once; repeats are evaluated once).</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="progress">Told after each account; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops starting new accounts; those already running finish and are stored.</param>
    /// <returns>What the run did: counts, and each account that failed with why (an account whose silo stopped is tried again, up to three times).</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled; the accounts evaluated so far are stored.</exception>
    public async Task<PortfolioRun> EvaluateAsync(IEnumerable<string> accountIds, DateTimeOffset asOf, IProgress<PortfolioProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var ids = accountIds.Distinct(StringComparer.Ordinal).ToArray();
        var failures = new ConcurrentBag<PortfolioFailure>();
        var done = 0;
        var stored = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken }, async (id, _) =>
        {
            // A silo that stops mid-run fails the calls it held; the account's grain comes back on another silo, so try again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var view = await _grains.GetGrain<IAccountHealthGrain>(id).EvaluateAsync(asOf);
                    if (view.Stored)
                    {
                        Interlocked.Increment(ref stored);
                    }

                    break;
                }
                catch (Exception e) when (attempt < Attempts && IsTransient(e))
                {
                    await Task.Delay(RetryDelay, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add(new PortfolioFailure(id, e.Message));
                    break;
                }
            }

            var count = Interlocked.Increment(ref done);
            progress?.Report(new PortfolioProgress(count, ids.Length));
        });

        return new PortfolioRun
        {
            Total = ids.Length,
            Stored = stored,
            Failures = [.. failures.OrderBy(f => f.AccountId, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Evaluates every account the history store knows, or the segment whose latest snapshot passes
    /// <paramref name="segment"/> (for example <c>s =&gt; s.Profile == "enterprise"</c> or <c>s =&gt; s.Band == "at_risk"</c>).
    /// </summary>
    /// <param name="store">The history store the grains use.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="segment">Which accounts, by their latest snapshot; <see langword="null"/> for all (accounts never evaluated count only then).</param>
    /// <param name="progress">Told after each account.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<PortfolioRun> EvaluateAsync(IHealthHistoryStore store, DateTimeOffset asOf, Func<HealthSnapshot, bool>? segment = null, IProgress<PortfolioProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ids = new List<string>();
        await foreach (var id in store.ReadAccountIdsAsync(cancellationToken))
        {
            if (segment is null || ((await store.ReadAsync(id, null, cancellationToken)).Latest is { } latest && segment(latest)))
            {
                ids.Add(id);
            }
        }

        return await EvaluateAsync(ids, asOf, progress, cancellationToken);
    }

    // A silo that is stopping fails the calls it still holds: as unavailable, rejected or timed out, or, when its
    // services (the history store among them) are disposed under a call, as ObjectDisposedException. The grain comes
    // back on another silo, so each of these is worth another attempt; a store write is a transaction, so an attempt
    // that failed wrote all of its snapshot or none of it.
    private static bool IsTransient(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or ObjectDisposedException
            or OrleansException { InnerException: SiloUnavailableException or ObjectDisposedException };
}

/// <summary>How far a portfolio run is.</summary>
/// <param name="Done">Accounts finished (evaluated or failed).</param>
/// <param name="Total">Accounts in the run.</param>
public readonly record struct PortfolioProgress(int Done, int Total);

/// <summary>An account a portfolio run could not evaluate.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Message">Why, as the pipeline said it.</param>
public sealed record PortfolioFailure(string AccountId, string Message);

/// <summary>What a portfolio run did.</summary>
public sealed class PortfolioRun
{
    /// <summary>Gets the number of accounts in the run.</summary>
    public int Total { get; init; }

    /// <summary>Gets how many evaluations added a snapshot (the others had one of that as-of and model already).</summary>
    public int Stored { get; init; }

    /// <summary>Gets the accounts that failed, with why, in ordinal order.</summary>
    public IReadOnlyList<PortfolioFailure> Failures { get; init; } = [];
}
