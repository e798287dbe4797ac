using System.Buffers;
using System.Runtime.CompilerServices;
using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    /// <summary>
    /// Scores many accounts in one phase. <paramref name="values"/> holds the accounts one after another, each as
    /// one value per metric (row-major: account <c>i</c>'s metric <c>m</c> is at <c>i × Metrics.Count + m</c>).
    /// </summary>
    /// <param name="values">The accounts' metric values, row after row; NaN or ±∞ means missing.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="results">Receives one result per account; its length is the number of accounts.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold exactly one row per result.</exception>
    public void ScoreBatch(ReadOnlySpan<double> values, Phase phase, Span<HealthResult> results) =>
        BatchScoring.ScoreBatch(this, values, phase, results);

    /// <summary>Scores many accounts, each in its own phase. See <see cref="ScoreBatch(ReadOnlySpan{double}, Phase, Span{HealthResult})"/> for the layout.</summary>
    /// <param name="values">The accounts' metric values, row after row; NaN or ±∞ means missing.</param>
    /// <param name="phases">One phase per account, each one of this model's phases.</param>
    /// <param name="results">Receives one result per account.</param>
    /// <exception cref="ArgumentException">The spans do not line up, or a phase belongs to another model.</exception>
    public void ScoreBatch(ReadOnlySpan<double> values, ReadOnlySpan<Phase> phases, Span<HealthResult> results) =>
        BatchScoring.ScoreBatch(this, values, phases, results);

    /// <summary>
    /// Scores many accounts in one phase on several cores. Accounts are split into contiguous chunks; because
    /// scoring is a pure function of the model and the values, the result is the same as <see cref="ScoreBatch(ReadOnlySpan{double}, Phase, Span{HealthResult})"/>.
    /// </summary>
    /// <param name="values">The accounts' metric values, row after row.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="results">Receives one result per account.</param>
    /// <param name="options">Parallelism, progress and cancellation; <see langword="null"/> for the defaults.</param>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public void ScoreBatchParallel(ReadOnlyMemory<double> values, Phase phase, Memory<HealthResult> results, BatchOptions? options = null) =>
        BatchScoring.ScoreBatchParallel(this, values, phase, results, options);
}
