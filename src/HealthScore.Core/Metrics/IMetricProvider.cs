namespace HealthScore.Core.Metrics;

/// <summary>
/// Computes raw metric values for one account as of a date from the account's records.
/// </summary>
/// <remarks>
/// The contract, checked by the conformance tests in <c>HealthScore.Providers.Testing</c>:
/// <list type="bullet">
/// <item><description><see cref="Compute"/> writes exactly <see cref="Metrics"/>.Count values, value <c>i</c> for <c>Metrics[i]</c>.</description></item>
/// <item><description>No evidence is NaN (missing), never 0, unless the metric <see cref="MetricDescriptor.IsCount">is a count</see> and its source is present.</description></item>
/// <item><description>Records after <c>asOf</c> are ignored; a window of N days is (asOf − N days, asOf]: a record exactly N days old is outside, a record at asOf is inside.</description></item>
/// <item><description>The result depends only on the records and <c>asOf</c>: not on record order, the clock, or earlier calls.</description></item>
/// <item><description>No exception on empty input, no infinity in the output, and no heap allocation per call after warm-up.</description></item>
/// <item><description>Implementations are immutable and safe to call from many threads at once.</description></item>
/// </list>
/// </remarks>
public interface IMetricProvider
{
    /// <summary>Gets the metrics this provider produces, in the order of the values <see cref="Compute"/> writes.</summary>
    IReadOnlyList<MetricDescriptor> Metrics { get; }

    /// <summary>Computes the metric values of one account as of a date.</summary>
    /// <param name="records">The account's records.</param>
    /// <param name="asOf">The date the values are computed as of; later records are ignored.</param>
    /// <param name="destination">Receives <see cref="Metrics"/>.Count values; NaN means missing.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Metrics"/>.Count.</exception>
    void Compute(in AccountRecords records, DateTimeOffset asOf, Span<double> destination);
}
