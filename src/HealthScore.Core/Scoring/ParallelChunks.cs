using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>Splits a portfolio into chunks of accounts scored in parallel, with cancellation and progress from the caller's options.</summary>
internal static class ParallelChunks
{
    /// <summary>Calls <paramref name="score"/> with each chunk's first account and size, on as many threads as the options allow.</summary>
    public static void For(int accounts, BatchOptions? options, Action<int, int> score)
    {
        options ??= BatchOptions.Default;
        var chunk = Math.Max(1, options.ChunkSize);
        var chunks = (int)(((long)accounts + chunk - 1) / chunk);
        var done = 0L;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            CancellationToken = options.CancellationToken,
        };
        Parallel.For(0, chunks, parallel, c =>
        {
            var start = c * chunk;
            var count = Math.Min(chunk, accounts - start);
            score(start, count);
            var total = Interlocked.Add(ref done, count);
            options.Progress?.Report(total);
        });
    }
}
