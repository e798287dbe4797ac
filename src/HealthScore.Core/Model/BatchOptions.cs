namespace HealthScore.Core.Model;

/// <summary>How <see cref="HealthModel.ScoreBatchParallel"/> spreads a portfolio over cores.</summary>
public sealed class BatchOptions
{
    internal static readonly BatchOptions Default = new();

    /// <summary>Gets or sets the most cores to use; -1 for all.</summary>
    /// <value>The default value is -1.</value>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>Gets or sets how many consecutive accounts one worker scores at a time.</summary>
    /// <value>The default value is 16,384.</value>
    public int ChunkSize { get; set; } = 16_384;

    /// <summary>Gets or sets where to report the number of accounts scored so far (after each chunk).</summary>
    /// <value>The default value is <see langword="null"/> (no reports).</value>
    public IProgress<long>? Progress { get; set; }

    /// <summary>Gets or sets the token that cancels the batch between chunks.</summary>
    /// <value>The default value is <see cref="CancellationToken.None"/>.</value>
    public CancellationToken CancellationToken { get; set; }
}
