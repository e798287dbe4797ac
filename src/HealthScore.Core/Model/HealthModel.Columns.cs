using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using HealthScore.Core.Scoring;

namespace HealthScore.Core.Model;

public sealed partial class HealthModel
{
    /// <summary>
    /// Scores many accounts in one phase from a column-major buffer and writes each account's score. Account
    /// <c>a</c>'s value of metric <c>m</c> is at <c>m × stride + a</c>, so one column holds one metric for every
    /// account. Clamped linear scoring functions, the aggregation and the missing-data rules run on
    /// <see cref="Vector{T}"/> lanes; other scoring functions are evaluated one value at a time. Every score equals
    /// <c>HealthResult.Score</c> from <see cref="Score(ReadOnlySpan{double}, Phase)"/> for the same values.
    /// </summary>
    /// <param name="columns">One column per metric, each <paramref name="stride"/> values apart; NaN or ±∞ means missing.</param>
    /// <param name="stride">The distance between two metrics' columns; at least the number of accounts.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="scores">
    /// Receives one score per account (rounded to the model's decimals); its length is the number of accounts.
    /// NaN means insufficient data (the account has no score), never a score.
    /// </param>
    /// <exception cref="ArgumentException">The buffer is too short for the stride and the number of accounts, or the phase belongs to another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is less than the number of accounts.</exception>
    public void ScoreColumns(ReadOnlySpan<double> columns, int stride, Phase phase, Span<double> scores) =>
        ColumnScoring.ScoreColumns(this, columns, stride, phase, scores);

    /// <summary>
    /// Scores many accounts from a column-major buffer on several cores, in contiguous chunks of accounts. The
    /// scores are the same as <see cref="ScoreColumns(ReadOnlySpan{double}, int, Phase, Span{double})"/>.
    /// </summary>
    /// <param name="columns">One column per metric, each <paramref name="stride"/> values apart; NaN or ±∞ means missing.</param>
    /// <param name="stride">The distance between two metrics' columns; at least the number of accounts.</param>
    /// <param name="phase">The phase every account is judged in.</param>
    /// <param name="scores">Receives one score per account; NaN means insufficient data.</param>
    /// <param name="options">Parallelism, progress and cancellation; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The buffer is too short for the stride and the number of accounts, or the phase belongs to another model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is less than the number of accounts.</exception>
    /// <exception cref="OperationCanceledException">The options' cancellation token was cancelled.</exception>
    public void ScoreColumnsParallel(ReadOnlyMemory<double> columns, int stride, Phase phase, Memory<double> scores, BatchOptions? options = null) =>
        ColumnScoring.ScoreColumnsParallel(this, columns, stride, phase, scores, options);
}
